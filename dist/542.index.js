export const id = 542;
export const ids = [542];
export const modules = {

/***/ 5597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZO: () => (/* binding */ junitResultSchema),
/* harmony export */   junitVerdict: () => (/* binding */ junitVerdict),
/* harmony export */   readJUnitFiles: () => (/* binding */ readJUnitFiles)
/* harmony export */ });
/* unused harmony exports JUnitError, parseJUnit, parseTimestamp */
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9834);
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6587);
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3996);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9658);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5824);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(0);





/** One entry of `junit_results`: a top-level `<testsuite>`, counted from its test cases. */
const junitResultSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    failures: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().nonnegative(),
    errors: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().nonnegative(),
    skipped: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().nonnegative(),
    total: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().nonnegative(),
    duration: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nonnegative(),
    timestamp: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().optional()
});
class JUnitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JUnitError';
    }
}
const parser = new fast_xml_parser__WEBPACK_IMPORTED_MODULE_4__/* ["default"] */ .A({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: false
});
/** Parse one JUnit XML text; `file` names it in errors. Malformed XML is an error. */
function parseJUnit(xml, file) {
    const valid = fast_xml_parser__WEBPACK_IMPORTED_MODULE_5__/* .XMLValidator */ .iI.validate(xml);
    if (valid !== true) {
        const { code, line, col } = valid.err;
        throw new JUnitError(`JUnit file '${file}' is not well-formed XML (${code} at line ${line}, column ${col}). ` +
            'Give the XML report your test runner wrote.');
    }
    const nodes = parser.parse(xml);
    const suites = [];
    findSuites(nodes, suites);
    return suites.map(suiteResult);
}
/** Read JUnit files (UTF-8) and total them; zero suites across all files is an error. */
async function readJUnitFiles(files) {
    const results = [];
    const filesWithoutSuites = [];
    for (const file of files) {
        let bytes;
        try {
            bytes = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_0__/* .readRegularFile */ .XF)(file, {
                input: 'results',
                what: 'JUnit file',
                limit: _read_file_js__WEBPACK_IMPORTED_MODULE_0__/* .FILE_LIMITS */ .SK.junit
            });
        }
        catch (error) {
            throw new JUnitError((0,_error_message_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error));
        }
        let text;
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        }
        catch {
            throw new JUnitError(`JUnit file '${file}' is not UTF-8 text; JUnit reports are UTF-8 XML.`);
        }
        const found = parseJUnit(text, file);
        if (found.length === 0)
            filesWithoutSuites.push(file);
        results.push(...found);
    }
    if (results.length === 0) {
        throw new JUnitError(`No <testsuite> found in ${files.length === 1 ? 'the JUnit file' : 'any of the JUnit files'}: ` +
            `${files.map(f => `'${f}'`).join(', ')}. Point 'results' at the XML reports your test runner wrote.`);
    }
    return {
        results,
        totals: junitTotals(results),
        filesWithoutSuites,
        emptySuites: results.filter(r => r.total === 0).map(r => r.name)
    };
}
function junitTotals(results) {
    const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const r of results) {
        totals.tests += r.total;
        totals.failures += r.failures;
        totals.errors += r.errors;
        totals.skipped += r.skipped;
    }
    return totals;
}
/** The first `<testsuite>` elements under any wrapper (`<testsuites>` or other), as go-junit does. */
function findSuites(nodes, into) {
    for (const node of nodes) {
        const tag = tagOf(node);
        if (tag === undefined)
            continue;
        if (tag === 'testsuite')
            into.push(node);
        else
            findSuites(childrenOf(node, tag), into);
    }
}
function suiteResult(suite) {
    const counts = countSuite(suite);
    const attrs = suite[':@'] ?? {};
    const children = childrenOf(suite, 'testsuite');
    // go-junit replaces a suite's attributes by its properties, so the timestamp is then lost.
    const hasProperties = children.some(c => tagOf(c) === 'properties');
    const timestamp = hasProperties ? undefined : parseTimestamp(attrs.timestamp);
    return {
        name: attrs.name ?? '',
        failures: counts.failures,
        errors: counts.errors,
        skipped: counts.skipped,
        total: counts.total,
        duration: Math.round(counts.duration * 1e6) / 1e6,
        ...(timestamp === undefined ? {} : { timestamp })
    };
}
/** Counts from the `<testcase>` elements, nested suites summed in; suite attributes are ignored. */
function countSuite(suite) {
    const counts = { total: 0, failures: 0, errors: 0, skipped: 0, duration: 0 };
    for (const child of childrenOf(suite, 'testsuite')) {
        const tag = tagOf(child);
        if (tag === 'testcase') {
            counts.total += 1;
            counts.duration += seconds(child[':@']?.time);
            const status = caseStatus(childrenOf(child, 'testcase'));
            if (status)
                counts[status] += 1;
        }
        else if (tag === 'testsuite') {
            const nested = countSuite(child);
            counts.total += nested.total;
            counts.failures += nested.failures;
            counts.errors += nested.errors;
            counts.skipped += nested.skipped;
            counts.duration += nested.duration;
        }
    }
    return counts;
}
/** The last of `<skipped>`, `<failure>`, `<error>` decides, as in go-junit. */
function caseStatus(children) {
    let status;
    for (const child of children) {
        const tag = tagOf(child);
        if (tag === 'skipped')
            status = 'skipped';
        else if (tag === 'failure')
            status = 'failures';
        else if (tag === 'error')
            status = 'errors';
    }
    return status;
}
function seconds(time) {
    if (time === undefined)
        return 0;
    const value = Number(time.replaceAll(',', '').trim());
    return Number.isFinite(value) && value >= 0 ? value : 0;
}
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|\+00:00)?$/;
/** Unix seconds of a suite timestamp in the layouts pytest, minitest and vitest write (UTC). */
function parseTimestamp(value) {
    const m = value === undefined ? null : TIMESTAMP.exec(value.trim());
    if (!m)
        return undefined;
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
function tagOf(node) {
    return Object.keys(node).find(k => k !== ':@' && k !== '#text' && !k.startsWith('?'));
}
function childrenOf(node, tag) {
    const children = node[tag];
    return Array.isArray(children) ? children : [];
}
/**
 * The step's `compliant` output: false with any failure or error; empty (undefined) with a
 * warning when some suite has no test case, since Kosli's rule for that case is not published.
 */
function junitVerdict(report) {
    if (report.totals.failures + report.totals.errors > 0)
        return { compliant: false };
    if (report.emptySuites.length > 0 || report.totals.tests === 0) {
        const names = report.emptySuites.map(n => `'${(0,_print_js__WEBPACK_IMPORTED_MODULE_2__/* .inert */ .tJ)(n)}'`).join(', ');
        return {
            compliant: undefined,
            warning: `JUnit suite${report.emptySuites.length === 1 ? '' : 's'} ${names || '(all)'} ran no test case; Kosli decides whether that is compliant.`
        };
    }
    return { compliant: true };
}


/***/ }),

/***/ 3781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J8: () => (/* reexport safe */ _shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__.J8),
/* harmony export */   tG: () => (/* reexport safe */ _shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__.tG),
/* harmony export */   yA: () => (/* binding */ splitAttestationName)
/* harmony export */ });
/* harmony import */ var _shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5395);
// The attest step's name, checked with the inputs before anything is read or sent; kept
// apart from the payloads so that checking them loads no parser.


/**
 * Split `<artifact>.<attestation>` into the attestation name and its target template artifact;
 * a name without a dot is a trail-level (or fingerprint-bound) attestation.
 */
