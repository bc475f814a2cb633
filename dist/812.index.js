export const id = 812;
export const ids = [812];
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


/***/ })

};
