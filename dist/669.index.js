export const id = 669;
export const ids = [669,812];
export const modules = {

/***/ 3669:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  kF: () => (/* binding */ assertPath),
  oy: () => (/* binding */ beginTrailData),
  AH: () => (/* binding */ evidencePaths),
  P: () => (/* binding */ flowTemplateData)
});

// UNUSED EXPORTS: KOSLI_NAME, PayloadError, commonFields, customData, customDataSchema, genericData, genericDataSchema, gitCommitSchema, junitData, junitDataSchema, parseAttestationType, pullRequestData, repoInfoSchema, snykData, splitAttestationName

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/kosli/schemas.ts
var kosli_schemas = __webpack_require__(812);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __webpack_require__(9834);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 28 modules
var XMLParser = __webpack_require__(8879);
;// CONCATENATED MODULE: ./src/evidence/junit.ts




/** One entry of `junit_results`: a top-level `<testsuite>`, counted from its test cases. */
const junitResultSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP(),
    failures: schemas/* number */.aig().int().nonnegative(),
    errors: schemas/* number */.aig().int().nonnegative(),
    skipped: schemas/* number */.aig().int().nonnegative(),
    total: schemas/* number */.aig().int().nonnegative(),
    duration: schemas/* number */.aig().nonnegative(),
    timestamp: schemas/* number */.aig().optional()
});
class JUnitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JUnitError';
    }
}
const parser = new XMLParser/* default */.A({
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
    const valid = XMLValidator.validate(xml);
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
            bytes = readRegularFile(file, {
                input: 'results',
                what: 'JUnit file',
                limit: FILE_LIMITS.junit
            });
        }
        catch (error) {
            throw new JUnitError(messageOf(error));
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

;// CONCATENATED MODULE: ./src/evidence/pull-requests.ts


/** The fields read from GitHub's REST pull request (list for a commit, or get). */
const githubPullSchema = schemas/* object */.Ikc({
    number: schemas/* number */.aig().int(),
    html_url: schemas/* string */.YjP(),
    state: schemas/* enum */.k5n(['open', 'closed']),
    title: schemas/* string */.YjP(),
    user: schemas/* object */.Ikc({ login: schemas/* string */.YjP() }).nullable(),
    created_at: schemas/* string */.YjP(),
    merged_at: schemas/* string */.YjP().nullable().optional(),
    merge_commit_sha: schemas/* string */.YjP().nullable().optional(),
    head: schemas/* object */.Ikc({ ref: schemas/* string */.YjP() }),
    base: schemas/* object */.Ikc({ ref: schemas/* string */.YjP() })
});
/** The fields read from a pull request review. */
const githubReviewSchema = schemas/* object */.Ikc({
    user: schemas/* object */.Ikc({ login: schemas/* string */.YjP() }).nullable(),
    state: schemas/* string */.YjP(),
    submitted_at: schemas/* string */.YjP().nullable().optional()
});
/** The fields read from a pull request's commit. */
const githubPullCommitSchema = schemas/* object */.Ikc({
    sha: schemas/* string */.YjP(),
    html_url: schemas/* string */.YjP().optional(),
    author: schemas/* object */.Ikc({ login: schemas/* string */.YjP() }).nullable(),
    commit: schemas/* object */.Ikc({
        message: schemas/* string */.YjP(),
        author: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), email: schemas/* string */.YjP(), date: schemas/* string */.YjP() }).nullable(),
        committer: schemas/* object */.Ikc({ date: schemas/* string */.YjP() }).nullable().optional(),
        // GitHub's signature check; older GitHub Enterprise Servers leave it out.
        verification: schemas/* object */.Ikc({ verified: schemas/* boolean */.zMY(), reason: schemas/* string */.YjP() }).nullish()
    })
});
const pullRequestApproverSchema = schemas/* strictObject */.rej({
    username: schemas/* string */.YjP(),
    state: schemas/* literal */.euz('APPROVED'),
    timestamp: schemas/* number */.aig()
});
const pullRequestCommitSchema = schemas/* strictObject */.rej({
    sha1: schemas/* string */.YjP().regex(kosli_schemas/* COMMIT */.cJ),
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
    merge_commit: schemas/* string */.YjP().regex(kosli_schemas/* COMMIT */.cJ).nullable(),
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
/**
 * Waits in seconds between asks while GitHub associates no pull request with the commit yet:
 * 1, 2, 4, … with the last one cut so that all of them add up to `totalSeconds`.
 */
function pullRequestWaits(totalSeconds) {
    const waits = [];
    let left = Math.max(0, Math.floor(totalSeconds));
    let next = 1;
    while (left > 0) {
        const wait = Math.min(next, left);
        waits.push(wait);
        left -= wait;
        next = Math.min(next * 2, 60);
    }
    return waits;
}
function unixSeconds(iso) {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms))
        throw new Error(`GitHub sent a time Kosli cannot use: '${iso}'`);
    return Math.floor(ms / 1000);
}

;// CONCATENATED MODULE: ./src/evidence/snyk.ts



