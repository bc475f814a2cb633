export const id = 869;
export const ids = [869];
export const modules = {

/***/ 5869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildMoreEvidence: () => (/* binding */ buildMoreEvidence),
  prepareMoreEvidence: () => (/* binding */ prepareMoreEvidence)
});

// UNUSED EXPORTS: isMoreKind

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/shapes/patterns.ts
var patterns = __webpack_require__(5395);
// EXTERNAL MODULE: ./src/evidence/payloads.ts + 1 modules
var payloads = __webpack_require__(3405);
;// CONCATENATED MODULE: ./src/evidence/more-payloads.ts



// data_json of the decision, sbom, sonar and jira attestations (kosli-evidence.md §3.10–3.13).
// Kosli's published schema (the OpenAPI snapshot) lists none of them: each shape follows the Kosli
// CLI's struct at the commit the spec names. UNVERIFIED against the server's own schema.
const commonShape = payloads/* genericDataSchema */.$p.omit({ is_compliant: true }).shape;
/** decision: the CLI's DecisionAttestationPayload (attestDecision.go at 71ac0f3). */
const decisionDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    type_name: schemas/* literal */.euz('decision'),
    control: schemas/* string */.YjP().min(1),
    attestation_data: schemas/* strictObject */.rej({ is_compliant: schemas/* boolean */.zMY() })
});
/** What sbom.go reads from an SBOM (its Document struct at 0001fd1). */
const sbomDocumentSchema = schemas/* strictObject */.rej({
    created_at: schemas/* string */.YjP().nullable(),
    tools: schemas/* array */.YOg(schemas/* string */.YjP()).nullable(),
    subject: schemas/* strictObject */.rej({
        name: schemas/* string */.YjP(),
        version: schemas/* string */.YjP().nullable(),
        purl: schemas/* string */.YjP().nullable(),
        sha256: schemas/* string */.YjP().regex(patterns/* FINGERPRINT */.lj).nullable()
    })
        .nullable(),
    package_count: schemas/* number */.aig().int().nonnegative()
});
/** sbom: the CLI's SbomAttestationPayload (attestSbom.go at 233cacf). */
const sbomDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    type_name: schemas/* literal */.euz('sbom'),
    attestation_data: schemas/* strictObject */.rej({
        format: schemas/* string */.YjP().regex(/^(cyclonedx|spdx)-\d+\.\d+$/),
        original_fingerprint: schemas/* string */.YjP().regex(patterns/* FINGERPRINT */.lj),
        document: sbomDocumentSchema
    })
});
const sonarConditionSchema = schemas/* strictObject */.rej({
    metric: schemas/* string */.YjP(),
    errorThreshold: schemas/* string */.YjP(),
    operator: schemas/* string */.YjP(),
    // The CLI leaves it out when Sonar gives none.
    value: schemas/* string */.YjP().optional(),
    status: schemas/* string */.YjP()
});
/**
 * sonar_results: the CLI's SonarResults (internal/sonar/sonar.go at 71ac0f3), camelCase as it
 * sends them; `branch`, `pullRequest` and `qualityGate` are left out when unknown, as it does.
 */
const sonarResultsSchema = schemas/* strictObject */.rej({
    serverUrl: schemas/* string */.YjP(),
    taskId: schemas/* string */.YjP(),
    status: schemas/* string */.YjP(),
    analysedAt: schemas/* string */.YjP(),
    revision: schemas/* string */.YjP(),
    project: schemas/* strictObject */.rej({ key: schemas/* string */.YjP(), name: schemas/* string */.YjP().optional(), url: schemas/* string */.YjP() }),
    branch: schemas/* strictObject */.rej({ name: schemas/* string */.YjP().optional(), type: schemas/* string */.YjP().optional() }).optional(),
    pullRequest: schemas/* string */.YjP().optional(),
    qualityGate: schemas/* strictObject */.rej({ status: schemas/* string */.YjP(), conditions: schemas/* array */.YOg(sonarConditionSchema) })
        .optional()
});
const sonarDataSchema = schemas/* strictObject */.rej({ ...commonShape, sonar_results: sonarResultsSchema });
/** One jira_results entry: the CLI's JiraIssueInfo (internal/jira/jira.go at 71ac0f3), no fields. */
const jiraResultSchema = schemas/* strictObject */.rej({
    issue_id: schemas/* string */.YjP().regex(/^[A-Z][A-Z0-9_]{1,9}-[0-9]+$/),
    issue_url: schemas/* string */.YjP(),
    issue_exists: schemas/* boolean */.zMY()
});
const jiraDataSchema = schemas/* strictObject */.rej({ ...commonShape, jira_results: schemas/* array */.YOg(jiraResultSchema) });
function decisionData(c, control, compliant) {
    return decisionDataSchema.parse({
        ...(0,payloads/* commonFields */.dG)(c),
        type_name: 'decision',
        control,
        attestation_data: { is_compliant: compliant }
    });
}
/** The annotation keys the sbom type sets itself: a user's own would be overwritten. */
const SBOM_ANNOTATIONS = (/* unused pure expression or super */ null && (['sbom_format', 'sbom_sha256']));
/** The SBOM's format and SHA-256 are also annotations: a person sees them on the trail page. */
function sbomData(c, summary, sha256) {
    return sbomDataSchema.parse({
        ...(0,payloads/* commonFields */.dG)({
            ...c,
            annotations: { ...c.annotations, sbom_format: summary.format, sbom_sha256: sha256 }
        }),
        type_name: 'sbom',
        attestation_data: {
            format: summary.format,
            original_fingerprint: sha256,
            document: summary.document
        }
    });
}
function sonarData(c, results) {
    return sonarDataSchema.parse({ ...(0,payloads/* commonFields */.dG)(c), sonar_results: results });
}
/** `jira_results` is always a list: `[]` when no key was found, as the CLI sends it. */
function jiraData(c, results) {
    return jiraDataSchema.parse({ ...(0,payloads/* commonFields */.dG)(c), jira_results: results });
}

// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
;// CONCATENATED MODULE: ./src/attestations/more.ts


function isMoreKind(kind) {
    return kind === 'sbom' || kind === 'sonar' || kind === 'jira' || kind === 'decision';
}
/**
 * Reads the local evidence of a type: the SBOM file (parsed here, its parsers loaded only now)
 * or Sonar's report file. Every problem is an input error naming the file, before any request.
 */
async function prepareMoreEvidence(kind, settings) {
    if (kind === 'sbom') {
        const { readSbomEvidence } = await Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(596), __webpack_require__.e(622), __webpack_require__.e(463)]).then(__webpack_require__.bind(__webpack_require__, 1463));
        return { kind: 'sbom', ...(await readSbomEvidence(settings.results, settings.workspace)) };
    }
    if (kind === 'sonar' && settings.sonar) {
        const { sonarSource } = await Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(596), __webpack_require__.e(622), __webpack_require__.e(269)]).then(__webpack_require__.bind(__webpack_require__, 1269));
        return { kind: 'sonar', source: await sonarSource(settings.sonar, settings.workspace) };
    }
    return { kind: 'none' };
}
/** Asks the type's outside service, if any, and builds what is sent. */
async function buildMoreEvidence(kind, settings, common, prepared, deps) {
    switch (kind) {
        case 'decision': {
            const control = settings.control ?? '';
            const compliant = settings.compliant === true;
            return {
                data: decisionData(common, control, compliant),
                compliant,
                ...(compliant
                    ? {}
                    : { nonCompliantBecause: `the decision on control ${(0,print/* inert */.tJ)(control)} is not compliant` }),
                details: { kind: 'decision', control, compliant }
            };
        }
        case 'sbom': {
            if (prepared.kind !== 'sbom')
                throw new Error('The SBOM was not read before sending.');
            const { summary } = prepared;
            deps.log.info(`SBOM ${(0,print/* inert */.tJ)(prepared.filename)}: ${summary.format}, ${summary.document.package_count} packages, sha256 ${prepared.sha256}.`);
            return {
                data: sbomData(common, summary, prepared.sha256),
                compliant: undefined,
                file: { filename: prepared.filename, bytes: prepared.bytes },
                details: {
                    kind: 'sbom',
                    filename: prepared.filename,
                    sha256: prepared.sha256,
                    summary
                }
            };
        }
        case 'sonar': {
            if (prepared.kind !== 'sonar' || !settings.sonar) {
                throw new Error('The Sonar analysis was not located before sending.');
            }
            const { readSonarResults } = await __webpack_require__.e(/* import() */ 417).then(__webpack_require__.bind(__webpack_require__, 7417));
            const results = await readSonarResults(prepared.source, settings.sonar, deps.log);
            return {
                data: sonarData(common, results),
                compliant: undefined,
                details: { kind: 'sonar', results }
            };
        }
        case 'jira': {
            if (!settings.jira)
                throw new Error('The jira type needs its Jira settings.');
            const { findJiraIssues } = await __webpack_require__.e(/* import() */ 524).then(__webpack_require__.bind(__webpack_require__, 2524));
            const found = await findJiraIssues(settings.jira, deps);
            return {
                data: jiraData(common, found.results),
                compliant: found.compliant,
                ...(found.nonCompliantBecause ? { nonCompliantBecause: found.nonCompliantBecause } : {}),
                details: {
                    kind: 'jira',
                    results: found.results,
                    ...(found.unreachable ? { unreachable: found.unreachable } : {})
                }
            };
        }
    }
}


/***/ })

};