function splitAttestationName(value) {
    const parts = value.split('.');
    if (parts.length > 2 || parts.some(p => p === '')) {
        throw new _shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .PayloadError */ .tG(`name: '${value}' is not <attestation> or <artifact>.<attestation>; use at most one dot, with a name on each side.`);
    }
    for (const part of parts) {
        if (!_shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .ATTESTATION_NAME */ .J8.test(part)) {
            throw new _shapes_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .PayloadError */ .tG(`name: '${part}' may hold letters, digits, '-', '_' and ',' only, as Kosli requires.`);
        }
    }
    return parts.length === 2
        ? { attestation_name: parts[1], target_artifacts: [parts[0]] }
        : { attestation_name: parts[0] };
}


/***/ }),

/***/ 3405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oy: () => (/* binding */ beginTrailData),
  dG: () => (/* binding */ commonFields),
  customData: () => (/* binding */ customData),
  P: () => (/* binding */ flowTemplateData),
  genericData: () => (/* binding */ genericData),
  $p: () => (/* binding */ genericDataSchema),
  junitData: () => (/* binding */ junitData),
  pullRequestData: () => (/* binding */ pullRequestData),
  snykData: () => (/* binding */ snykData)
});

// UNUSED EXPORTS: PayloadError, customDataSchema, junitDataSchema, splitAttestationName

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/shapes/commit.ts
var commit = __webpack_require__(8281);
// EXTERNAL MODULE: ./src/shapes/patterns.ts
var patterns = __webpack_require__(5395);
// EXTERNAL MODULE: ./src/evidence/junit.ts
var junit = __webpack_require__(5597);
;// CONCATENATED MODULE: ./src/evidence/pull-requests.ts


const pullRequestApproverSchema = schemas/* strictObject */.rej({
    username: schemas/* string */.YjP(),
    state: schemas/* literal */.euz('APPROVED'),
    timestamp: schemas/* number */.aig()
});
const pullRequestCommitSchema = schemas/* strictObject */.rej({
    sha1: schemas/* string */.YjP().regex(patterns/* COMMIT */.cJ),
    message: schemas/* string */.YjP(),
    author: schemas/* string */.YjP().optional(),
    author_username: schemas/* string */.YjP().optional(),
    timestamp: schemas/* number */.aig().optional(),
    branch: schemas/* string */.YjP(),
    url: schemas/* string */.YjP().optional(),
    verified: schemas/* boolean */.zMY().optional(),
    signature_state: schemas/* string */.YjP().optional()
});
/** A pull request entry of a pull_request attestation (Kosli's FoundPullRequestV2). */
const foundPullRequestSchema = schemas/* strictObject */.rej({
    url: schemas/* string */.YjP(),
    state: schemas/* enum */.k5n(['OPEN', 'CLOSED', 'MERGED']),
    author: schemas/* string */.YjP(),
    title: schemas/* string */.YjP(),
    created_at: schemas/* number */.aig(),
    merged_at: schemas/* number */.aig().optional(),
    head_ref: schemas/* string */.YjP(),
    base_ref: schemas/* string */.YjP(),
    // null, never "": an empty string matches neither of Kosli's pull request schemas.
    merge_commit: schemas/* string */.YjP().regex(patterns/* COMMIT */.cJ).nullable(),
    approvers: schemas/* array */.YOg(pullRequestApproverSchema),
    commits: schemas/* array */.YOg(pullRequestCommitSchema)
});
/** Shape one pull request, its reviews and its commits into Kosli's entry. */
function foundPullRequest(pull, reviews, commits) {
    const merged = pull.merged_at ? unixSeconds(pull.merged_at) : undefined;
    const mergeCommit = merged !== undefined && pull.merge_commit_sha && COMMIT.test(pull.merge_commit_sha)
        ? pull.merge_commit_sha
        : null;
    return {
        url: pull.html_url,
        state: pullRequestState(pull),
        // A deleted account: GitHub gives no user, and the Kosli CLI records "".
        author: pull.user?.login ?? '',
        title: pull.title,
        created_at: unixSeconds(pull.created_at),
        ...(merged === undefined ? {} : { merged_at: merged }),
        head_ref: pull.head.ref,
        base_ref: pull.base.ref,
        merge_commit: mergeCommit,
        approvers: approvers(reviews),
        commits: commits.map(c => pullRequestCommit(c, pull.head.ref))
    };
}
/** OPEN, CLOSED or MERGED: GitHub's REST API says closed for a merged pull request. */
function pullRequestState(pull) {
    if (pull.state === 'open')
        return 'OPEN';
    return pull.merged_at ? 'MERGED' : 'CLOSED';
}
const DECIDING = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);
/**
 * One approver per reviewer whose latest deciding review (APPROVED, CHANGES_REQUESTED or
 * DISMISSED) is APPROVED, with that review's time; comments change nothing.
 */
function approvers(reviews) {
    const latest = new Map();
    reviews.forEach((review, order) => {
        if (!review.user || !review.submitted_at || !DECIDING.has(review.state))
            return;
        const time = unixSeconds(review.submitted_at);
        const seen = latest.get(review.user.login);
        // Ties in time keep GitHub's order (chronological), so the later one in the list wins.
        if (!seen || time > seen.time || (time === seen.time && order > seen.order)) {
            latest.set(review.user.login, { state: review.state, time, order });
        }
    });
    return [...latest.entries()]
        .filter(([, r]) => r.state === 'APPROVED')
        .sort((a, b) => a[1].time - b[1].time || a[1].order - b[1].order)
        .map(([username, r]) => ({ username, state: 'APPROVED', timestamp: r.time }));
}
function pullRequestCommit(c, branch) {
    const authored = c.commit.author?.date ?? c.commit.committer?.date;
    return {
        sha1: c.sha,
        message: c.commit.message.split(/\r?\n/, 1)[0],
        ...(c.commit.author ? { author: `${c.commit.author.name} <${c.commit.author.email}>` } : {}),
        ...(c.author?.login ? { author_username: c.author.login } : {}),
        ...(authored ? { timestamp: unixSeconds(authored) } : {}),
        branch,
        ...(c.html_url ? { url: c.html_url } : {}),
        ...signatureOf(c.commit.verification)
    };
}
// GitHub's REST reasons under the names of its GraphQL GitSignatureState, which the CLI sends.
const SIGNATURE_STATES = new Map([
    ['malformed_signature', 'MALFORMED_SIG'],
    ['unknown_signature_type', 'UNKNOWN_SIG_TYPE']
]);
/**
 * `verified` and `signature_state` of a signed commit; an unsigned one, or one GitHub did not
 * check (no verification object), carries neither, as the Kosli CLI sends them.
 */
function signatureOf(verification) {
    if (!verification || verification.reason === 'unsigned')
        return {};
    const reason = verification.reason;
    return {
        verified: verification.verified,
        signature_state: SIGNATURE_STATES.get(reason) ?? reason.toUpperCase()
    };
}
function unixSeconds(iso) {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms))
        throw new Error(`GitHub sent a time Kosli cannot use: '${iso}'`);
    return Math.floor(ms / 1000);
}

// EXTERNAL MODULE: ./src/evidence/snyk.ts
var snyk = __webpack_require__(800);
// EXTERNAL MODULE: ./src/evidence/names.ts
var names = __webpack_require__(3781);
;// CONCATENATED MODULE: ./src/evidence/payloads.ts







