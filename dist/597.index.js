export const id = 597;
export const ids = [597];
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


/***/ })

};
