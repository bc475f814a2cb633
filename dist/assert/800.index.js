export const id = 800;
export const ids = [800];
export const modules = {

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