const externalUrlsSchema = schemas/* record */.g1P(schemas/* string */.YjP().regex(patterns/* EXTERNAL_URL_LABEL */.fZ), schemas/* strictObject */.rej({ href: schemas/* string */.YjP().min(1), fingerprint: schemas/* string */.YjP().regex(patterns/* FINGERPRINT */.lj).optional() }));
// Keys as the Kosli CLI allows them: the server also allows '-', so these suit both.
const annotationsSchema = schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[A-Za-z0-9_]+$/), schemas/* string */.YjP());
const userDataSchema = schemas/* union */.KCZ([schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()), schemas/* array */.YOg(schemas/* unknown */.L5J())]);
/** data_json of PUT /flows/{org}/template_file. `visibility` is deprecated and not sent. */
const flowTemplateDataSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().regex(patterns/* TRAIL_NAME */.pT),
    description: schemas/* string */.YjP()
});
/** data_json of PUT /trails/{org}/{flow}: unset fields are left out so a re-run keeps them. */
const beginTrailDataSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().regex(patterns/* TRAIL_NAME */.pT),
    description: schemas/* string */.YjP().optional(),
    user_data: userDataSchema.optional(),
    git_commit_info: schemas/* optional */.lqM(commit/* trailCommitSchema */.xK),
    repo_info: schemas/* optional */.lqM(commit/* repoInfoSchema */.wo),
    origin_url: schemas/* string */.YjP().optional(),
    external_urls: externalUrlsSchema.optional()
});
const commonShape = {
    attestation_name: schemas/* string */.YjP().regex(names/* ATTESTATION_NAME */.J8),
    target_artifacts: schemas/* array */.YOg(schemas/* string */.YjP().regex(names/* ATTESTATION_NAME */.J8)).length(1).optional(),
    artifact_fingerprint: schemas/* string */.YjP().regex(patterns/* FINGERPRINT */.lj).optional(),
    git_commit_info: schemas/* optional */.lqM(commit/* trailCommitSchema */.xK),
    repo_info: schemas/* optional */.lqM(commit/* repoInfoSchema */.wo),
    origin_url: schemas/* string */.YjP().optional(),
    external_urls: externalUrlsSchema.optional(),
    annotations: annotationsSchema.optional(),
    // Left out when not given (the CLI sends {}); Kosli stores nothing either way.
    user_data: userDataSchema.optional(),
    description: schemas/* string */.YjP().optional()
};
const genericDataSchema = schemas/* strictObject */.rej({ ...commonShape, is_compliant: schemas/* boolean */.zMY() });
const junitDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    junit_results: schemas/* array */.YOg(junit/* junitResultSchema */.ZO)
});
const pullRequestDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    git_provider: schemas/* literal */.euz('github'),
    pull_requests: schemas/* array */.YOg(foundPullRequestSchema)
});
const snykDataSchema = schemas/* strictObject */.rej({ ...commonShape, snyk_results: snyk/* snykResultsSchema */.$p });
const customDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    type_name: schemas/* string */.YjP().min(1),
    // An object, as the CLI sends it; whether a JSON string is also accepted is not known.
    attestation_data: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())
});

/** The fields every attestation type shares; anything not given is left out. */
function commonFields(c) {
    const split = (0,names/* splitAttestationName */.yA)(c.name);
    if (split.target_artifacts && !c.fingerprint && !c.gitCommit) {
        throw new names/* PayloadError */.tG(`name: '${c.name}' binds to the template artifact '${split.target_artifacts[0]}', which needs the commit (git-commit) or a fingerprint.`);
    }
    return {
        ...split,
        ...defined('artifact_fingerprint', c.fingerprint),
        ...defined('git_commit_info', c.gitCommit),
        ...defined('repo_info', c.repoInfo),
        ...defined('origin_url', c.originUrl),
        ...defined('external_urls', nonEmpty(c.externalUrls)),
        ...defined('annotations', nonEmpty(c.annotations)),
        ...defined('user_data', c.userData),
        ...defined('description', c.description || undefined)
    };
}
function genericData(c, compliant) {
    return genericDataSchema.parse({ ...commonFields(c), is_compliant: compliant });
}
function junitData(c, results) {
    return junitDataSchema.parse({ ...commonFields(c), junit_results: results });
}
/** `pull_requests` is always a list: `[]` when none was found (Kosli rejects null). */
function pullRequestData(c, pulls) {
    return pullRequestDataSchema.parse({
        ...commonFields(c),
        git_provider: 'github',
        pull_requests: pulls
    });
}
function snykData(c, results) {
    return snykDataSchema.parse({ ...commonFields(c), snyk_results: results });
}
function customData(c, typeName, data) {
    return customDataSchema.parse({ ...commonFields(c), type_name: typeName, attestation_data: data });
}
/** Only the fields that are set: Kosli overwrites a trail's description and user data when sent. */
function beginTrailData(input) {
    return beginTrailDataSchema.parse({
        name: input.name,
        ...defined('description', input.description),
        ...defined('user_data', input.userData),
        ...defined('git_commit_info', input.gitCommit),
        ...defined('repo_info', input.repoInfo),
        ...defined('origin_url', input.originUrl),
        ...defined('external_urls', nonEmpty(input.externalUrls))
    });
}
/** `description` is required and replaces the stored one: pass what Kosli holds to keep it. */
function flowTemplateData(name, description) {
    return flowTemplateDataSchema.parse({ name, description });
}
function defined(key, value) {
    return value === undefined ? {} : { [key]: value };
}
function nonEmpty(value) {
    return value && Object.keys(value).length > 0 ? value : undefined;
}


/***/ }),

/***/ 800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ snykResultsSchema),
/* harmony export */   readSnykSarif: () => (/* binding */ readSnykSarif)
/* harmony export */ });
/* unused harmony exports SnykError, summariseSarif */
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9834);
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6587);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(0);



const issueSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    locations: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), lines: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() })).optional(),
    priority_score: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional()
});
const projectResultSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    high_count: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    medium_count: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    low_count: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    high: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(issueSchema).optional(),
    medium: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(issueSchema).optional(),
    low: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(issueSchema).optional()
});
/** `snyk_results`: one result per SARIF run, issues bucketed by level. */
const snykResultsSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    schema_version: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(1),
    tool: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() }),
    results: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(projectResultSchema)
});
class SnykError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SnykError';
    }
}
const EXPECTED = 'a SARIF file, as `snyk test --sarif-file-output=<file>` writes';
const sarifRuleSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    defaultConfiguration: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ level: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }).optional(),
    properties: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ problem: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ severity: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }).optional() })
        .optional()
});
const toolComponentSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    rules: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(sarifRuleSchema).optional()
});
const sarifSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    runs: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        tool: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
            driver: toolComponentSchema.optional(),
            extensions: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(toolComponentSchema).optional()
        })
            .optional(),
        results: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
            ruleId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            ruleIndex: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().optional(),
            rule: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
                id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
                index: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().optional(),
                toolComponent: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ index: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().optional() }).optional()
            })
                .optional(),
            kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            level: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
            message: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ text: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }).optional(),
            locations: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
                physicalLocation: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
                    artifactLocation: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional() }).optional(),
                    region: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
                        startLine: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().optional(),
                        endLine: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().optional()
                    })
                        .optional()
                })
                    .optional()
            }))
                .optional(),
            properties: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ priorityScore: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().optional() }).optional()
        }))
            .optional()
    }))
});
// Exactly as written (SARIF's levels and Snyk's severities are lower case); a Map, so that a
// value such as `constructor` is just another unknown one.
const BUCKETS = new Map([
    ['error', 'high'],
    ['high', 'high'],
    ['critical', 'high'],
    ['warning', 'medium'],
    ['medium', 'medium'],
    ['note', 'low'],
    ['info', 'low'],
    ['low', 'low'],
    ['none', 'none']
]);
/** `log` hears how many results were not counted (level `none`, or a `kind` other than `fail`). */
async function readSnykSarif(file, log) {
    let text;
    try {
        const what = 'SARIF file';
        text = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_0__/* .readRegularFile */ .XF)(file, { input: 'results', what, limit: _read_file_js__WEBPACK_IMPORTED_MODULE_0__/* .FILE_LIMITS */ .SK.sarif }).toString();
    }
    catch (error) {
        throw new SnykError((0,_error_message_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error));
    }
    return summariseSarif(text, file, log);
}
/** Summarise SARIF text into `snyk_results`; Snyk's own JSON is refused, naming what to give. */
function summariseSarif(text, file, log = () => { }) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new SnykError(`Snyk results '${file}' are not JSON; expected ${EXPECTED}.`);
    }
    if (looksLikeSnykJson(value)) {
        throw new SnykError(`Snyk results '${file}' are Snyk's own JSON output, not SARIF; expected ${EXPECTED}.`);
    }
    const parsed = sarifSchema.safeParse(value);
    const version = value?.version;
    if (!parsed.success || (version !== undefined && version !== '2.1.0')) {
        throw new SnykError(`Snyk results '${file}' are not SARIF 2.1.0; expected ${EXPECTED}.`);
    }
    const runs = parsed.data.runs;
    if (runs.length === 0) {
        throw new SnykError(`Snyk results '${file}' hold no SARIF run; expected ${EXPECTED}.`);
    }
    const driver = runs[0].tool?.driver;
    const counted = { none: 0 };
    const results = runs.map((run, r) => summariseRun(run, r, file, counted));
    if (counted.none > 0) {
        log(`Snyk results '${file}': ${counted.none} result${counted.none === 1 ? ' is' : 's are'} not counted (level none, or a kind other than fail).`);
    }
    return {
        schema_version: 1,
        tool: { name: driver?.name ?? '', version: driver?.version ?? '' },
        results
    };
}
function summariseRun(run, runIndex, file, counted) {
    const buckets = { high: [], medium: [], low: [] };
    (run.results ?? []).forEach((result, i) => {
        const rule = ruleOf(result, run);
        const level = levelOf(result, rule);
        const bucket = BUCKETS.get(level.value);
        if (bucket === undefined) {
            const named = result.ruleId ?? result.rule?.id ?? rule?.id;
            throw new SnykError(`Snyk results '${file}': result ${i + 1} of run ${runIndex + 1} (rule ${named === undefined ? 'not named' : `'${named}'`}) ` +
                `has the level '${level.value}' (from ${level.from}); expected one of ${[...BUCKETS.keys()].join(', ')}.`);
        }
        if (bucket === 'none')
            counted.none++;
        else
            buckets[bucket].push(issueOf(result, rule));
    });
    return {
        high_count: buckets.high.length,
        medium_count: buckets.medium.length,
        low_count: buckets.low.length,
        // Empty lists are left out, as the Kosli CLI does.
        ...(buckets.high.length ? { high: buckets.high } : {}),
        ...(buckets.medium.length ? { medium: buckets.medium } : {}),
        ...(buckets.low.length ? { low: buckets.low } : {})
    };
}
/**
 * A result's level: `none` when its kind is other than `fail`; else its own level, else its
 * rule's Snyk severity, else the rule's default level, else SARIF's default, `warning`.
 */
