export const id = 220;
export const ids = [220];
export const modules = {

/***/ 3055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J4: () => (/* binding */ assertScope),
/* harmony export */   YJ: () => (/* binding */ attestationStatusSchema),
/* harmony export */   a2: () => (/* binding */ assertVerdict),
/* harmony export */   qi: () => (/* binding */ noPolicyWarning),
/* harmony export */   wU: () => (/* binding */ assertAnswerSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(0);
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3996);


/** One attestation's status in Kosli's assert and trail answers. */
const attestationStatusSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    attestation_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    attestation_type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    status: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    is_compliant: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish(),
    unexpected: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish()
});
const complianceStatusSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    status: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    is_compliant: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish(),
    attestations_statuses: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(attestationStatusSchema).nullish()
})
    .nullish();
const resolutionSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    context: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        flow_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
        trail_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
        for_control: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish()
    })
        .nullish()
});
const ruleEvaluationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
        definition: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(), type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish() }).nullish()
    })
        .nullish(),
    satisfied: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish(),
    ignored: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish(),
    resolutions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(resolutionSchema).nullish()
});
/** The fields of Kosli's assert answer the verdict is made from; other fields are ignored. */
const assertAnswerSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    compliant: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    scope: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['flow', 'environment', 'policy']),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    flow: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    trail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    html_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    compliance_status: complianceStatusSchema,
    // Kosli's published schema says an object; servers answer a list. Both are read.
    flows: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            flow: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
            trail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
            compliant: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish(),
            compliance_status: complianceStatusSchema
        })),
        zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({}).passthrough()
    ])
        .nullish(),
    environment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    policy_evaluations: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        policy_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        status: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
        rule_evaluations: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ruleEvaluationSchema).nullish()
    }))
        .nullish()
});
/** The scope Kosli answers in for these query parameters (kosli-evidence.md §4). */
function assertScope(environment, policies) {
    return environment ? 'environment' : policies.length > 0 ? 'policy' : 'flow';
}
/** "no policy is attached to environment E; the verdict is Kosli's" */
function noPolicyWarning(environment) {
    return `no policy is attached to environment ${environment}; the verdict is Kosli's`;
}
/**
 * Shape Kosli's assert answer into the action's verdict: Kosli's `compliant`, always, with the
 * reasons in words. `name` is the artifact's filename in Kosli when known (else the fingerprint
 * is used). An answer to another question (scope or fingerprint) is an error naming both.
 */
