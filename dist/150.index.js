export const id = 150;
export const ids = [150];
export const modules = {

/***/ 5150:
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
// EXTERNAL MODULE: ./src/attestations/table.ts + 14 modules
var table = __webpack_require__(4115);
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
        throw new TemplateError((0,error_message/* messageOf */.b)(error));
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
// EXTERNAL MODULE: ./src/kosli/errors.ts
var errors = __webpack_require__(8633);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
;// CONCATENATED MODULE: ./src/stages/trail.ts










/** Reads and validates the flow and trail templates; errors name the input, the file and the key. */
async function checkTemplates(settings) {
    const read = async (input, given) => {
        if (given === undefined)
            return undefined;
        const path = templatePath(input, given, settings.workspace);
        const file = await readTemplate(path, input, table/* TEMPLATE_TYPES */.$h);
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
