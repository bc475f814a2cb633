export const id = 454;
export const ids = [454,812];
export const modules = {

/***/ 812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I5: () => (/* binding */ approvalEchoSchema),
/* harmony export */   XP: () => (/* binding */ approvalListSchema),
/* harmony export */   artifactByCommitSchema: () => (/* binding */ artifactByCommitSchema),
/* harmony export */   artifactsByCommitSchema: () => (/* binding */ artifactsByCommitSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(0);
/* harmony import */ var _shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5395);
/* harmony import */ var _bodies_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5890);



// The bodies the action sends are defined in bodies.ts (zod/mini); Kosli's answers here.

const complianceStates = ['COMPLIANT', 'NON-COMPLIANT', 'INCOMPLETE'];
// Only the fields the action reads; the rest of the documented answer passes through.
const artifactByCommitSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(_shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj),
    filename: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    flow_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    trail_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    template_reference_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    git_commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    html_url: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    state: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(complianceStates).nullish(),
    state_info: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish()
});
const artifactsByCommitSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(artifactByCommitSchema);
// Kosli answers a created approval with an echo of the request, without its number; fields not
// sent may come back null. Read leniently: the write has happened.
const approvalEchoSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    artifact_fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    src_commit_list: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).nullish(),
    environment: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    oldest_commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    approvals: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .unknown */ .L5J()).nullish(),
    user_data: zod__WEBPACK_IMPORTED_MODULE_2__/* .unknown */ .L5J()
});
const listedApprovalSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    release_number: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    base_artifact: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    artifact_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    target_artifact: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    src_commit_list: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    created_at: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(),
    state: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['APPROVED', 'UNAPPROVED', 'PENDING']),
    environment: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish()
});
const approvalListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(listedApprovalSchema);


/***/ }),

/***/ 2073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createApprovals: () => (/* binding */ createApprovals)
});

// EXTERNAL MODULE: ./src/kosli/paths.ts
var paths = __webpack_require__(8252);
// EXTERNAL MODULE: ./src/shapes/patterns.ts
var patterns = __webpack_require__(5395);
// EXTERNAL MODULE: ./src/kosli/schemas.ts
var schemas = __webpack_require__(812);
// EXTERNAL MODULE: ./src/kosli/artifacts.ts
var artifacts = __webpack_require__(9155);
// EXTERNAL MODULE: ./src/kosli/errors.ts
var errors = __webpack_require__(8633);
;// CONCATENATED MODULE: ./src/kosli/approvals.ts





// Asked for, not relied on: Kosli documents no maximum, so a server may answer with fewer.
const PAGE_SIZE = 50;
// A bounded walk: 100 pages are far beyond any real history of one flow.
const MAX_PAGES = 100;
/** A request under /approvals/: a server that no longer serves them gets the one error that says so. */
async function approvalsRequest(send) {
    try {
        return await send();
    }
    catch (error) {
        throw (0,errors/* isApprovalsGone */.Mn)(error) ? new errors/* KosliApprovalsRemovedError */.dN(error) : error;
    }
}
function sameEnvironment(approval, environment) {
    return (approval.environment ?? undefined) === environment;
}
/**
 * Pages through the approvals (newest first) until the approval before this step: the newest
 * APPROVED one for the environment that targets none of the fingerprints.
 */
async function scanApprovals(kosli, where, environment, fingerprints) {
    const recent = [];
    let leading = true;
    let scanned = 0;
    for await (const approval of listApprovals(kosli, where)) {
        if (approval === PAGE_BOUND)
            return { recent, truncated: true, scanned };
        scanned++;
        if (!sameEnvironment(approval, environment))
            continue;
        const ours = fingerprints.has(approval.target_artifact);
        if (leading && ours) {
            recent.push(approval);
            continue;
        }
        leading = false;
        if (!ours && approval.state === 'APPROVED') {
            return { recent, previous: approval, truncated: false, scanned };
        }
    }
    return { recent, truncated: false, scanned };
}
const PAGE_BOUND = Symbol('page bound');
/**
 * Every approval of the flow, newest first, page by page. A page shorter than asked is not the
 * end (the server may cap the page size); the end is an empty page, or one shorter than the
 * largest page seen. Past MAX_PAGES it yields PAGE_BOUND and stops.
 */
async function* listApprovals(kosli, where) {
    let largest = 0;
    for (let page = 1; page <= MAX_PAGES; page++) {
        const approvals = await approvalsRequest(() => kosli.get((0,paths/* kosliPath */.En) `/approvals/${where.org}/${where.flow}`, schemas/* approvalListSchema */.XP, {
            page,
            per_page: PAGE_SIZE
        }));
        yield* approvals;
        if (approvals.length === 0 || approvals.length < largest)
            return;
        largest = approvals.length;
    }
    yield PAGE_BOUND;
}
/** Why the commit range cannot be found when the walk hit its bound. */
function truncatedScanMessage(where, environment, scanned) {
    return `No earlier APPROVED approval for environment "${environment ?? '(none)'}" in the newest ${scanned} approvals (${MAX_PAGES} pages) of flow "${where.flow}": give oldest-commit explicitly.`;
}
/**
 * The git commit of the artifact an approval targets, as Kosli holds it: where the commit range of
 * the next approval starts.
 */