function assertVerdict(answer, name, asked) {
    const parsed = assertAnswerSchema.safeParse(answer);
    if (!parsed.success) {
        throw new Error('Kosli answered the assert with a body the action cannot read (no compliant/scope/fingerprint).');
    }
    const a = parsed.data;
    if (asked)
        checkQuestion(a, asked);
    const missing = new Set();
    const nonCompliant = new Set();
    const reasons = [];
    const evaluations = a.policy_evaluations ?? [];
    // An environment with no policy: Kosli judged the artifact as for flow scope, so read it so.
    const noPolicyEvaluated = a.scope === 'environment' && evaluations.length === 0;
    if (a.scope === 'flow' || noPolicyEvaluated) {
        const statuses = [
            ...(a.compliance_status?.attestations_statuses ?? []),
            ...(Array.isArray(a.flows)
                ? a.flows.flatMap(f => f.compliance_status?.attestations_statuses ?? [])
                : [])
        ];
        for (const s of statuses) {
            if (s.status === 'MISSING')
                missing.add(s.attestation_name);
            else if (s.is_compliant === false)
                nonCompliant.add(s.attestation_name);
        }
        for (const n of missing)
            reasons.push(`missing the required '${n}' attestation in its trail`);
        for (const n of nonCompliant)
            reasons.push(`the '${n}' attestation is non-compliant`);
    }
    else {
        for (const policy of evaluations) {
            // A policy Kosli found compliant failed nothing, whatever its rules list (as the CLI reads it).
            if (policy.status === 'COMPLIANT')
                continue;
            for (const rule of policy.rule_evaluations ?? []) {
                if (rule.ignored || rule.satisfied === true)
                    continue;
                for (const r of rule.resolutions ?? []) {
                    if (r.type === 'rule_satisfied' || r.type === 'rule_not_applicable')
                        continue;
                    reasons.push(`policy '${policy.policy_name}': ${resolutionWords(r, rule, missing, nonCompliant)}`);
                }
            }
            if (policy.status === 'NON-COMPLIANT' &&
                !reasons.some(r => r.startsWith(`policy '${policy.policy_name}'`))) {
                reasons.push(`policy '${policy.policy_name}' is not satisfied`);
            }
        }
    }
    const compliant = a.compliant;
    if (!compliant && reasons.length === 0) {
        reasons.push('Kosli reports the artifact as not compliant without naming a missing or failed attestation');
    }
    const first = Array.isArray(a.flows) ? a.flows[0] : undefined;
    const flow = a.flow ?? first?.flow ?? undefined;
    const trail = a.trail ?? first?.trail ?? undefined;
    return {
        fingerprint: a.fingerprint,
        name: name || a.fingerprint,
        compliant,
        missing: [...missing],
        non_compliant: [...nonCompliant],
        reasons,
        noPolicyEvaluated,
        ...(a.html_url ? { url: a.html_url } : {}),
        ...(flow ? { flow } : {}),
        ...(trail ? { trail } : {})
    };
}
/** The verdict belongs to the question asked: another scope or fingerprint is not an answer. */
function checkQuestion(a, asked) {
    const sameFingerprint = a.fingerprint.toLowerCase() === asked.fingerprint.toLowerCase();
    if (sameFingerprint && a.scope === asked.scope)
        return;
    const given = a.fingerprint.length > 80 ? `${a.fingerprint.slice(0, 80)}…` : a.fingerprint;
    throw new Error(`Kosli answered the assert of ${asked.fingerprint} (scope ${asked.scope}) with a verdict ` +
        `for fingerprint ${(0,_print_js__WEBPACK_IMPORTED_MODULE_0__/* .inert */ .tJ)(JSON.stringify(given))} (scope ${a.scope}): the answer is not about ` +
        `what was asked, so the gate cannot use it. Check that host points at Kosli itself, not a ` +
        `cache or proxy that answers for other requests.`);
}
function resolutionWords(r, rule, missing, nonCompliant) {
    const name = rule.rule?.definition?.name ?? undefined;
    const type = rule.rule?.definition?.type ?? undefined;
    const control = r.context?.for_control ?? undefined;
    const label = control ?? name ?? type ?? 'an attestation';
    const where = r.context?.trail_name ? ` in trail '${r.context.trail_name}'` : '';
    switch (r.type) {
        case 'missing_attestation':
            missing.add(label);
            return control
                ? `missing the required ${type ?? 'attestation'} for control '${control}'${where}`
                : `missing the required '${label}'${type ? ` (${type})` : ''} attestation${where}`;
        case 'non_compliant_attestation':
            nonCompliant.add(label);
            return control
                ? `the decision for control '${control}' is non-compliant${where}`
                : `the '${label}' attestation is non-compliant${where}`;
        case 'non_compliant_in_trail':
            return `the artifact is not compliant in its trail${where}`;
        case 'no_provenance':
        case 'missing_provenance':
            return 'the artifact has no provenance in Kosli: report it to a flow first';
        case 'legacy_flow':
            return 'the artifact comes from a legacy flow, which policies cannot evaluate';
        default:
            return `rule not satisfied (${r.type})`;
    }
}


/***/ }),

/***/ 2220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readTrailState: () => (/* binding */ readTrailState),
  renderAssertSummary: () => (/* binding */ renderAssertSummary),
  renderAttestSummary: () => (/* binding */ renderAttestSummary),
  renderTrail: () => (/* binding */ renderTrail),
  trailUrl: () => (/* binding */ trailUrl)
});

// EXTERNAL MODULE: ./src/kosli/paths.ts
var paths = __webpack_require__(8252);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/evidence/assert.ts
var assert = __webpack_require__(3055);
;// CONCATENATED MODULE: ./src/evidence/trail-summary.ts


