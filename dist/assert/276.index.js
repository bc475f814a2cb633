export const id = 276;
export const ids = [276];
export const modules = {

/***/ 5276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  artifactByCommitSchema: () => (/* binding */ artifactByCommitSchema),
  artifactsByCommitSchema: () => (/* binding */ artifactsByCommitSchema)
});

// UNUSED EXPORTS: COMMIT, EXTERNAL_URL_LABEL, FINGERPRINT, TEMPLATE_REFERENCE_NAME, TRAIL_NAME, approvalEchoSchema, approvalEntrySchema, approvalListSchema, bodyProblems, createApprovalBodySchema, externalUrlSchema, gitCommitSchema, repoInfoSchema, reportArtifactBodySchema

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/shapes/patterns.ts
var patterns = __webpack_require__(5395);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __webpack_require__(3759);
// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js
var mini_schemas = __webpack_require__(4343);
;// CONCATENATED MODULE: ./src/shapes/commit.ts


// A commit in its two forms and the repository, as Kosli's API takes them: each defined once,
// its type inferred from it. zod/mini, as a dry run builds and checks the bodies at start-up.
const wholeNumber = mini_schemas/* int */.Whr({ error: issue => `${String(issue.input)} is not a whole number` });
/** A commit as an artifact report carries it (git_commit_info, commits_list). */
const gitCommitSchema = mini_schemas/* object */.Ikc({
    sha1: mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* COMMIT */.cJ)),
    message: mini_schemas/* string */.YjP(),
    author: mini_schemas/* string */.YjP(),
    author_username: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    branch: mini_schemas/* string */.YjP(),
    timestamp: wholeNumber,
    url: mini_schemas/* string */.YjP(),
    parents: mini_schemas/* array */.YOg(mini_schemas/* string */.YjP())
});
/**
 * A commit as trails and attestations carry it: the Kosli CLI's shape there, never a login or
 * parents (kosli-evidence.md §2.3). Only sha1 and url when no source could read the commit.
 */
const trailCommitSchema = mini_schemas/* strictObject */.rej({
    sha1: mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* COMMIT */.cJ)),
    message: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    author: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    branch: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    timestamp: mini_schemas/* optional */.lqM(wholeNumber),
    url: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP())
});
/** The repository; left out where its id is not known. */
const repoInfoSchema = mini_schemas/* strictObject */.rej({
    name: mini_schemas/* string */.YjP().check(api/* _minLength */.m9(1)),
    url: mini_schemas/* string */.YjP().check(api/* _minLength */.m9(1)),
    id: mini_schemas/* string */.YjP().check(api/* _minLength */.m9(1)),
    description: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    provider: mini_schemas/* literal */.euz('github')
});

;// CONCATENATED MODULE: ./src/kosli/bodies.ts




