export const id = 405;
export const ids = [405,597,800];
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
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6587);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9658);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5824);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(0);




/** One entry of `junit_results`: a top-level `<testsuite>`, counted from its test cases. */
const junitResultSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    failures: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    errors: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    skipped: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    total: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    duration: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(),
    timestamp: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional()
});
class JUnitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JUnitError';
    }
}
const parser = new fast_xml_parser__WEBPACK_IMPORTED_MODULE_2__/* ["default"] */ .A({
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
    const valid = fast_xml_parser__WEBPACK_IMPORTED_MODULE_3__/* .XMLValidator */ .iI.validate(xml);
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
            throw new JUnitError((0,_error_message_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .b)(error));
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
        const names = report.emptySuites.map(n => `'${n}'`).join(', ');
        return {
            compliant: undefined,
            warning: `JUnit suite${report.emptySuites.length === 1 ? '' : 's'} ${names || '(all)'} ran no test case; Kosli decides whether that is compliant.`
        };
    }
    return { compliant: true };
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
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6587);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(0);



const issueSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    locations: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ uri: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), lines: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional() })).optional(),
    priority_score: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional()
});
const projectResultSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    high_count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    medium_count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    low_count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    high: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(issueSchema).optional(),
    medium: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(issueSchema).optional(),
    low: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(issueSchema).optional()
});
/** `snyk_results`: one result per SARIF run, issues bucketed by level. */
const snykResultsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    schema_version: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1),
    tool: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }),
    results: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(projectResultSchema)
});
class SnykError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SnykError';
    }
}
const EXPECTED = 'a SARIF file, as `snyk test --sarif-file-output=<file>` writes';
const sarifRuleSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    defaultConfiguration: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ level: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional() }).optional(),
    properties: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ problem: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ severity: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional() }).optional() })
        .optional()
});
const toolComponentSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    rules: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(sarifRuleSchema).optional()
});
const sarifSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    runs: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        tool: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            driver: toolComponentSchema.optional(),
            extensions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(toolComponentSchema).optional()
        })
            .optional(),
        results: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
            ruleId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            ruleIndex: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
            rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
                id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
                index: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
                toolComponent: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ index: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional() }).optional()
            })
                .optional(),
            kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            level: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            message: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ text: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional() }).optional(),
            locations: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
                physicalLocation: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
                    artifactLocation: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ uri: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional() }).optional(),
                    region: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
                        startLine: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
                        endLine: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional()
                    })
                        .optional()
                })
                    .optional()
            }))
                .optional(),
            properties: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ priorityScore: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional() }).optional()
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
        throw new SnykError((0,_error_message_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .b)(error));
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


/***/ })

};