async function approvedCommit(kosli, where, approval) {
    const artifact = await (0,artifacts/* findArtifactByFingerprint */.D6)(kosli, where, approval.target_artifact);
    const commit = artifact?.git_commit;
    if (commit && patterns/* COMMIT */.cJ.test(commit))
        return commit;
    const why = artifact ? 'has no git commit in Kosli' : `is not in flow "${where.flow}"`;
    throw new Error(`The commit range starts at approval #${approval.release_number}, but its artifact ${approval.target_artifact} ${why}: give oldest-commit explicitly.`);
}
async function createApproval(kosli, where, body) {
    // The answer is an echo of the request without a number; the number comes from the list.
    await approvalsRequest(() => kosli.post((0,paths/* kosliPath */.En) `/approvals/${where.org}/${where.flow}`, body, schemas/* approvalEchoSchema */.I5));
}
/** The release number Kosli gave the approval just created for the fingerprint: the newest such. */
async function findApprovalNumber(kosli, where, fingerprint, environment, state) {
    const approvals = await approvalsRequest(() => kosli.get((0,paths/* kosliPath */.En) `/approvals/${where.org}/${where.flow}`, schemas/* approvalListSchema */.XP, {
        page: 1,
        per_page: PAGE_SIZE
    }));
    return approvals.find(approval => approval.target_artifact === fingerprint &&
        approval.state === state &&
        sameEnvironment(approval, environment));
}

// EXTERNAL MODULE: ./src/kosli/payloads.ts
var payloads = __webpack_require__(3361);
// EXTERNAL MODULE: ./src/provenance/index.ts + 6 modules
var provenance = __webpack_require__(3623);
;// CONCATENATED MODULE: ./src/stages/approve.ts



/** Creates (or reuses) one approval per artifact for the approval environment. */
async function createApprovals(settings, artifacts, deps) {
    const { environment, description } = settings;
    const state = settings.approval === 'approve' ? 'APPROVED' : 'PENDING';
    // One walk through the list before anything is created: what a re-run of this step reuses, and
    // the approval before this step, where the commit range of every approval created here starts.
    const scan = await scanApprovals(deps.kosli, settings.where, environment, new Set(artifacts.map(artifact => artifact.fingerprint)));
    let range;
    const commitRange = () => (range ??= findCommitRange(settings, scan, deps));
    const outcomes = [];
    const done = new Map();
    // One at a time, so the approvals of one step get consecutive numbers in artifact order.
    for (const artifact of artifacts) {
        const same = done.get(artifact.fingerprint);
        if (same) {
            outcomes.push({ ...same, artifact: artifact.name, reused: true });
            continue;
        }
        const existing = scan.recent.find(approval => approval.target_artifact === artifact.fingerprint);
        // Re-runs reuse what they created; an approval after a pending request is a new record.
        if (existing && existing.state === state) {
            deps.log(`Approval #${existing.release_number} already covers ${artifact.name}: reusing it`);
            const outcome = {
                artifact: artifact.name,
                fingerprint: artifact.fingerprint,
                environment,
                state: existing.state,
                releaseNumber: existing.release_number,
                reused: true,
                commitCount: existing.src_commit_list.length,
                commitsSource: 'the existing approval'
            };
            outcomes.push(outcome);
            done.set(artifact.fingerprint, outcome);
            continue;
        }
        const { oldestCommit, srcCommitList, source } = await commitRange();
        const body = (0,payloads/* buildApprovalPayload */.G)({ approval: settings.approval, approvalEnvironment: environment }, {
            fingerprint: artifact.fingerprint,
            srcCommitList,
            oldestCommit,
            description,
            approver: settings.approver,
            approvalUrl: settings.buildUrl
        });
        await createApproval(deps.kosli, settings.where, body);
        const created = settings.dryRun
            ? undefined
            : await findApprovalNumber(deps.kosli, settings.where, artifact.fingerprint, environment, state);
        const outcome = {
            artifact: artifact.name,
            fingerprint: artifact.fingerprint,
            environment,
            state,
            releaseNumber: created?.release_number,
            reused: false,
            oldestCommit,
            commitCount: srcCommitList.length,
            commitsSource: source
        };
        outcomes.push(outcome);
        done.set(artifact.fingerprint, outcome);
    }
    return outcomes;
}
/** The commits after the approval before this step (or oldest-commit) up to the commit. */
async function findCommitRange(settings, scan, deps) {
    const { where, environment, gitCommit } = settings;
    if (settings.oldestCommit === undefined && scan.truncated) {
        throw new Error(truncatedScanMessage(where, environment, scan.scanned));
    }
    const oldestCommit = settings.oldestCommit ??
        (scan.previous ? await approvedCommit(deps.kosli, where, scan.previous) : undefined);
    const range = await (0,provenance/* listCommitsBetween */.hR)(oldestCommit, gitCommit, settings.ctx, deps);
    const srcCommitList = range.shas.length > 0 ? range.shas : [gitCommit];
    return { oldestCommit, srcCommitList, source: range.source };
}


/***/ })

};