function levelOf(result, rule) {
    if (result.kind !== undefined && result.kind !== 'fail')
        return { value: 'none', from: 'kind' };
    if (result.level !== undefined)
        return { value: result.level, from: 'the result' };
    const severity = rule?.properties?.problem?.severity;
    if (severity !== undefined)
        return { value: severity, from: "the rule's properties.problem.severity" };
    const level = rule?.defaultConfiguration?.level;
    if (level !== undefined)
        return { value: level, from: "the rule's defaultConfiguration" };
    return { value: 'warning', from: "SARIF's default" };
}
/** The result's rule: by index (in the driver, or the extension it names), then by id in any. */
function ruleOf(result, run) {
    const driver = run.tool?.driver;
    const extensions = run.tool?.extensions ?? [];
    const index = result.ruleIndex ?? result.rule?.index;
    if (index !== undefined) {
        const component = result.rule?.toolComponent?.index;
        const rules = component === undefined ? driver?.rules : extensions[component]?.rules;
        const rule = rules?.[index];
        if (rule)
            return rule;
    }
    const id = result.ruleId ?? result.rule?.id;
    if (id === undefined)
        return undefined;
    for (const component of [driver, ...extensions]) {
        const rule = component?.rules?.find(r => r.id === id);
        if (rule)
            return rule;
    }
    return undefined;
}
function issueOf(result, rule) {
    const locations = (result.locations ?? []).flatMap(l => {
        const uri = l.physicalLocation?.artifactLocation?.uri;
        if (uri === undefined)
            return [];
        const region = l.physicalLocation?.region;
        const start = region?.startLine;
        const lines = start === undefined
            ? undefined
            : region?.endLine !== undefined && region.endLine !== start
                ? `${start}-${region.endLine}`
                : String(start);
        return [lines === undefined ? { uri } : { uri, lines }];
    });
    const score = result.properties?.priorityScore;
    return {
        // A result may name its rule by index alone.
        id: result.ruleId ?? result.rule?.id ?? rule?.id ?? '',
        message: result.message?.text ?? '',
        ...(locations.length ? { locations } : {}),
        ...(score === undefined ? {} : { priority_score: score })
    };
}
function looksLikeSnykJson(value) {
    const items = Array.isArray(value) ? value : [value];
    return items.some(v => typeof v === 'object' &&
        v !== null &&
        !('runs' in v) &&
        ('vulnerabilities' in v || 'uniqueCount' in v || 'ok' in v || 'packageManager' in v));
}


/***/ }),

/***/ 9542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkTemplates: () => (/* binding */ checkTemplates),
  ensureFlowAndTrail: () => (/* binding */ ensureFlowAndTrail)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/evidence/payloads.ts + 1 modules
var payloads = __webpack_require__(3405);
// EXTERNAL MODULE: ./src/shapes/patterns.ts
var patterns = __webpack_require__(5395);
;// CONCATENATED MODULE: ./src/attestations/approval.ts
// deployment-approval and code-review: evidence the action computes from GitHub's record of the
// release, sent as generic (the record in user_data) or, with record-as, as a custom type.
function approvalType(evidence, doc) {
    return {
        input: evidence,
        kind: 'generic',
        doc,
        read: async (settings, { gatherApprovalEvidence: gather }) => {
            if (!gather)
                throw new Error(`The ${evidence} type needs GitHub access, and none was set up.`);
            const { customData, genericData } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3405));
            const { type } = settings;
            return {
                results: [],
                // GitHub's facts are read before anything is sent: when they cannot be read, Kosli gets nothing.
                build: async (common) => {
                    const approval = await gather();
                    const record = approval.record;
                    return {
                        data: type.kind === 'custom'
                            ? customData(common, type.typeName ?? '', record)
                            : genericData({ ...common, userData: record }, approval.compliant),
                        verdict: {
                            compliant: approval.compliant,
                            approval,
                            ...(approval.nonCompliantBecause
                                ? { nonCompliantBecause: approval.nonCompliantBecause }
                                : {})
                        }
                    };
                }
            };
        },
        outputs: ({ approval }) => approval?.commits !== undefined
            ? {
                commits: String(approval.commits),
                unreviewed: JSON.stringify(approval.unreviewed ?? [])
            }
            : {},
        inputs: {
            refuses: {
                compliant: "the action computes the verdict from GitHub's record",
                'attestation-data': `record-as: custom:<type-name> sends the ${evidence} record as the attestation data`
            },
            check: (inputs, _values, ok) => approvalChecks(evidence, inputs, ok)
        }
    };
}
/** The record is the evidence: user-data, which every other type takes, is refused here. */
function approvalChecks(evidence, inputs, ok) {
    const problems = [];
    if (inputs.userData !== undefined) {
        problems.push(`'user-data': given with type ${evidence}; expected nothing (the ${evidence} record is the user data)`);
    }
    if (evidence === 'deployment-approval' && !inputs.githubEnvironment && ok('github-environment')) {
        problems.push(`'github-environment': given nothing; expected the GitHub environment the job deploys to (the job's environment: name) for type deployment-approval`);
    }
    if (!inputs.githubToken && ok('github-token')) {
        problems.push(`'github-token': given nothing; ${evidence} reads GitHub's record, which needs a token (${evidence === 'deployment-approval' ? 'actions: read' : 'contents: read, pull-requests: read, deployments: read and actions: read'})`);
    }
    return problems;
}
/**
 * The record-as input of deployment-approval and code-review: `generic`, or `custom:<type-name>`
 * to send the record as that custom type's attestation_data.
 */
