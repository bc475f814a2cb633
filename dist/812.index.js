export const id = 812;
export const ids = [812];
export const modules = {

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
/* unused harmony exports gitCommitSchema, repoInfoSchema, externalUrlSchema, reportArtifactBodySchema, approvalEntrySchema, createApprovalBodySchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8816);
/* harmony import */ var _patterns_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6617);



const gitCommitSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    sha1: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ),
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    author: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    author_username: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    branch: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    timestamp: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    parents: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())
});
const repoInfoSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    provider: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('github')
});
// Each value is closed in Kosli's schema: only `href` and `fingerprint`.
const externalUrlSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    href: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj).optional()
});
const reportArtifactBodySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj),
    filename: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    build_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    commit_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    trail_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .TRAIL_NAME */ .pT).optional(),
    template_reference_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .TEMPLATE_REFERENCE_NAME */ .RS).optional(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    git_commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ).optional(),
    git_commit_info: gitCommitSchema.optional(),
    repo_info: repoInfoSchema.optional(),
    commits_list: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gitCommitSchema).optional(),
    repo_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    is_compliant: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    template: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
    external_urls: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .EXTERNAL_URL_LABEL */ .fZ), externalUrlSchema).optional(),
    annotations: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
    user_data: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).optional()
});
const complianceStates = ['COMPLIANT', 'NON-COMPLIANT', 'INCOMPLETE'];
// Only the fields the action reads; the rest of the documented answer passes through.
const artifactByCommitSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj),
    filename: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    flow_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    trail_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    template_reference_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    git_commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    html_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    state: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(complianceStates).nullish(),
    state_info: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish()
});
const artifactsByCommitSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(artifactByCommitSchema);
const approvalEntrySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    state: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('APPROVED'),
    comment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    approved_by: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    approval_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
});
const createApprovalBodySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    artifact_fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    src_commit_list: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ)).min(1),
    environment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable().optional(),
    oldest_commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ).nullable().optional(),
    approvals: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(approvalEntrySchema).nullable().optional(),
    user_data: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).optional()
});
// Kosli answers a created approval with an echo of the request, without its number; fields not
// sent may come back null. Read leniently: the write has happened.
const approvalEchoSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    artifact_fingerprint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    src_commit_list: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).nullish(),
    environment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    oldest_commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    approvals: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).nullish(),
    user_data: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()
});
const listedApprovalSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    release_number: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
    base_artifact: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    artifact_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    target_artifact: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    src_commit_list: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    created_at: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(),
    state: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['APPROVED', 'UNAPPROVED', 'PENDING']),
    environment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish()
});
const approvalListSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(listedApprovalSchema);


/***/ })

};