const issueSchema = schemas/* strictObject */.rej({
    id: schemas/* string */.YjP(),
    message: schemas/* string */.YjP(),
    locations: schemas/* array */.YOg(schemas/* strictObject */.rej({ uri: schemas/* string */.YjP(), lines: schemas/* string */.YjP().optional() })).optional(),
    priority_score: schemas/* number */.aig().optional()
});
const projectResultSchema = schemas/* strictObject */.rej({
    high_count: schemas/* number */.aig().int().nonnegative(),
    medium_count: schemas/* number */.aig().int().nonnegative(),
    low_count: schemas/* number */.aig().int().nonnegative(),
    high: schemas/* array */.YOg(issueSchema).optional(),
    medium: schemas/* array */.YOg(issueSchema).optional(),
    low: schemas/* array */.YOg(issueSchema).optional()
});
/** `snyk_results`: one result per SARIF run, issues bucketed by level. */
const snykResultsSchema = schemas/* strictObject */.rej({
    schema_version: schemas/* literal */.euz(1),
    tool: schemas/* strictObject */.rej({ name: schemas/* string */.YjP(), version: schemas/* string */.YjP() }),
    results: schemas/* array */.YOg(projectResultSchema)
});
class SnykError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SnykError';
    }
}
const EXPECTED = 'a SARIF file, as `snyk test --sarif-file-output=<file>` writes';
const sarifRuleSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().optional(),
    defaultConfiguration: schemas/* object */.Ikc({ level: schemas/* string */.YjP().optional() }).optional(),
    properties: schemas/* object */.Ikc({ problem: schemas/* object */.Ikc({ severity: schemas/* string */.YjP().optional() }).optional() })
        .optional()
});
const toolComponentSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().optional(),
    version: schemas/* string */.YjP().optional(),
    rules: schemas/* array */.YOg(sarifRuleSchema).optional()
});
const sarifSchema = schemas/* object */.Ikc({
    runs: schemas/* array */.YOg(schemas/* object */.Ikc({
        tool: schemas/* object */.Ikc({
            driver: toolComponentSchema.optional(),
            extensions: schemas/* array */.YOg(toolComponentSchema).optional()
        })
            .optional(),
        results: schemas/* array */.YOg(schemas/* object */.Ikc({
            ruleId: schemas/* string */.YjP().optional(),
            ruleIndex: schemas/* number */.aig().int().optional(),
            rule: schemas/* object */.Ikc({
                id: schemas/* string */.YjP().optional(),
                index: schemas/* number */.aig().int().optional(),
                toolComponent: schemas/* object */.Ikc({ index: schemas/* number */.aig().int().optional() }).optional()
            })
                .optional(),
            kind: schemas/* string */.YjP().optional(),
            level: schemas/* string */.YjP().optional(),
            message: schemas/* object */.Ikc({ text: schemas/* string */.YjP().optional() }).optional(),
            locations: schemas/* array */.YOg(schemas/* object */.Ikc({
                physicalLocation: schemas/* object */.Ikc({
                    artifactLocation: schemas/* object */.Ikc({ uri: schemas/* string */.YjP().optional() }).optional(),
                    region: schemas/* object */.Ikc({
                        startLine: schemas/* number */.aig().int().optional(),
                        endLine: schemas/* number */.aig().int().optional()
                    })
                        .optional()
                })
                    .optional()
            }))
                .optional(),
            properties: schemas/* object */.Ikc({ priorityScore: schemas/* number */.aig().optional() }).optional()
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
        text = readRegularFile(file, { input: 'results', what, limit: FILE_LIMITS.sarif }).toString();
    }
    catch (error) {
        throw new SnykError(messageOf(error));
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

// EXTERNAL MODULE: ./src/evidence/names.ts
var names = __webpack_require__(3781);
;// CONCATENATED MODULE: ./src/evidence/payloads.ts






/** Flow and trail names. */
const KOSLI_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/;
/**
 * A commit as trails and attestations carry it: the Kosli CLI's shape there, never a login or
 * parents (kosli-evidence.md §2.3).
 */
const gitCommitSchema = schemas/* strictObject */.rej({
    sha1: schemas/* string */.YjP().regex(kosli_schemas/* COMMIT */.cJ),
    message: schemas/* string */.YjP().optional(),
    author: schemas/* string */.YjP().optional(),
    branch: schemas/* string */.YjP().optional(),
    timestamp: schemas/* number */.aig().int().optional(),
    url: schemas/* string */.YjP().optional()
});
const repoInfoSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1),
    url: schemas/* string */.YjP().min(1),
    id: schemas/* string */.YjP().min(1),
    description: schemas/* string */.YjP().optional(),
    provider: schemas/* literal */.euz('github')
});
const externalUrlsSchema = schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[^=.]+$/), schemas/* strictObject */.rej({ href: schemas/* string */.YjP().min(1), fingerprint: schemas/* string */.YjP().regex(kosli_schemas/* FINGERPRINT */.lj).optional() }));
// Keys as the Kosli CLI allows them: the server also allows '-', so these suit both.
const annotationsSchema = schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[A-Za-z0-9_]+$/), schemas/* string */.YjP());
const userDataSchema = schemas/* union */.KCZ([schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()), schemas/* array */.YOg(schemas/* unknown */.L5J())]);
/** data_json of PUT /flows/{org}/template_file. `visibility` is deprecated and not sent. */
const flowTemplateDataSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().regex(KOSLI_NAME),
    description: schemas/* string */.YjP()
});
/** data_json of PUT /trails/{org}/{flow}: unset fields are left out so a re-run keeps them. */
const beginTrailDataSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().regex(KOSLI_NAME),
    description: schemas/* string */.YjP().optional(),
    user_data: userDataSchema.optional(),
    git_commit_info: gitCommitSchema.optional(),
    repo_info: repoInfoSchema.optional(),
    origin_url: schemas/* string */.YjP().optional(),
    external_urls: externalUrlsSchema.optional()
});
const commonShape = {
    attestation_name: schemas/* string */.YjP().regex(names/* ATTESTATION_NAME */.J8),
    target_artifacts: schemas/* array */.YOg(schemas/* string */.YjP().regex(names/* ATTESTATION_NAME */.J8)).length(1).optional(),
    artifact_fingerprint: schemas/* string */.YjP().regex(kosli_schemas/* FINGERPRINT */.lj).optional(),
    git_commit_info: gitCommitSchema.optional(),
    repo_info: repoInfoSchema.optional(),
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
    junit_results: schemas/* array */.YOg(junitResultSchema)
});
const pullRequestDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    git_provider: schemas/* literal */.euz('github'),
    pull_requests: schemas/* array */.YOg(foundPullRequestSchema)
});
const snykDataSchema = schemas/* strictObject */.rej({ ...commonShape, snyk_results: snykResultsSchema });
const customDataSchema = schemas/* strictObject */.rej({
    ...commonShape,
    type_name: schemas/* string */.YjP().min(1),
    // An object, as the CLI sends it; whether a JSON string is also accepted is not known.
    attestation_data: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())
});