function recordAs(type, recordAsInput) {
    if (!type.evidence)
        return type;
    const custom = /^custom:(\S+)$/.exec(recordAsInput?.trim() ?? '');
    return custom
        ? { kind: 'custom', typeName: custom[1], evidence: type.evidence }
        : { kind: 'generic', evidence: type.evidence };
}

;// CONCATENATED MODULE: ./src/attestations/code-review.ts

/** code-review: whether every commit since the last release was reviewed by someone else. */
const code_review_codeReview = approvalType('code-review', 'whether each commit since the last release was reviewed by another person (`required-approvals`); sets `commits` and `unreviewed`');

;// CONCATENATED MODULE: ./src/attestations/custom.ts
/** custom:<type-name>: a JSON object Kosli checks against the custom type's schema. */
const custom_custom = {
    input: 'custom:<type-name>',
    kind: 'custom',
    doc: '`attestation-data`, a JSON object inline or in a `.json` file; Kosli judges it against the custom type',
    read: async (settings) => {
        const { customData } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3405));
        const data = settings.attestationData ?? {};
        return {
            results: [],
            build: async (common) => ({
                data: customData(common, settings.type.typeName ?? '', data),
                verdict: { compliant: undefined }
            })
        };
    },
    inputs: {
        takes: ['attestation-data'],
        refuses: { compliant: 'Kosli decides the compliance of custom:<type-name> evidence' },
        check: (inputs, _values, ok, typeInput) => inputs.attestationData === undefined && ok('attestation-data')
            ? [
                `'attestation-data': given nothing; expected a JSON object (inline, or the path of a .json file) for type ${typeInput}`
            ]
            : []
    }
};

;// CONCATENATED MODULE: ./src/attestations/more-type.ts
// sbom, sonar, jira and decision: each reads its local evidence first (prepared by the action
// before any request), then asks its outside service, then builds its data (more.ts).
function moreType(kind, doc, inputs, segment) {
    return {
        input: kind,
        kind,
        doc,
        inputs,
        ...(segment ? { segment } : {}),
        read: async (settings, sources) => {
            const { buildMoreEvidence, prepareMoreEvidence } = await __webpack_require__.e(/* import() */ 869).then(__webpack_require__.bind(__webpack_require__, 5869));
            const more = {
                control: settings.control,
                compliant: settings.compliant,
                results: settings.results,
                workspace: settings.workspace,
                sonar: settings.sonar,
                jira: settings.jira
            };
            const prepared = settings.prepared ?? (await prepareMoreEvidence(kind, more));
            return {
                results: [],
                build: async (common) => {
                    const built = await buildMoreEvidence(kind, more, common, prepared, sources);
                    return {
                        data: built.data,
                        file: built.file,
                        verdict: {
                            compliant: built.compliant,
                            details: built.details,
                            ...(built.nonCompliantBecause
                                ? { nonCompliantBecause: built.nonCompliantBecause }
                                : {})
                        }
                    };
                }
            };
        }
    };
}

;// CONCATENATED MODULE: ./src/attestations/decision.ts

/** decision: a decision on a Kosli control; Kosli files it under its `system` family. */
const decision = moreType('decision', '`control` and `compliant`: a decision on a Kosli control', {
    takes: ['compliant', 'control'],
    check: (inputs, _values, ok) => [
        ...(inputs.compliant === undefined && ok('compliant')
            ? [
                `'compliant': given nothing; expected true, false or a step outcome for type decision (an empty value is never taken as true)`
            ]
            : []),
        ...(!inputs.control && ok('control')
            ? [
                `'control': given nothing; expected the id of the Kosli control decided on (for example RCTL-043)`
            ]
            : [])
    ]
}, 'system');

;// CONCATENATED MODULE: ./src/attestations/deployment-approval.ts

/** deployment-approval: who approved the GitHub deployment of this run, from GitHub's record. */
const deployment_approval_deploymentApproval = approvalType('deployment-approval', "who approved this run's GitHub deployment (`github-environment`), from GitHub's record; sent as generic, or with `record-as` as a custom type");

;// CONCATENATED MODULE: ./src/attestations/generic.ts
/** generic: the step's own verdict, given as `compliant`. */
const generic = {
    input: 'generic',
    kind: 'generic',
    doc: '`compliant` (true, false or a step outcome) is the evidence; the step judges it',
    read: async (settings) => {
        const { genericData } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3405));
        const compliant = settings.compliant === true;
        return {
            results: [],
            build: async (common) => ({
                data: genericData(common, compliant),
                verdict: { compliant, ...(compliant ? {} : { nonCompliantBecause: `compliant is false` }) }
            })
        };
    },
    inputs: {
        takes: ['compliant'],
        check: (inputs, _values, ok) => inputs.compliant === undefined && ok('compliant')
            ? [
                `'compliant': given nothing; expected true, false or a step outcome for type generic (an empty value is never taken as true)`
            ]
            : []
    }
};

;// CONCATENATED MODULE: ./src/attestations/jira.ts

/** jira: the Jira issues the commit names, and whether each exists. */
const jira = moreType('jira', 'the Jira issues the commit message (or branch) names, and whether each exists (`jira-url`, `jira-project-keys`)', {
    takes: [
        'jira-url',
        'jira-username',
        'jira-api-token',
        'jira-pat',
        'jira-project-keys',
        'jira-secondary-source'
    ],
    refuses: { compliant: 'the Jira issues decide the compliance of jira evidence' },
    check: jiraChecks
});
function jiraChecks(inputs, _values, ok) {
    const problems = [];
    if (!inputs.jiraUrl && ok('jira-url')) {
        problems.push(`'jira-url': given nothing; expected your Jira's base URL, such as https://acme.atlassian.net`);
    }
    const basic = Boolean(inputs.jiraUsername || inputs.jiraApiToken);
    if (inputs.jiraPat && basic) {
        problems.push(`'jira-pat': given together with jira-username / jira-api-token; expected one of them: jira-username with jira-api-token (Jira Cloud), or jira-pat (Jira Data Center)`);
    }
    else if (!inputs.jiraPat && Boolean(inputs.jiraUsername) !== Boolean(inputs.jiraApiToken)) {
        const missing = inputs.jiraUsername ? 'jira-api-token' : 'jira-username';
        problems.push(`'${missing}': given nothing; expected jira-username and jira-api-token together`);
    }
    else if (!inputs.jiraPat && !basic && ok('jira-pat', 'jira-api-token', 'jira-username')) {
        problems.push(`'jira-api-token': given nothing; expected jira-username with jira-api-token (Jira Cloud), or jira-pat (Jira Data Center)`);
    }
    return problems;
}

// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/attestations/result-files.ts