/** The fields of Kosli's GET trail answer the summary is made from. */
const trailAnswerSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP(),
    compliance_state: schemas/* string */.YjP().nullish(),
    html_url: schemas/* string */.YjP().nullish(),
    compliance_status: schemas/* object */.Ikc({
        status: schemas/* string */.YjP().nullish(),
        attestations_statuses: schemas/* array */.YOg(assert/* attestationStatusSchema */.YJ).nullish(),
        artifacts_statuses: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({
            status: schemas/* string */.YjP().nullish(),
            attestations_statuses: schemas/* array */.YOg(assert/* attestationStatusSchema */.YJ).nullish()
        }))
            .nullish()
    })
        .nullish()
});
/** Shape GET /trails/{org}/{flow}/{trail} into summary rows; unexpected attestations are left out. */
function trailSummary(answer) {
    const parsed = trailAnswerSchema.safeParse(answer);
    if (!parsed.success)
        throw new Error('Kosli answered the trail request with a body the action cannot read.');
    const t = parsed.data;
    const rows = [];
    const add = (artifact, statuses) => {
        for (const s of statuses ?? []) {
            if (s.unexpected)
                continue;
            rows.push({
                ...(artifact === undefined ? {} : { artifact }),
                attestation: s.attestation_name,
                ...(s.attestation_type ? { type: s.attestation_type } : {}),
                status: s.status === 'MISSING' || !s.status
                    ? 'missing'
                    : s.is_compliant === false
                        ? 'non-compliant'
                        : 'complete'
            });
        }
    };
    add(undefined, t.compliance_status?.attestations_statuses);
    const artifacts = Object.entries(t.compliance_status?.artifacts_statuses ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [artifact, status] of artifacts)
        add(artifact, status.attestations_statuses);
    return {
        name: t.name,
        ...(t.html_url ? { url: t.html_url } : {}),
        ...(t.compliance_state ? { state: t.compliance_state } : {}),
        rows
    };
}

// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(6587);
// EXTERNAL MODULE: ./src/shapes/patterns.ts
var patterns = __webpack_require__(5395);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/stages/evidence-details.ts

