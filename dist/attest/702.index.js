export const id = 702;
export const ids = [702];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubRateLimitError: () => (/* binding */ GitHubRateLimitError),
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(891);
/* harmony import */ var _http_answer_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9856);
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6657);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4068);




/** A GitHub rate limit outlasted max-retries or the longest wait worth sitting out. */
class GitHubRateLimitError extends Error {
    status;
    request;
    response;
    /** When the primary rate limit resets, if GitHub said. */
    resetAt;
    constructor(message, source, resetAt) {
        super(message, { cause: source });
        this.name = 'GitHubRateLimitError';
        this.status = source.status;
        this.request = source.request;
        this.response = source.response;
        this.resetAt = resetAt;
    }
}
/**
 * Octokit over the action's HTTP layer: its retries (rate limits included), per-attempt
 * timeout and body cap; the token goes to the API's own origin only and is never logged.
 */
function createOctokit(options) {
    const http = (0,_reader_js__WEBPACK_IMPORTED_MODULE_2__/* .githubHttpSettings */ .BZ)(options);
    const { log } = http;
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const line = (message, extra) => 
    // Objects (request options, with their headers) are left out rather than printed.
    [message, ...extra]
        .filter(part => part === null || typeof part !== 'object' || part instanceof Error)
        .map(part => (part instanceof Error ? part.message : String(part)))
        .join(' ');
    // The request log reports each failed request ("GET /x - 500 with id …"); the error that
    // follows is what the step shows.
    const warnUnlessRequestLine = (text) => /^[A-Z]+ \S+ - \d+ with id /.test(text) ? log.debug(text) : log.warning(text);
    const octokitLog = {
        debug: (m, ...extra) => log.debug(line(m, extra)),
        // Octokit's info lines are one per request: debug detail, not the step's story.
        info: (m, ...extra) => log.debug(line(m, extra)),
        warn: (m, ...extra) => warnUnlessRequestLine(line(m, extra)),
        error: (m, ...extra) => warnUnlessRequestLine(line(m, extra))
    };
    const octokit = new _octokit_rest__WEBPACK_IMPORTED_MODULE_3__/* .Octokit */ .E({
        ...(options.token ? { auth: options.token } : {}),
        baseUrl,
        userAgent: _http_request_js__WEBPACK_IMPORTED_MODULE_1__/* .USER_AGENT */ ._O,
        log: octokitLog,
        // @octokit/request logs deprecations to `request.log`, not to the Octokit's log.
        request: { fetch: githubFetch(http, new URL(baseUrl).origin), log: octokitLog }
    });
    octokit.hook.error('request', error => {
        throw rateLimitError(error, http.secrets()) ?? error;
    });
    return octokit;
}
// Octokit's fetch: the HTTP layer, answering with the body it read (within the cap).
function githubFetch(http, apiOrigin) {
    return async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const headers = Object.fromEntries(new Headers(init?.headers));
        if (headers.authorization)
            (0,_reader_js__WEBPACK_IMPORTED_MODULE_2__/* .refuseOtherOrigin */ .r6)(url, apiOrigin);
        try {
            const answer = await (0,_http_request_js__WEBPACK_IMPORTED_MODULE_1__/* .request */ .Em)({
                method: init?.method ?? 'GET',
                url,
                headers,
                body: init?.body === null ? undefined : init?.body,
                redirect: init?.redirect,
                signal: init?.signal ?? undefined
            }, http);
            const noBody = [204, 205, 304].includes(answer.status);
            return new Response(noBody ? null : answer.body, {
                status: answer.status,
                statusText: answer.statusText,
                headers: [...answer.headers]
            });
        }
        catch (error) {
            if (!(error instanceof _http_request_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$))
                throw error;
            // Octokit shows this message; a timeout or network error needs no repeat of the request.
            throw (0,_reader_js__WEBPACK_IMPORTED_MODULE_2__/* .noAnswerError */ .q9)(error);
        }
    };
}
function rateLimitError(error, secrets) {
    const err = error;
    if (!err?.response || err.status === undefined)
        return undefined;
    const headers = err.response.headers ?? {};
    const get = (name) => headers[name] === undefined ? null : String(headers[name]);
    const message = (0,_reader_js__WEBPACK_IMPORTED_MODULE_2__/* .rateLimitMessage */ .zt)(err.status, { get }, githubMessage(err.response.data, secrets) ?? '');
    if (!message)
        return undefined;
    const source = { status: err.status, request: err.request ?? {}, response: err.response };
    const reset = Number(headers['x-ratelimit-reset']);
    const primary = !message.includes('secondary');
    const resetAt = primary && Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
    return new GitHubRateLimitError(message, source, resetAt);
}
function githubMessage(data, secrets) {
    if ((0,_http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(data) && typeof data.message === 'string')
        return data.message;
    if (typeof data === 'string' && data.trim())
        return (0,_http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(data, 300, secrets);
    return undefined;
}


/***/ })

};