// The `results` input of the types that read result files (junit, snyk).
/** The paths `results` names, inside the workspace. */
async function resultPaths(settings) {
    // Loaded when a type reads its results: the inputs check reads the table at start-up.
    const { resolveArtifactPaths } = await Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(596), __webpack_require__.e(622)]).then(__webpack_require__.bind(__webpack_require__, 3622));
    return resolveArtifactPaths([...settings.results], settings.workspace, { input: 'results' });
}
/** Each path, or for a directory the *.xml files under it; each file once. */
async function xmlResultFiles(settings) {
    const files = [];
    for (const path of await resultPaths(settings)) {
        if ((await (0,promises_.stat)(path)).isDirectory()) {
            const found = await xmlFilesUnder(path);
            if (found.length === 0) {
                throw new Error(`'results': the directory '${(0,print/* inert */.tJ)(path)}' holds no *.xml file`);
            }
            files.push(...found);
        }
        else {
            files.push(path);
        }
    }
    return [...new Set(files)];
}
async function xmlFilesUnder(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
    return entries
        .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
        .map(e => (0,external_node_path_.join)(e.parentPath ?? e.path, e.name))
        .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

;// CONCATENATED MODULE: ./src/attestations/junit.ts


/** junit: JUnit XML files, counted per top-level suite; the step judges failures and errors. */
const junit = {
    input: 'junit',
    kind: 'junit',
    doc: '`results`: JUnit XML files (paths, globs or directories); sets `tests`, `failures`, `errors`, `skipped`',
    read: async (settings, { log }) => {
        const { junitVerdict, readJUnitFiles } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 5597));
        const { junitData } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3405));
        const files = await xmlResultFiles(settings);
        const report = await readJUnitFiles(files);
        for (const file of report.filesWithoutSuites) {
            log.warning(`JUnit file '${(0,print/* inert */.tJ)(file)}' holds no <testsuite>; it is left out of the results and not sent.`);
        }
        const withoutSuites = new Set(report.filesWithoutSuites);
        const verdict = junitVerdict(report);
        if (verdict.warning)
            log.warning(verdict.warning);
        const t = report.totals;
        const suites = report.results.length;
        log.info(`JUnit: ${t.tests} tests, ${t.failures} failures, ${t.errors} errors, ${t.skipped} skipped in ${suites} suite${suites === 1 ? '' : 's'}.`);
        return {
            results: files.filter(file => !withoutSuites.has(file)),
            build: async (common) => ({
                data: junitData(common, report.results),
                verdict: {
                    compliant: verdict.compliant,
                    totals: t,
                    ...(verdict.compliant === false
                        ? {
                            nonCompliantBecause: `${t.failures} failures and ${t.errors} errors in the JUnit results`
                        }
                        : {})
                }
            })
        };
    },
    outputs: ({ totals }) => totals
        ? {
            tests: String(totals.tests),
            failures: String(totals.failures),
            errors: String(totals.errors),
            skipped: String(totals.skipped)
        }
        : {},
    inputs: {
        takes: ['results'],
        refuses: { compliant: 'Kosli decides the compliance of junit evidence' },
        check: (inputs, _values, ok, typeInput) => inputs.results.length === 0 && ok('results')
            ? [
                `'results': given nothing; expected the JUnit XML files (paths, globs or directories) for type ${typeInput}`
            ]
            : []
    }
};

// EXTERNAL MODULE: ./src/kosli/errors.ts
var errors = __webpack_require__(8633);
;// CONCATENATED MODULE: ./src/attestations/pull-request.ts


/** pull-request: the commit's pull requests on GitHub, with reviews and commits. */
const pullRequest = {
    input: 'pull-request',
    kind: 'pull_request',
    doc: "the commit's pull requests, their reviews and commits, from the GitHub REST API; none found is non-compliant",
    read: async (settings, { log, findPullRequests: find }) => {
        if (!find)
            throw new Error('The pull-request type needs GitHub access, and none was set up.');
        const { pullRequestData } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3405));
        const sha = settings.gitCommit.sha1;
        return {
            results: [],
            build: async (common) => {
                const pulls = await find();
                if (pulls.length === 0) {
                    log.warning(`No pull request is associated with commit ${sha} on GitHub; recording pull_requests: [] (non-compliant).`);
                }
                for (const pull of pulls) {
                    log.info(`Pull request ${(0,print/* inert */.tJ)(pull.url)} (${pull.state}) by ${(0,print/* inert */.tJ)(pull.author)}, approved by ${pull.approvers.map(a => (0,print/* inert */.tJ)(a.username)).join(', ') || 'nobody'}.`);
                }
                const found = pulls.length > 0;
                return {
                    data: pullRequestData(common, pulls),
                    verdict: {
                        compliant: found,
                        ...(found ? {} : { nonCompliantBecause: `no pull request was found for commit ${sha}` })
                    }
                };
            }
        };
    },
    refusal: olderServer,
    inputs: {
        refuses: { compliant: 'Kosli decides the compliance of pull-request evidence' },
        check: (inputs, _values, ok) => !inputs.githubToken && ok('github-token')
            ? [
                `'github-token': given nothing; finding the pull requests of the commit needs a token with pull-requests: read and contents: read`
            ]
            : []
    }
};
const NEWER_PULL_REQUEST_FIELDS = /\b(base_ref|verified|signature_state)\b/;
// A server from before 2026-06-16 forbids these keys; sending the evidence without them would
// hide from "signed commits" and "merged into main" policies what they read, so it is not retried.
function olderServer(error) {
    if (!(error instanceof errors/* KosliHttpError */.TM) || error.status !== 400)
        return undefined;
    const said = [
        error.serverMessage ?? '',
        ...Object.entries(error.serverErrors ?? {}).map(([field, why]) => `${field} ${String(why)}`)
    ].join('\n');
    if (!NEWER_PULL_REQUEST_FIELDS.test(said))
        return undefined;
    return new Error(`${error.message}\nThis Kosli server predates the pull request fields base_ref, verified and ` +
        `signature_state, which the Kosli CLI sends since v2.27.0 and Kosli's service has accepted ` +
        `since 2026-06-16 (policies for signed commits and "merged into main" read them). Upgrade ` +
        `the Kosli server; the action does not send pull-request evidence without them.`);
}

;// CONCATENATED MODULE: ./src/attestations/sbom.ts

/** sbom: one SBOM file, sent as it is; Kosli files it under its `system` family. */
const sbom = moreType('sbom', '`results`: one SBOM file (CycloneDX JSON or XML, SPDX JSON or tag-value), sent as its attachment', {
    takes: ['results'],
    refuses: { compliant: 'Kosli decides the compliance of sbom evidence' },
    check: (inputs, values, ok) => {
        const problems = [];
        if (inputs.results.length !== 1 && ok('results')) {
            problems.push(`'results': given ${inputs.results.length === 0 ? 'nothing' : `${inputs.results.length} lines`} with type sbom; expected one SBOM file (CycloneDX JSON or XML, SPDX JSON or tag-value)`);
        }
        if (inputs.attachments.length > 0) {
            problems.push(`'attachments': given with type sbom; expected none: the SBOM file is the only attachment, sent as it is (a second one would pack both into a .tgz)`);
        }
        // attach-results has a default in action.yml: only an explicit "false" is refused.
        const attachResults = (values['attach-results'] ?? '').trim() !== '';
        if (attachResults && !inputs.attachResults && ok('attach-results')) {
            problems.push(`'attach-results': given "false" with type sbom; expected it unset: the SBOM file itself is the evidence sent`);
        }
        for (const key of ['sbom_format', 'sbom_sha256']) {
            if (Object.hasOwn(inputs.annotations, key)) {
                problems.push(`'annotations': given the key ${key} with type sbom; expected other keys: the action sets ${key} from the SBOM file`);
            }
        }
        return problems;
    }
}, 'system');

;// CONCATENATED MODULE: ./src/attestations/snyk.ts

/** snyk: one SARIF 2.1.0 file; Kosli judges the results. */
const snyk = {
    input: 'snyk',
    kind: 'snyk',
    doc: '`results`: one SARIF file (`snyk test --sarif-file-output`, or any SARIF 2.1.0); Kosli judges it',
    read: async (settings, { log }) => {
        const paths = await resultPaths(settings);
        // A directory, a named pipe or a device is refused by the reader, naming what it is.
        if (paths.length !== 1) {
            throw new Error(`'results': matches ${paths.length} paths; expected one SARIF file (snyk test --sarif-file-output) for type snyk`);
        }
        const { readSnykSarif } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 800));
        const { snykData } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3405));
        const results = await readSnykSarif(paths[0], line => log.info(line));
        return {
            results: paths,
            build: async (common) => ({
                data: snykData(common, results),
                verdict: { compliant: undefined }
            })
        };
    },
    inputs: {
        takes: ['results'],
        refuses: { compliant: 'Kosli decides the compliance of snyk evidence' },
        check: (inputs, _values, ok, typeInput) => {
            if (inputs.results.length === 0 && ok('results')) {
                return [
                    `'results': given nothing; expected the SARIF file Snyk wrote (snyk test --sarif-file-output) for type ${typeInput}`
                ];
            }
            return inputs.results.length > 1
                ? [
                    `'results': given ${inputs.results.length} lines with type snyk; expected one SARIF file`
                ]
                : [];
        }
    }
};

