export const id = 318;
export const ids = [318];
export const modules = {

/***/ 6318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  addComplianceStates: () => (/* binding */ addComplianceStates),
  recordDeployments: () => (/* binding */ recordDeployments),
  requireCompliant: () => (/* binding */ requireCompliant)
});

// UNUSED EXPORTS: ComplianceError

// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/github/runtime-risks.ts
var runtime_risks = __webpack_require__(4722);
;// CONCATENATED MODULE: ./src/github/deployment-record.ts



// Limits of POST /orgs/{org}/artifacts/metadata/deployment-record.
const deploymentRecordBodySchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1).max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.name),
    digest: schemas/* string */.YjP().regex(/^sha256:[a-f0-9]{64}$/),
    version: schemas/* string */.YjP().max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.version).optional(),
    status: schemas/* enum */.k5n(['deployed', 'decommissioned']),
    logical_environment: schemas/* string */.YjP().min(1).max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.environment),
    physical_environment: schemas/* string */.YjP().max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.environment).optional(),
    cluster: schemas/* string */.YjP().max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.environment).optional(),
    deployment_name: schemas/* string */.YjP().min(1).max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.deploymentName),
    tags: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())
        .refine(tags => Object.keys(tags).length <= runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.tags, `at most ${runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.tags} tags`)
        .optional(),
    runtime_risks: schemas/* array */.YOg(schemas/* enum */.k5n(runtime_risks/* RUNTIME_RISKS */.U))
        .max(runtime_risks/* DEPLOYMENT_RECORD_LIMITS */.F.runtimeRisks)
        .refine(risks => new Set(risks).size === risks.length, 'each runtime risk once')
        .optional(),
    github_repository: schemas/* string */.YjP().min(1).optional()
});
const deploymentRecordAnswerSchema = schemas/* looseObject */._H3({
    total_count: schemas/* number */.aig().int().optional(),
    deployment_records: schemas/* array */.YOg(schemas/* looseObject */._H3({ id: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]) })).min(1)
});
/** `{repo}-{artifact}`: the artifact by its template name, else its file or image name. */
function defaultDeploymentName(repositoryName, artifactName, templateReferenceName) {
    return `${repositoryName}-${templateReferenceName ?? artifactShortName(artifactName)}`;
}
/** `build/app.jar` → `app.jar`; `ghcr.io/acme/api:1.2` → `api`; `acme/api@sha256:…` → `api`. */
function artifactShortName(name) {
    const withoutDigest = name.replace(/@sha256:[0-9a-fA-F]*$/, '');
    const last = withoutDigest.split('/').pop() ?? withoutDigest;
    const colon = last.lastIndexOf(':');
    return colon > 0 ? last.slice(0, colon) : last;
}
function buildDeploymentRecord(input) {
    const body = {
        name: input.artifactName,
        digest: `sha256:${input.fingerprint}`,
        version: input.version,
        status: input.status,
        logical_environment: input.logicalEnvironment,
        physical_environment: input.physicalEnvironment,
        cluster: input.cluster,
        deployment_name: input.deploymentName ??
            defaultDeploymentName(input.repositoryName, input.artifactName, input.templateReferenceName),
        tags: Object.keys(input.tags).length > 0 ? input.tags : undefined,
        runtime_risks: input.runtimeRisks.length > 0 ? input.runtimeRisks : undefined,
        github_repository: input.githubRepository
    };
    const parsed = deploymentRecordBodySchema.safeParse(Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
    if (!parsed.success) {
        const why = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`);
        throw new Error(`The deployment record for ${input.artifactName} is invalid: ${why.join('; ')}`);
    }
    return parsed.data;
}
const DEPLOYMENT_RECORD_ROUTE = 'POST /orgs/{org}/artifacts/metadata/deployment-record';
const PERMISSION_HINT = 'The job needs `permissions: artifact-metadata: write`, and the repository must belong to an organization (github-org).';
/**
 * Creates or updates the record; answers the record ids. A success whose answer is not the
 * record list is a warning with no ids: the record was written, and a re-run would write again.
 */
async function recordDeployment(octokit, org, body, warn) {
    let response;
    try {
        response = await octokit.request(DEPLOYMENT_RECORD_ROUTE, {
            org,
            ...body,
            headers: { 'X-GitHub-Api-Version': '2022-11-28' }
        });
    }
    catch (error) {
        throw new Error(describeDeploymentRecordError(error, org, body));
    }
    const answer = deploymentRecordAnswerSchema.safeParse(response.data);
    if (!answer.success) {
        warn(`POST /orgs/${org}/artifacts/metadata/deployment-record for ${body.name} answered ${response.status}, but not with a deployment record list (${answer.error.issues
            .map(issue => issue.path.join('.') || 'body')
            .join(', ')}); the record was written, its id is not known.`);
        return [];
    }
    return answer.data.deployment_records.map(record => String(record.id));
}
function describeDeploymentRecordError(error, org, body) {
    const status = error.status;
    const data = error.response?.data;
    const serverMessage = data && typeof data === 'object' && 'message' in data
        ? String(data.message)
        : error instanceof Error
            ? error.message
            : String(error);
    const errors = data && typeof data === 'object' && 'errors' in data
        ? ` ${JSON.stringify(data.errors)}`
        : '';
    const where = `POST /orgs/${org}/artifacts/metadata/deployment-record for ${body.name} (${body.logical_environment})`;
    const enterprise = enterpriseVersion(error);
    if (status === 404 && enterprise && /^not found$/i.test(serverMessage.trim())) {
        return (`${where} failed: 404: ${serverMessage}. This GitHub Enterprise Server ` +
            `(X-GitHub-Enterprise-Version: ${enterprise}) does not serve the deployment-record endpoint ` +
            `(artifact metadata), or does not know the organization ${org}. Record deployments another ` +
            'way, upgrade GitHub Enterprise Server to a version with artifact metadata, or leave ' +
            'deployment-environment unset so that the step writes no deployment record.');
    }
    let hint = '';
    if (status === 403 || status === 404 || /no artifacts found/i.test(serverMessage)) {
        hint = ` ${PERMISSION_HINT}`;
        if (status === 404) {
            hint += ' GitHub Enterprise Server versions without artifact metadata answer 404 here too.';
        }
    }
    else if (status === 401) {
        hint = ' The github-token was refused: check the github-token input.';
    }
    return `${where} failed${status ? `: ${status}` : ''}: ${serverMessage}${errors}.${hint}`;
}
// GitHub Enterprise Server names its version in every answer; github.com sends no such header.
function enterpriseVersion(error) {
    const headers = error.response?.headers;
    const value = headers?.['x-github-enterprise-version'];
    return typeof value === 'string' && value.trim() ? value.trim().slice(0, 40) : undefined;
}

// EXTERNAL MODULE: ./src/kosli/artifacts.ts
var kosli_artifacts = __webpack_require__(9155);
// EXTERNAL MODULE: ./src/kosli/errors.ts
var errors = __webpack_require__(8633);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
;// CONCATENATED MODULE: ./src/stages/deploy.ts





class ComplianceError extends Error {
}
/**
 * The artifacts with their compliance state in Kosli (and, for a bare digest, the name the build
 * job reported): new objects, the given ones are left as they are.
 */
async function addComplianceStates(settings, artifacts, kosli) {
    const { where } = settings;
    const known = await (0,kosli_artifacts/* findArtifactsByCommit */.zz)(kosli, where, settings.gitCommit, settings.trail);
    const result = [];
    for (const artifact of artifacts) {
        // A promoted build was reported for an earlier commit: ask Kosli by fingerprint.
        const match = known.find(item => item.fingerprint === artifact.fingerprint) ??
            (await (0,kosli_artifacts/* findArtifactByFingerprint */.D6)(kosli, where, artifact.fingerprint));
        const found = { ...artifact };
        if (match?.state) {
            found.complianceState = match.state;
            found.stateInfo = match.state_info ?? undefined;
        }
        // A bare digest has no name of its own; Kosli knows the one the build job reported.
        if (match && artifact.type === 'digest' && !settings.keepNames) {
            found.name = match.filename;
            found.templateReferenceName ??= match.template_reference_name ?? undefined;
        }
        result.push(found);
    }
    return result;
}
/**
 * require-compliant: Kosli's assert, one call per artifact (as the assert/ action makes it),
 * before anything is recorded; fails naming what each non-compliant artifact lacks.
 */
async function requireCompliant(settings, artifacts, deps) {
    // Loaded only by a gated deploy job.
    const { assertArtifacts } = await __webpack_require__.e(/* import() */ 149).then(__webpack_require__.bind(__webpack_require__, 1149));
    const scope = settings.environment
        ? `the policies of environment '${(0,print/* inert */.tJ)(settings.environment)}'`
        : `the template of flow '${(0,print/* inert */.tJ)(settings.flow)}'`;
    const verdicts = [];
    let notChecked = [];
    for (const [index, artifact] of artifacts.entries()) {
        try {
            const { verdicts: [verdict] } = await assertArtifacts({
                org: settings.org,
                flow: settings.flow,
                environment: settings.environment,
                policies: [],
                artifacts: [{ fingerprint: artifact.fingerprint, name: artifact.name }],
                gitCommit: ''
            }, deps);
            // Without a named attestation, the state Kosli gave the artifact says more.
            const unnamed = verdict.missing.length + verdict.non_compliant.length === 0;
            if (!verdict.compliant && unnamed && artifact.stateInfo && verdict.reasons.length === 1) {
                verdict.reasons = [
                    `Kosli reports it ${artifact.complianceState ?? 'not compliant'}: ${artifact.stateInfo}`
                ];
            }
            verdicts.push(verdict);
        }
        catch (error) {
            // A later outage never drops a known NON-COMPLIANT verdict: the gate fails on it.
            if ((0,errors/* isKosliUnavailable */.xf)(error) && verdicts.some(verdict => !verdict.compliant)) {
                notChecked = artifacts.slice(index).map(a => a.name);
                deps.log.info(`Kosli is unavailable, so ${notChecked.length} artifact(s) were not checked: ${notChecked.map(print/* inert */.tJ).join(', ')}`);
                break;
            }
            // Kosli does not know the artifact in this flow: that is what is missing, not a fault.
            if (!(error instanceof errors/* KosliHttpError */.TM) ||
                error.status !== 404 ||
                !/^artifact\b/i.test(error.serverMessage ?? '')) {
                throw error;
            }
            const reason = `not found in flow '${settings.flow}' in Kosli: report it from the build job first`;
            deps.log.info(`${(0,print/* inert */.tJ)(artifact.name)}: NON-COMPLIANT (${(0,print/* inert */.tJ)(reason)})`);
            verdicts.push({
                fingerprint: artifact.fingerprint,
                name: artifact.name,
                compliant: false,
                missing: [],
                non_compliant: [],
                reasons: [reason],
                noPolicyEvaluated: false
            });
        }
    }
    const failing = verdicts.filter(verdict => !verdict.compliant);
    if (failing.length > 0) {
        const lines = failing.map(verdict => `- ${(0,print/* inert */.tJ)(verdict.name)} (${verdict.fingerprint.slice(0, 12)}): ${verdict.reasons.map(print/* inert */.tJ).join('; ')}`);
        if (notChecked.length > 0) {
            lines.push(`- not checked (Kosli became unavailable): ${notChecked.map(print/* inert */.tJ).join(', ')}`);
        }
        throw new ComplianceError(`require-compliant is true, and ${failing.length} of ${artifacts.length} artifact(s) do not pass Kosli's assert against ${scope}; no deployment was recorded:\n${lines.join('\n')}`);
    }
    return verdicts;
}
/** One deployment record per artifact, created or updated in the organization's artifact metadata. */
async function recordDeployments(settings, artifacts, deps) {
    const { org, environment } = settings;
    const bodies = artifacts.map(artifact => buildDeploymentRecord({
        artifactName: artifact.name,
        fingerprint: artifact.fingerprint,
        templateReferenceName: artifact.templateReferenceName ?? settings.templateReferenceName,
        status: settings.status,
        logicalEnvironment: environment,
        physicalEnvironment: settings.physicalEnvironment,
        cluster: settings.cluster,
        deploymentName: settings.deploymentName,
        version: settings.version,
        tags: settings.tags,
        runtimeRisks: settings.runtimeRisks,
        repositoryName: settings.repo,
        // GitHub refuses a repository that does not belong to the organization in the path.
        githubRepository: org.toLowerCase() === settings.owner.toLowerCase() ? settings.repo : undefined
    }));
    const names = bodies.map(body => body.deployment_name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) {
        throw new Error(`deployment-name "${repeated}" would be used for ${artifacts.length} artifacts, so each record would overwrite the last: leave deployment-name unset to get one per artifact.`);
    }
    return (0,concurrency/* mapLimit */.s)(bodies, 4, async (body, index) => {
        const artifact = artifacts[index];
        let recordIds = [];
        if (settings.dryRun) {
            // The same shape as the Kosli client's dry run: method, full URL, then the body.
            const url = `${settings.apiUrl.replace(/\/+$/, '')}/orgs/${encodeURIComponent(org)}/artifacts/metadata/deployment-record`;
            deps.log.startGroup(`Dry run: POST ${url} (${artifact.name})`);
            deps.log.info(`POST ${url}`);
            deps.log.info(JSON.stringify(body, null, 2));
            deps.log.endGroup();
        }
        else {
            recordIds = await recordDeployment(deps.octokit, org, body, line => deps.log.warning(line));
            const ids = recordIds.length > 0 ? ` (record ${recordIds.join(', ')})` : '';
            deps.log.info(`Recorded ${body.status} of ${(0,print/* inert */.tJ)(artifact.name)} to ${(0,print/* inert */.tJ)(environment)} as ${(0,print/* inert */.tJ)(body.deployment_name)}${(0,print/* inert */.tJ)(ids)}`);
        }
        return {
            artifact: artifact.name,
            fingerprint: artifact.fingerprint,
            environment,
            physicalEnvironment: body.physical_environment,
            cluster: body.cluster,
            deploymentName: body.deployment_name,
            status: body.status,
            complianceState: artifact.complianceState,
            recordIds
        };
    });
}


/***/ })

};