// The bodies the action sends to Kosli: each schema is the one definition of its body, its type
// inferred from it. zod/mini, as a dry run builds and checks them at start-up.
const notEmpty = api/* _minLength */.m9(1, 'is empty');
// Each value is closed in Kosli's schema: only `href` and `fingerprint`.
const externalUrlSchema = mini_schemas/* strictObject */.rej({
    href: mini_schemas/* string */.YjP(),
    fingerprint: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* FINGERPRINT */.lj)))
});
const reportArtifactBodySchema = mini_schemas/* strictObject */.rej({
    fingerprint: mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* FINGERPRINT */.lj)),
    filename: mini_schemas/* string */.YjP().check(notEmpty),
    build_url: mini_schemas/* string */.YjP(),
    commit_url: mini_schemas/* string */.YjP(),
    trail_name: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* TRAIL_NAME */.pT))),
    template_reference_name: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* TEMPLATE_REFERENCE_NAME */.RS))),
    description: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    git_commit: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* COMMIT */.cJ))),
    git_commit_info: mini_schemas/* optional */.lqM(gitCommitSchema),
    repo_info: mini_schemas/* optional */.lqM(repoInfoSchema),
    commits_list: mini_schemas/* optional */.lqM(mini_schemas/* array */.YOg(gitCommitSchema)),
    repo_url: mini_schemas/* optional */.lqM(mini_schemas/* string */.YjP()),
    is_compliant: mini_schemas/* optional */.lqM(mini_schemas/* boolean */.zMY()),
    template: mini_schemas/* optional */.lqM(mini_schemas/* array */.YOg(mini_schemas/* string */.YjP())),
    external_urls: mini_schemas/* optional */.lqM(mini_schemas/* record */.g1P(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* EXTERNAL_URL_LABEL */.fZ)), externalUrlSchema)),
    annotations: mini_schemas/* optional */.lqM(mini_schemas/* record */.g1P(mini_schemas/* string */.YjP(), mini_schemas/* string */.YjP())),
    user_data: mini_schemas/* optional */.lqM(mini_schemas/* record */.g1P(mini_schemas/* string */.YjP(), mini_schemas/* unknown */.L5J()))
});
const approvalEntrySchema = mini_schemas/* strictObject */.rej({
    state: mini_schemas/* literal */.euz('APPROVED'),
    comment: mini_schemas/* string */.YjP(),
    approved_by: mini_schemas/* string */.YjP(),
    approval_url: mini_schemas/* string */.YjP()
});
const createApprovalBodySchema = mini_schemas/* strictObject */.rej({
    artifact_fingerprint: mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* FINGERPRINT */.lj)),
    description: mini_schemas/* string */.YjP(),
    src_commit_list: mini_schemas/* array */.YOg(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* COMMIT */.cJ))).check(notEmpty),
    environment: mini_schemas/* optional */.lqM(mini_schemas/* nullable */.mee(mini_schemas/* string */.YjP())),
    oldest_commit: mini_schemas/* optional */.lqM(mini_schemas/* nullable */.mee(mini_schemas/* string */.YjP().check(api/* _regex */.Fk(patterns/* COMMIT */.cJ)))),
    approvals: mini_schemas/* optional */.lqM(mini_schemas/* nullable */.mee(mini_schemas/* array */.YOg(approvalEntrySchema))),
    user_data: mini_schemas/* optional */.lqM(mini_schemas/* record */.g1P(mini_schemas/* string */.YjP(), mini_schemas/* unknown */.L5J()))
});
/** Why a body is refused, one phrase per issue: `field "value" does not match …` for a pattern. */
function bodyProblems(schema, body) {
    const result = schema.safeParse(body, { reportInput: true });
    return result.success ? [] : result.error.issues.map(issue => describeIssue(issue));
}
/** `commits_list[0].sha1`: a path as it reads in the body. */
function fieldName(path) {
    return path
        .map((key, i) => typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)
        .join('');
}
function describeIssue(issue, where = fieldName(issue.path)) {
    if (issue.code === 'invalid_key') {
        // A record's key is named as a label of the record, not by its own path.
        const label = `${fieldName(issue.path.slice(0, -1))} label`;
        return issue.issues.map(inner => describeIssue(inner, label)).join('; ');
    }
    if (issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern) {
        const source = issue.pattern.slice(1, issue.pattern.lastIndexOf('/'));
        return `${where} ${JSON.stringify(issue.input)} does not match ${source}`;
    }
    return `${where} ${issue.message}`;
}

;// CONCATENATED MODULE: ./src/kosli/schemas.ts



// The bodies the action sends are defined in bodies.ts (zod/mini); Kosli's answers here.

const complianceStates = ['COMPLIANT', 'NON-COMPLIANT', 'INCOMPLETE'];
// Only the fields the action reads; the rest of the documented answer passes through.
const artifactByCommitSchema = schemas/* looseObject */._H3({
    fingerprint: schemas/* string */.YjP().regex(patterns/* FINGERPRINT */.lj),
    filename: schemas/* string */.YjP(),
    flow_name: schemas/* string */.YjP(),
    trail_name: schemas/* string */.YjP().nullish(),
    template_reference_name: schemas/* string */.YjP().nullish(),
    git_commit: schemas/* string */.YjP().nullish(),
    html_url: schemas/* string */.YjP().nullish(),
    state: schemas/* enum */.k5n(complianceStates).nullish(),
    state_info: schemas/* string */.YjP().nullish()
});
const artifactsByCommitSchema = schemas/* array */.YOg(artifactByCommitSchema);
// Kosli answers a created approval with an echo of the request, without its number; fields not
// sent may come back null. Read leniently: the write has happened.
const approvalEchoSchema = schemas/* looseObject */._H3({
    artifact_fingerprint: schemas/* string */.YjP().nullish(),
    description: schemas/* string */.YjP().nullish(),
    src_commit_list: schemas/* array */.YOg(schemas/* string */.YjP()).nullish(),
    environment: schemas/* string */.YjP().nullish(),
    oldest_commit: schemas/* string */.YjP().nullish(),
    approvals: schemas/* array */.YOg(schemas/* unknown */.L5J()).nullish(),
    user_data: schemas/* unknown */.L5J()
});
const listedApprovalSchema = schemas/* looseObject */._H3({
    release_number: schemas/* number */.aig().int(),
    base_artifact: schemas/* string */.YjP().nullish(),
    artifact_name: schemas/* string */.YjP().nullish(),
    target_artifact: schemas/* string */.YjP(),
    description: schemas/* string */.YjP().nullish(),
    src_commit_list: schemas/* array */.YOg(schemas/* string */.YjP()),
    created_at: schemas/* number */.aig(),
    state: schemas/* enum */.k5n(['APPROVED', 'UNAPPROVED', 'PENDING']),
    environment: schemas/* string */.YjP().nullish()
});
const approvalListSchema = schemas/* array */.YOg(listedApprovalSchema);


/***/ })

};
