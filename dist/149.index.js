export const id = 149;
export const ids = [149];
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

/***/ 1149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   assertArtifacts: () => (/* binding */ assertArtifacts)
/* harmony export */ });
/* harmony import */ var _evidence_assert_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3055);
/* harmony import */ var _kosli_paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8252);
/* harmony import */ var _kosli_artifacts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9155);
/* harmony import */ var _kosli_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8633);
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6587);
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3996);






// A fingerprint in many flows: the summary reads this many trails at most.
const MAX_TRAILS = 20;
/** One assert call per artifact; the verdict of each, with what is missing. */
async function assertArtifacts(settings, deps) {
    const trails = [];
    const given = settings.artifacts.map(a => ({ ...a, trail: undefined }));
    const artifacts = given.length > 0 ? given : await artifactsOfCommit(settings, deps);
    const scope = (0,_evidence_assert_js__WEBPACK_IMPORTED_MODULE_0__/* .assertScope */ .J4)(settings.environment, settings.policies);
    const verdicts = [];
    const addTrail = (flow, trail) => {
        if (!flow || !trail || trails.length >= MAX_TRAILS)
            return;
        if (!trails.some(t => t.flow === flow && t.trail === trail))
            trails.push({ flow, trail });
    };
    for (const [index, artifact] of artifacts.entries()) {
        let verdict;
        try {
            const answer = await deps.kosli.get((0,_kosli_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .assertPath */ .kF)(settings.org, artifact.fingerprint, {
                flow: settings.flow,
                environment: settings.environment,
                policies: settings.policies
            }), _evidence_assert_js__WEBPACK_IMPORTED_MODULE_0__/* .assertAnswerSchema */ .wU);
            verdict = (0,_evidence_assert_js__WEBPACK_IMPORTED_MODULE_0__/* .assertVerdict */ .a2)(answer, artifact.name, { fingerprint: artifact.fingerprint, scope });
            if (settings.flow) {
                addTrail(settings.flow, answer.trail ?? artifact.trail);
            }
            else if (Array.isArray(answer.flows) && answer.flows.length > 0) {
                for (const f of answer.flows)
                    addTrail(f.flow, f.trail);
            }
            else {
                addTrail(answer.flow, answer.trail);
            }
        }
        catch (error) {
            // A later outage keeps the verdicts known so far: a NON-COMPLIANT one is never dropped.
            if (!(0,_kosli_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isKosliUnavailable */ .xf)(error) || verdicts.length === 0)
                throw error;
            const names = artifacts.slice(index).map(a => a.name ?? a.fingerprint);
            deps.log.info(`Kosli is unavailable, so ${names.length} artifact(s) were not checked: ${names.map(_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ).join(', ')}`);
            return { verdicts, trails, notChecked: { names, why: (0,_error_message_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(error), error } };
        }
        if (!artifact.name)
            await nameByFingerprint(verdict, artifact.fingerprint, settings, deps);
        verdicts.push(verdict);
        logVerdict(verdict, settings, deps.log);
    }
    return { verdicts, trails };
}
/** Without artifact or fingerprint: the artifacts Kosli holds for the commit in the flow. */
async function artifactsOfCommit(settings, deps) {
    if (!settings.flow)
        throw new Error('Without artifact or fingerprint, assert needs a flow.');
    const found = await (0,_kosli_artifacts_js__WEBPACK_IMPORTED_MODULE_2__/* .findArtifactsByCommit */ .zz)(deps.kosli, { org: settings.org, flow: settings.flow }, settings.gitCommit, settings.trail);
    if (found.length === 0) {
        throw new Error(`Kosli holds no artifact for commit ${settings.gitCommit} in flow '${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(settings.flow)}'` +
            `${settings.trail ? ` (trail '${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(settings.trail)}')` : ''}; report the build first, or give artifact or fingerprint.`);
    }
    return found.map(a => ({
        fingerprint: a.fingerprint,
        name: a.filename,
        trail: a.trail_name ?? undefined
    }));
}
// A bare fingerprint has no name of its own: the verdict names the artifact as Kosli does,
// in the flow asked or, across flows, in the one Kosli answered for.
async function nameByFingerprint(verdict, fingerprint, settings, deps) {
    const nameFlow = settings.flow ?? verdict.flow;
    if (!nameFlow)
        return;
    try {
        const where = { org: settings.org, flow: nameFlow };
        const known = await (0,_kosli_artifacts_js__WEBPACK_IMPORTED_MODULE_2__/* .findArtifactByFingerprint */ .D6)(deps.kosli, where, fingerprint);
        if (known?.filename)
            verdict.name = known.filename;
    }
    catch (error) {
        // The verdict is known and stays Kosli's: a failed lookup only leaves it named by its fingerprint.
        if ((0,_kosli_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isKosliUnavailable */ .xf)(error))
            return;
        deps.log.warning(`Could not read the name of artifact ${fingerprint} in flow '${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(nameFlow)}', so it is named by its fingerprint: ${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)((0,_error_message_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(error))}`);
    }
}
function logVerdict(verdict, settings, log) {
    const name = (0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(verdict.name);
    const where = verdict.flow && !settings.flow
        ? ` (flow '${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(verdict.flow)}'${verdict.trail ? `, trail '${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(verdict.trail)}'` : ''})`
        : '';
    log.info(`${name}${where}: ${verdict.compliant ? 'COMPLIANT' : 'NON-COMPLIANT'}`);
    if (!verdict.compliant)
        for (const reason of verdict.reasons)
            log.info(`  - ${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(reason)}`);
    if (verdict.noPolicyEvaluated) {
        log.warning(`${name}: ${(0,_evidence_assert_js__WEBPACK_IMPORTED_MODULE_0__/* .noPolicyWarning */ .qi)((0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(settings.environment ?? ''))}.`);
    }
}


/***/ })

};