// EXTERNAL MODULE: ./src/inputs/problems.ts
var inputs_problems = __webpack_require__(8925);
;// CONCATENATED MODULE: ./src/attestations/sonar.ts


/** sonar: the quality gate of a SonarQube Cloud or Server analysis. */
const sonar = moreType('sonar', "the quality gate of the commit's analysis on SonarQube Cloud or Server (`sonar-token`, and `results` or `sonar-project-key`)", {
    // sonar-wait and ignore-branch-match have defaults in action.yml, so they are always given.
    takes: [
        'results',
        'sonar-url',
        'sonar-token',
        'sonar-project-key',
        'sonar-branch',
        'sonar-pull-request'
    ],
    refuses: { compliant: 'Kosli decides the compliance of sonar evidence' },
    check: sonarChecks
});
function sonarChecks(inputs, values, ok) {
    const problems = [];
    if (!inputs.sonarToken && ok('sonar-token')) {
        problems.push(`'sonar-token': given nothing; expected a SonarQube or SonarCloud token that can browse the project`);
    }
    if (inputs.results.length > 1) {
        problems.push(`'results': given ${inputs.results.length} lines with type sonar; expected one report-task.txt file`);
    }
    const key = inputs.sonarProjectKey;
    if (key && inputs.results.length > 0) {
        problems.push(`'sonar-project-key': given ${(0,inputs_problems/* shown */.S)('sonar-project-key', values['sonar-project-key'])} together with 'results'; expected one of them: the report file names its own analysis`);
    }
    const branch = inputs.sonarBranch;
    const pull = inputs.sonarPullRequest;
    if (key && !branch && !pull && ok('sonar-branch', 'sonar-pull-request')) {
        problems.push(`'sonar-project-key': given without 'sonar-branch' or 'sonar-pull-request'; expected one of them, to find the analysis of this commit`);
    }
    if (branch && pull) {
        problems.push(`'sonar-pull-request': given together with 'sonar-branch'; expected one of them (a pull request analysis is not a branch analysis)`);
    }
    if (!key && (branch || pull)) {
        const name = branch ? 'sonar-branch' : 'sonar-pull-request';
        problems.push(`'${name}': given without 'sonar-project-key'; expected it only with sonar-project-key`);
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/attestations/table.ts












// The attestation types attest/ records, one module each: adding a type is its module, a line
// here and its inputs in attest/action.yml (and src/inputs/table.ts for an input new to the
// action). The inputs' checks (a module's `inputs`), the attest stage, the template check and
// the README's list of types all read this table.
const ATTESTATION_TYPES = [
    pullRequest,
    junit,
    generic,
    snyk,
    sbom,
    sonar,
    jira,
    decision,
    deployment_approval_deploymentApproval,
    code_review_codeReview,
    custom_custom
];
/**
 * What a template's `type` may be besides custom:<type-name>: Kosli's own types (the approval
 * types are recorded as generic or custom), and `*`, any type.
 */
const TEMPLATE_TYPES = [
    ...new Set(ATTESTATION_TYPES.filter(type => type !== custom_custom).map(type => type.kind)),
    '*'
];
/** `pull-request, junit, generic, snyk or custom:<type-name>`. */
const TYPE_NAMES = wordList(ATTESTATION_TYPES.map(type => type.input));
/**
 * The attest `type` input: its module, and the type as the step runs it. `types` is this table
 * but in tests, which add a type to a copy of it.
 */
function attestationTypeOf(value, types = ATTESTATION_TYPES) {
    const v = value.trim();
    const named = types.find(type => type !== custom && type.input === v);
    if (named === deploymentApproval || named === codeReview) {
        return {
            module: named,
            type: { kind: named.kind, evidence: named.input }
        };
    }
    if (named)
        return { module: named, type: { kind: named.kind } };
    const customName = /^custom:(\S+)$/.exec(v);
    if (customName && types.includes(custom)) {
        return { module: custom, type: { kind: custom.kind, typeName: customName[1] } };
    }
    const names = wordList(types.map(type => type.input));
    throw new PayloadError(`type: '${v}' is not an attestation type; use ${names}.`);
}
/** `a, b or c`. */
function wordList(words) {
    return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
/** The module that runs a type: the approval types by name, the others by Kosli's kind. */
function moduleOf(type) {
    const module = type.evidence
        ? ATTESTATION_TYPES.find(t => t.input === type.evidence)
        : ATTESTATION_TYPES.find(t => t.kind === type.kind && t.input !== 'deployment-approval' && t.input !== 'code-review');
    if (!module)
        throw new PayloadError(`'${type.kind}' is not an attestation type of this action.`);
    return module;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(6587);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __webpack_require__(9834);
// EXTERNAL MODULE: ./src/evidence/names.ts
var names = __webpack_require__(3781);
;// CONCATENATED MODULE: ./src/evidence/template.ts







/**
 * A flow or trail template, version 1, whose attestations are of `types` (the built-in types of
 * the attestation table, and `*`) or custom:<type-name>; every level rejects unknown keys as
 * Kosli does.
 */
function templateSchemaOf(types) {
    const expectedAttestationSchema = schemas/* strictObject */.rej({
        name: schemas/* string */.YjP().regex(names/* ATTESTATION_NAME */.J8, 'letters, digits, -, _ or , only (no dot)'),
        type: schemas/* union */.KCZ([schemas/* enum */.k5n(types), schemas/* string */.YjP().regex(/^custom:\S+$/)])
    });
    const templateArtifactSchema = schemas/* strictObject */.rej({
        name: schemas/* string */.YjP().min(1),
        attestations: schemas/* array */.YOg(expectedAttestationSchema).optional()
    });
    return schemas/* strictObject */.rej({
        // Kosli's schema defaults the version, its docs require it: a file that states it suits both.
        version: schemas/* literal */.euz(1),
        trail: schemas/* strictObject */.rej({
            attestations: schemas/* array */.YOg(expectedAttestationSchema).optional(),
            artifacts: schemas/* array */.YOg(templateArtifactSchema).optional()
        })
            .nullable()
            .optional()
    });
}
class TemplateError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TemplateError';
    }
}
/** Read and validate a template file; `input` names the action input in errors. */
async function readTemplate(path, input, types) {
    let bytes;
    try {
        bytes = (0,read_file/* readRegularFile */.XF)(path, { input, what: 'template', limit: read_file/* FILE_LIMITS */.SK.template });
    }
    catch (error) {
        throw new TemplateError((0,error_message/* messageOf */.bD)(error));
    }
    const template = parseTemplate(bytes.toString('utf8'), `${input} '${path}'`, types);
    return { template, bytes, filename: (0,external_node_path_.basename)(path) };
}
/**
 * Parse template YAML and validate it against the version-1 schema. Errors name `source`, the
 * key path and the line, and never quote the file's values.
 */
function parseTemplate(text, source, types) {
    const tags = explicitTags(text);
    if (tags.length > 0) {
        const shown = tags
            .slice(0, 5)
            .map(t => `line ${t.line}, column ${t.col}: ${JSON.stringify(t.tag.slice(0, 40))}`);
        const more = tags.length > 5 ? ` and ${tags.length - 5} more` : '';
        throw new TemplateError(`${source} has YAML tags (${shown.join('; ')}${more}); a template is plain mappings, ` +
            'lists and strings, so remove the tags.');
    }
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
        const problems = doc.errors.map(e => {
            const at = lines.linePos(e.pos[0]);
            return `line ${at.line}, column ${at.col}: ${e.code.toLowerCase().replaceAll('_', ' ')}`;
        });
        throw new TemplateError(`${source} is not valid YAML: ${problems.join('; ')}.`);
    }
    const value = doc.toJS();
    if (value === null || value === undefined) {
        throw new TemplateError(`${source} is empty; the smallest valid template is 'version: 1'.`);
    }
    const parsed = templateSchemaOf(types).safeParse(value);
    if (parsed.success)
        return parsed.data;
    const problems = parsed.error.issues.map(issue => describeIssue(issue, doc, lines, types));
    throw new TemplateError(`${source} is not a valid version-1 template: ${problems.join('; ')}. ` +
        'See https://docs.kosli.com/template-reference/flow_template for the format.');
}
/** Each explicit tag (`!!omap`, `!!set`, `!!timestamp`, `!local`) in the YAML, where it is written. */
function explicitTags(text) {
    const lines = new dist/* LineCounter */.HN();
    const found = [];
    // Tags sit in the props of any node of the parse tree: every object of it is looked into.
    const walk = (value) => {
        if (Array.isArray(value)) {
            for (const item of value)
                walk(item);
        }
        else if (typeof value === 'object' && value !== null) {
            const token = value;
            if (token.type === 'tag' && typeof token.source === 'string') {
                found.push({ tag: token.source, ...lines.linePos(Number(token.offset)) });
            }
            else {
                for (const child of Object.values(value))
                    walk(child);
            }
        }
    };
    for (const token of new dist/* Parser */.iX(lines.addNewLine).parse(text))
        walk(token);
    return found;
}
function describeIssue(issue, doc, lines, types) {
    const path = issue.path.map(p => (typeof p === 'number' ? p : String(p)));
    const line = (node) => {
        const offset = node?.range?.[0];
        return offset === undefined ? '' : `line ${lines.linePos(offset).line}: `;
    };
    const nodeAt = (p) => p.length === 0 ? doc.contents : doc.getIn(p, true);
    if (issue.code === 'unrecognized_keys') {
        const parent = nodeAt(path);
        return issue.keys
            .map(key => {
            const pair = (0,dist/* isMap */.jh)(parent)
                ? parent.items.find(item => item.key?.value === key)
                : undefined;
            return `${line(pair?.key ?? parent)}${keyPath([...path, key])}: unknown key (allowed: ${allowedKeys(path)})`;
        })
            .join('; ');
    }
    const node = nodeAt(path);
    if (node === undefined && path.length > 0) {
        return `${line(nodeAt(path.slice(0, -1)))}${keyPath(path)}: required key is missing`;
    }
    return `${line(node)}${keyPath(path)}: ${expectation(issue, path, node, types)}`;
}
function expectation(issue, path, node, types) {
    const last = path[path.length - 1];
    if (last === 'version')
        return 'must be 1';
    if (last === 'type') {
        return `must be one of ${types.join(', ')} or custom:<type-name>`;
    }
    if (last === 'name' && issue.code === 'invalid_format') {
        return 'attestation names may hold letters, digits, -, _ and , only (no dot)';
    }
    if (issue.code === 'invalid_type') {
        const expected = issue.expected === 'array' ? 'a list' : issue.expected;
        return `must be ${expected === 'object' ? 'a mapping' : expected}${(0,dist/* isSeq */.oP)(node) ? ', not a list' : ''}`;
    }
    if (issue.code === 'too_small')
        return 'must not be empty';
    return issue.message;
}
function keyPath(path) {
    if (path.length === 0)
        return '(top level)';
    return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
function allowedKeys(path) {
    const names = path.filter(p => typeof p === 'string');
    if (names.length === 0)
        return 'version, trail';
    if (names.length === 1)
        return 'attestations, artifacts';
    if (names[names.length - 1] === 'artifacts')
        return 'name, attestations';
    return 'name, type';
}
/** The attestations the template expects: trail-level ones and those of each template artifact. */
function expectedAttestations(template) {
    const trail = template.trail ?? {};
    return [
        ...(trail.attestations ?? []),
        ...(trail.artifacts ?? []).flatMap(a => (a.attestations ?? []).map(att => ({ ...att, artifact: a.name })))
    ];
}

// EXTERNAL MODULE: ./src/kosli/paths.ts
var paths = __webpack_require__(8252);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
;// CONCATENATED MODULE: ./src/stages/trail.ts










/** Reads and validates the flow and trail templates; errors name the input, the file and the key. */
async function checkTemplates(settings) {
    const read = async (input, given) => {
        if (given === undefined)
            return undefined;
        const path = templatePath(input, given, settings.workspace);
        const file = await readTemplate(path, input, TEMPLATE_TYPES);
        return { filename: file.filename, bytes: file.bytes };
    };
    return {
        flow: await read('flow-template', settings.flowTemplate),
        trail: await read('trail-template', settings.trail?.template)
    };
}
// A relative path is read from the workspace and must stay in it, symlinks followed.
function templatePath(input, given, workspace) {
    const resolved = external_node_path_.resolve(workspace, given);
    if (external_node_path_.isAbsolute(given))
        return resolved;
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(resolved);
    }
    catch {
        // readTemplate says that it cannot be read, naming the file.
        return resolved;
    }
    if (!(0,src_workspace/* isInside */.FK)((0,src_workspace/* realWorkspace */.id)(workspace), real)) {
        throw new TemplateError(`${input}: '${given}' leads out of the workspace to '${real}' (through a symlink); give an absolute path if you mean it.`);
    }
    return real;
}
const flowAnswerSchema = schemas/* object */.Ikc({ description: schemas/* string */.YjP().nullish() });
/**
 * Creates or updates the flow from its template, then begins or updates the trail: both before
 * any artifact is reported, so the report lands on a trail that carries its template.
 */
async function ensureFlowAndTrail(settings, templates, 
/** The commit the trail is about; needed only when the step begins the trail. */
gitCommit, deps) {
    const result = {};
    if (templates.flow) {
        const description = settings.flowDescription ?? (await storedDescription(settings, deps));
        await deps.kosli.multipart({
            method: 'PUT',
            path: paths/* evidencePaths */.AH.flowTemplate(settings.org),
            dataJson: (0,payloads/* flowTemplateData */.P)(settings.flow, description),
            file: { field: 'template_file', ...templates.flow }
        });
        result.flowDescription = description;
        if (!settings.dryRun) {
            deps.log.info(`Flow '${(0,print/* inert */.tJ)(settings.flow)}': created or updated with the template ${(0,print/* inert */.tJ)(templates.flow.filename)}.`);
        }
    }
    const trail = settings.trail;
    if (trail) {
        await deps.kosli.multipart({
            method: 'PUT',
            path: paths/* evidencePaths */.AH.trail(settings.org, settings.flow),
            dataJson: (0,payloads/* beginTrailData */.oy)({
                name: trail.name,
                description: trail.description,
                gitCommit,
                repoInfo: trail.repoInfo,
                originUrl: trail.originUrl
            }),
            // Without trail-template no file is sent: whether Kosli then keeps or resets a template an
            // earlier run gave the trail is not documented; the same step re-run sends the same file.
            ...(templates.trail ? { file: { field: 'template_file', ...templates.trail } } : {})
        });
        result.trail = trail.name;
        if (!settings.dryRun) {
            deps.log.info(`Trail '${(0,print/* inert */.tJ)(trail.name)}': begun or updated${templates.trail ? ` with the template ${(0,print/* inert */.tJ)(templates.trail.filename)}` : ''}.`);
        }
    }
    return result;
}
// Kosli replaces the description with what is sent: send what it holds, or '' for a new flow.
async function storedDescription(settings, deps) {
    try {
        const flow = await deps.kosli.get((0,paths/* kosliPath */.En) `/flows/${settings.org}/${settings.flow}`, flowAnswerSchema);
        return flow.description ?? '';
    }
    catch (error) {
        if (error instanceof errors/* KosliHttpError */.TM && error.status === 404)
            return '';
        throw error;
    }
}


/***/ })

};
