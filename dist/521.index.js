export const id = 521;
export const ids = [521];
export const modules = {

/***/ 3521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxiedHop: () => (/* binding */ proxiedHop)
/* harmony export */ });
// undici is loaded by the runs that use a proxy, only: the rest never parse its 780 KB.
const agents = new Map();
const EMPTY = {
    async *[Symbol.asyncIterator]() {
        // An answer without a body (a HEAD, a 204) yields nothing.
    }
};
/**
 * One request through a forwarding proxy, without following redirects: undici's fetch with a
 * ProxyAgent, which opens a CONNECT tunnel (Node's own fetch ignores HTTPS_PROXY).
 */
async function proxiedHop(url, proxy, hop, signal) {
    const undici = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 4371, 19));
    // One agent per proxy, kept for the run so that its connections are reused.
    let agent = agents.get(proxy.href);
    if (!agent) {
        agent = new undici.ProxyAgent({ uri: proxy.href });
        agents.set(proxy.href, agent);
    }
    const response = await undici.fetch(url, {
        method: hop.method,
        headers: hop.headers,
        body: hop.body,
        redirect: 'manual',
        signal,
        dispatcher: agent
    });
    const { body } = response;
    return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: body ?? EMPTY,
        cancel: () => void body?.cancel().catch(() => undefined)
    };
}


/***/ })

};