// The job summary's account of sbom, sonar, jira and decision evidence: what a person checks
// (SBOM: format, tools, packages, subject; Sonar: the gate and its failed conditions; Jira: each
// key and whether it exists). Every value from a file or a server is escaped here.
const BUDGET = summary/* SUMMARY_LIMIT */.Jt / 4;
function renderEvidenceDetails(details) {
    switch (details.kind) {
        case 'decision':
            return `Control ${(0,summary/* codeSpan */.SS)(details.control)}: ${details.compliant ? '✅ compliant' : '❌ not compliant'}.`;
        case 'sbom': {
            const d = details.summary.document;
            const subject = d.subject
                ? [
                    (0,summary/* markdownText */.p7)(d.subject.name || '(no name)'),
                    d.subject.version ? (0,summary/* markdownText */.p7)(d.subject.version) : undefined,
                    d.subject.purl ? (0,summary/* codeSpan */.SS)(d.subject.purl) : undefined,
                    d.subject.sha256 ? (0,summary/* codeSpan */.SS)(`sha256:${d.subject.sha256}`) : undefined
                ]
                    .filter(Boolean)
                    .join(' ')
                : '– (the SBOM names none)';
            return (0,summary/* table */.tp)(['SBOM', 'Format', 'Created', 'Tools', 'Packages', 'Subject', 'SHA-256'], [
                [
                    (0,summary/* markdownText */.p7)(details.filename),
                    (0,summary/* codeSpan */.SS)(details.summary.format),
                    d.created_at ? (0,summary/* markdownText */.p7)(d.created_at) : '–',
                    d.tools && d.tools.length > 0 ? d.tools.map(t => (0,summary/* markdownText */.p7)(t)).join(', ') : '–',
                    String(d.package_count),
                    subject,
                    (0,summary/* codeSpan */.SS)(details.sha256)
                ]
            ], 'SBOM', BUDGET);
        }
        case 'sonar':
            return renderSonar(details);
        case 'jira':
            return renderJira(details);
    }
}
function renderSonar(details) {
    const r = details.results;
    const gate = r.qualityGate;
    const where = r.pullRequest
        ? `pull request ${(0,summary/* markdownText */.p7)(r.pullRequest)}`
        : r.branch?.name
            ? `branch ${(0,summary/* markdownText */.p7)(r.branch.name)}`
            : 'main branch';
    const status = gate
        ? gate.status === 'OK'
            ? '✅ passed'
            : gate.status === 'ERROR'
                ? '❌ failed'
                : (0,summary/* markdownText */.p7)(gate.status)
        : '– (no quality gate)';
    const head = `Sonar: ${(0,summary/* link */.nf)((0,summary/* markdownText */.p7)(r.project.name || r.project.key), r.project.url)} (${where}, revision ${(0,summary/* codeSpan */.SS)(r.revision)}, analysed ${(0,summary/* markdownText */.p7)(r.analysedAt)}): quality gate ${status}.`;
    const failed = (gate?.conditions ?? []).filter(c => c.status !== 'OK');
    if (failed.length === 0)
        return head;
    return `${head}\n\n${(0,summary/* table */.tp)(['Failed condition', 'Value', 'Operator', 'Threshold', 'Status'], failed.map(c => [
        (0,summary/* codeSpan */.SS)(c.metric),
        c.value === undefined ? '–' : (0,summary/* markdownText */.p7)(c.value),
        (0,summary/* markdownText */.p7)(c.operator),
        (0,summary/* markdownText */.p7)(c.errorThreshold),
        (0,summary/* markdownText */.p7)(c.status)
    ]), `${failed.length} failed conditions`, BUDGET)}`;
}
function renderJira(details) {
    const lines = [];
    if (details.unreachable) {
        lines.push(`⚠️ Jira could not be reached, so every key is recorded as not existing: ${(0,summary/* markdownText */.p7)(details.unreachable, 1000)}`, '');
    }
    if (details.results.length === 0) {
        lines.push('No Jira issue key was found in the commit message, the branch or the secondary source.');
        return lines.join('\n');
    }
    lines.push((0,summary/* table */.tp)(['Jira issue', 'Exists'], details.results.map(r => [
        (0,summary/* link */.nf)((0,summary/* markdownText */.p7)(r.issue_id), r.issue_url),
        r.issue_exists ? '✅ yes' : '❌ no'
    ]), `${details.results.length} Jira issues`, BUDGET));
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/stages/evidence-summary.ts






/** `{host}/{org}/flows/{flow}/trails/{trail}`, each segment encoded. */
function trailUrl(host, org, flow, trail) {
    return `${host}/${[org, 'flows', flow, 'trails', trail].map(encodeURIComponent).join('/')}`;
}
/** One GET of the trail; a failure is a warning, since the evidence step itself is done. */
async function readTrailState(kosli, where, log) {
    const url = trailUrl(where.host, where.org, where.flow, where.trail);
    try {
        const answer = await kosli.get(paths/* evidencePaths */.AH.getTrail(where.org, where.flow, where.trail), trailAnswerSchema);
        return { trail: where.trail, url, summary: trailSummary(answer) };
    }
    catch (error) {
        const failed = (0,error_message/* messageOf */.bD)(error);
        log.warning(`Could not read the trail for the job summary: ${failed}`);
        return { trail: where.trail, url, failed };
    }
}
const STATUS = {
    complete: '✅ complete',
    missing: '⏳ missing',
    'non-compliant': '❌ non-compliant'
};
// A trail still waiting for evidence is INCOMPLETE: it may yet pass.
const trailBadge = (state) => (0,patterns/* stateBadge */.NG)(state, '⏳', summary/* markdownText */.p7);
/** A trail: a link, its state, and each expected attestation on a row with its status. */
function renderTrail(state, budget = summary/* SUMMARY_LIMIT */.Jt) {
    const title = `${(0,summary/* link */.nf)((0,summary/* markdownText */.p7)(state.trail), state.url)}${state.flow === undefined ? '' : ` in flow ${(0,summary/* markdownText */.p7)(state.flow)}`}`;
    if (!state.summary) {
        return `#### Trail ${title}\n\nNot read: ${(0,summary/* markdownText */.p7)((0,summary/* capText */.yA)(state.failed ?? 'unknown', 1000))}\n`;
    }
    const s = state.summary;
    const lines = [`#### Trail ${title} — ${trailBadge(s.state)}`, ''];
    if (s.rows.length === 0) {
        lines.push('Its template expects no attestation.', '');
        return lines.join('\n');
    }
    const rows = s.rows.map(row => [
        row.artifact === undefined ? '(trail)' : (0,summary/* markdownText */.p7)(row.artifact),
        (0,summary/* markdownText */.p7)(row.attestation),
        // Not a code span: a `|` inside one still ends a GFM table cell.
        row.type ? (0,summary/* markdownText */.p7)(row.type) : '–',
        STATUS[row.status] ?? (0,summary/* markdownText */.p7)(row.status)
    ]);
    lines.push((0,summary/* table */.tp)(['Artifact', 'Attestation', 'Type', 'Status'], rows, `${rows.length} expected attestations`, budget));
    return lines.join('\n');
}
function renderAttestSummary(s) {
    const parts = [`### Kosli evidence: ${(0,summary/* markdownText */.p7)(s.name)} (${(0,summary/* codeSpan */.SS)(s.type)})`, ''];
    if (s.error)
        parts.push(`❌ Not recorded: ${(0,summary/* markdownText */.p7)((0,summary/* capText */.yA)(s.error, 4000))}`, '');
    else if (s.skipped)
        parts.push(`⚠️ Not recorded: Kosli is unavailable (${(0,summary/* markdownText */.p7)((0,summary/* capText */.yA)(s.skipped, 4000))})`, '');
    else if (s.dryRun)
        parts.push('Dry run: nothing was recorded.', '');
    else if (s.recorded) {
        const verdict = s.compliant === undefined
            ? 'Kosli decides its compliance'
            : s.compliant
                ? 'compliant'
                : 'non-compliant';
        parts.push(`Recorded: ${verdict}.`, '');
    }
    if (s.approvalDetails)
        parts.push(s.approvalDetails, '');
    if (s.details && !s.error)
        parts.push(renderEvidenceDetails(s.details), '');
    for (const trail of s.trails)
        parts.push(renderTrail(trail));
    return parts.join('\n');
}
function renderAssertSummary(s) {
    const parts = [`### Kosli assert: ${(0,summary/* markdownText */.p7)(s.scope)}`, ''];
    if (s.notChecked) {
        // Verdicts known before the outage stay; only the rest are not checked.
        const what = s.verdicts.length > 0 ? 'Some artifacts not checked' : 'Gate not checked';
        parts.push(`⚠️ ${what}: Kosli is unavailable (${(0,summary/* markdownText */.p7)((0,summary/* capText */.yA)(s.notChecked, 4000))}).`, '');
    }
    if (s.error)
        parts.push(`❌ ${(0,summary/* markdownText */.p7)((0,summary/* capText */.yA)(s.error, 4000))}`, '');
    if (s.verdicts.length > 0) {
        const rows = s.verdicts.map(v => [
            (0,summary/* link */.nf)((0,summary/* markdownText */.p7)(v.name), v.url),
            v.compliant ? '✅ compliant' : '❌ non-compliant',
            v.missing.map(n => (0,summary/* markdownText */.p7)(n)).join(', ') || '–',
            v.non_compliant.map(n => (0,summary/* markdownText */.p7)(n)).join(', ') || '–',
            v.reasons.map(r => (0,summary/* markdownText */.p7)(r)).join('; ') || '–'
        ]);
        parts.push((0,summary/* table */.tp)(['Artifact', 'Verdict', 'Missing', 'Non-compliant', 'Why'], rows, `${rows.length} artifacts`, summary/* SUMMARY_LIMIT */.Jt / 2));
    }
    for (const trail of s.trails)
        parts.push(renderTrail(trail, summary/* SUMMARY_LIMIT */.Jt / (2 * s.trails.length)));
    return parts.join('\n');
}


/***/ })

};