/** The fields every attestation type shares; anything not given is left out. */
function commonFields(c) {
    const split = splitAttestationName(c.name);
    if (split.target_artifacts && !c.fingerprint && !c.gitCommit) {
        throw new PayloadError(`name: '${c.name}' binds to the template artifact '${split.target_artifacts[0]}', which needs the commit (git-commit) or a fingerprint.`);
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
/** Paths under /api/v2, each segment encoded. */
const evidencePaths = {
    flowTemplate: (org) => `/flows/${enc(org)}/template_file`,
    trail: (org, flow) => `/trails/${enc(org)}/${enc(flow)}`,
    getTrail: (org, flow, trail) => `/trails/${enc(org)}/${enc(flow)}/${enc(trail)}`,
    attestation: (org, flow, trail, kind) => `/attestations/${enc(org)}/${enc(flow)}/trail/${enc(trail)}/${(0,names/* attestationSlug */.ck)(kind)}`
};
/** GET /asserts/{org}/fingerprint/{fp}: flow_name when given, plus environment_name or each policy_name. */
function assertPath(org, fp, query) {
    const policies = query.policies ?? [];
    if (query.environment && policies.length > 0) {
        throw new names/* PayloadError */.tG('environment and policy cannot be used together; give one of them.');
    }
    const params = new URLSearchParams();
    if (query.flow)
        params.set('flow_name', query.flow);
    if (query.environment)
        params.set('environment_name', query.environment);
    for (const policy of policies)
        params.append('policy_name', policy);
    const search = params.toString();
    return `/asserts/${enc(org)}/fingerprint/${enc(fp)}${search ? `?${search}` : ''}`;
}
function enc(segment) {
    return encodeURIComponent(segment);
}
function defined(key, value) {
    return value === undefined ? {} : { [key]: value };
}
function nonEmpty(value) {
    return value && Object.keys(value).length > 0 ? value : undefined;
}


/***/ }),

/***/ 812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I5: () => (/* binding */ approvalEchoSchema),
/* harmony export */   XP: () => (/* binding */ approvalListSchema),
/* harmony export */   artifactByCommitSchema: () => (/* binding */ artifactByCommitSchema),
/* harmony export */   artifactsByCommitSchema: () => (/* binding */ artifactsByCommitSchema),
/* harmony export */   cJ: () => (/* reexport safe */ _patterns_js__WEBPACK_IMPORTED_MODULE_0__.cJ),
/* harmony export */   lj: () => (/* reexport safe */ _patterns_js__WEBPACK_IMPORTED_MODULE_0__.lj)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(0);
/* harmony import */ var _patterns_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6617);
/* harmony import */ var _bodies_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5890);



// The bodies the action sends are defined in bodies.ts (zod/mini); Kosli's answers here.

const complianceStates = ['COMPLIANT', 'NON-COMPLIANT', 'INCOMPLETE'];
// Only the fields the action reads; the rest of the documented answer passes through.
const artifactByCommitSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj),
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


/***/ })

};
