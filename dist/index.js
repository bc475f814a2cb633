import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1532:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ settleLimit),
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** Maps over items with at most `limit` calls in flight; results keep the input order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    async function worker() {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    }
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    await Promise.all(workers);
    return results;
}
/** Like mapLimit, but every item settles: one failure does not stop the others. */
async function settleLimit(items, limit, fn) {
    return mapLimit(items, limit, (item, index) => fn(item, index).then((value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason })));
}


/***/ }),

/***/ 6587:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ withMessage),
/* harmony export */   b: () => (/* binding */ messageOf)
/* harmony export */ });
/**
 * True for anything thrown that carries a message: an Error of this realm or another one (a
 * DOMException made by Node's own fetch, an error from a test sandbox).
 */
function isErrorLike(error) {
    return (error instanceof Error ||
        (typeof error === 'object' &&
            error !== null &&
            typeof error.message === 'string'));
}
/** What went wrong, in the words of whatever was thrown. */
function messageOf(error) {
    return isErrorLike(error) ? error.message : String(error);
}
/**
 * `error`, saying `text` instead of its own message. Plain assignment throws for errors whose
 * `message` is a getter (the DOMException of an aborted or timed-out fetch), so the text is
 * defined on the error itself; where even that is refused, a new Error says it and keeps the
 * original as its `cause`.
 */
function withMessage(error, text) {
    if (isErrorLike(error)) {
        if (error.message === text)
            return error;
        try {
            Object.defineProperty(error, 'message', {
                value: text,
                writable: true,
                configurable: true,
                enumerable: false
            });
            if (error.message === text)
                return error;
        }
        catch {
            // Frozen, or a message that cannot be redefined: a new error below.
        }
    }
    const replacement = new Error(text, { cause: error });
    const name = error?.name;
    if (typeof name === 'string' && name)
        replacement.name = name;
    return replacement;
}


/***/ }),

/***/ 3781:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J8: () => (/* binding */ ATTESTATION_NAME),
/* harmony export */   KN: () => (/* binding */ parseAttestationType),
/* harmony export */   tG: () => (/* binding */ PayloadError),
/* harmony export */   yA: () => (/* binding */ splitAttestationName)
/* harmony export */ });
// The attest step's type and name, checked with the inputs before anything is read or sent; kept
// apart from the payloads so that checking them loads no parser.
/** Attestation names as Kosli accepts them: no dot (a dot binds a name to a template artifact). */
const ATTESTATION_NAME = /^[a-zA-Z0-9\-_,]+$/;
class PayloadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PayloadError';
    }
}
/** The attest `type` input: pull-request, junit, generic, snyk or custom:<type-name>. */
function parseAttestationType(value) {
    const v = value.trim();
    if (v === 'pull-request')
        return { kind: 'pull_request' };
    if (v === 'junit' || v === 'generic' || v === 'snyk')
        return { kind: v };
    const custom = /^custom:(\S+)$/.exec(v);
    if (custom)
        return { kind: 'custom', typeName: custom[1] };
    throw new PayloadError(`type: '${v}' is not an attestation type; use pull-request, junit, generic, snyk or custom:<type-name>.`);
}
/**
 * Split `<artifact>.<attestation>` into the attestation name and its target template artifact;
 * a name without a dot is a trail-level (or fingerprint-bound) attestation.
 */
function splitAttestationName(value) {
    const parts = value.split('.');
    if (parts.length > 2 || parts.some(p => p === '')) {
        throw new PayloadError(`name: '${value}' is not <attestation> or <artifact>.<attestation>; use at most one dot, with a name on each side.`);
    }
    for (const part of parts) {
        if (!ATTESTATION_NAME.test(part)) {
            throw new PayloadError(`name: '${part}' may hold letters, digits, '-', '_' and ',' only, as Kosli requires.`);
        }
    }
    return parts.length === 2
        ? { attestation_name: parts[1], target_artifacts: [parts[0]] }
        : { attestation_name: parts[0] };
}


/***/ }),

/***/ 4062:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Mk: () => (/* binding */ chooseCredentials),
/* harmony export */   ZN: () => (/* binding */ registrySecrets),
/* harmony export */   qd: () => (/* binding */ parseWwwAuthenticate)
/* harmony export */ });
/* unused harmony export dockerConfigPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8267);
/* harmony import */ var _json_error_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8066);





const GHCR = 'ghcr.io';
const HUB_KEYS = new Set(['docker.io', 'index.docker.io', _reference_js__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB_REGISTRY */ .DJ]);
/**
 * Picks the credentials for `registry`: registry-username/registry-password when it is the one
 * registry they are for, else the docker config's `auths` entry for it, else the github-token for
 * ghcr.io, else none (anonymous).
 */
function chooseCredentials(registry, given) {
    // Given credentials belong to one registry: any other registry never sees them.
    const theirs = given.registry !== undefined && given.registry === registry;
    const username = theirs && given.username?.trim() ? given.username : undefined;
    const password = theirs && given.password ? given.password : undefined;
    if (username && password) {
        return { credentials: { username, password, source: 'registry-username' }, notes: [] };
    }
    if (username || password) {
        throw new Error(`'registry-username' and 'registry-password' go together: only ${username ? "'registry-username'" : "'registry-password'"} ` +
            `is set. Give both, or neither to use ~/.docker/config.json${registry === GHCR ? ' or the github-token' : ''}`);
    }
    const notes = [];
    const fromConfig = dockerConfigCredentials(registry, given.env ?? process.env, notes);
    if (fromConfig)
        return { credentials: fromConfig, notes };
    if (registry === GHCR && given.githubToken) {
        // ghcr.io accepts any non-empty user name with a GitHub token.
        return {
            credentials: {
                username: 'x-access-token',
                password: given.githubToken,
                source: 'github-token'
            },
            notes
        };
    }
    return { notes };
}
/**
 * Every form of every registry credential this step may send, as it could appear in output: the
 * password given, the docker config's secrets (the base64 `auth`, the user:password it decodes
 * to, the password, the identity token), and the Basic header values built from them.
 */
function registrySecrets(given) {
    const secrets = [];
    const basic = (username, password) => Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    if (given.password) {
        secrets.push(given.password);
        if (given.username)
            secrets.push(basic(given.username, given.password));
    }
    if (given.githubToken)
        secrets.push(basic('x-access-token', given.githubToken));
    let config;
    try {
        config = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(dockerConfigPath(given.env ?? process.env), 'utf8'));
    }
    catch {
        return secrets; // no docker config, or one chooseCredentials reports when it is needed
    }
    const auths = config?.auths && typeof config.auths === 'object' ? config.auths : {};
    for (const entry of Object.values(auths)) {
        if (!entry || typeof entry !== 'object')
            continue;
        if (typeof entry.auth === 'string' && entry.auth) {
            secrets.push(entry.auth);
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                secrets.push(decoded, decoded.slice(colon + 1));
        }
        if (typeof entry.password === 'string' && entry.password) {
            secrets.push(entry.password);
            if (typeof entry.username === 'string')
                secrets.push(basic(entry.username, entry.password));
        }
        if (typeof entry.identitytoken === 'string' && entry.identitytoken) {
            secrets.push(entry.identitytoken);
        }
    }
    return secrets.filter(secret => secret.length > 0);
}
/** `$DOCKER_CONFIG/config.json`, else `$HOME/.docker/config.json`. */
function dockerConfigPath(env) {
    if (env.DOCKER_CONFIG)
        return node_path__WEBPACK_IMPORTED_MODULE_2__.join(env.DOCKER_CONFIG, 'config.json');
    return node_path__WEBPACK_IMPORTED_MODULE_2__.join(env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.docker', 'config.json');
}
function dockerConfigCredentials(registry, env, notes) {
    const file = dockerConfigPath(env);
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new Error(`Could not read the docker config ${file}: ${error.message}`);
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch {
        // Never JSON.parse's message: it quotes the file, which holds credentials.
        throw new Error(`The docker config ${file} is not valid JSON (${(0,_json_error_js__WEBPACK_IMPORTED_MODULE_4__/* .jsonErrorLocation */ .s)(text)}); fix or remove ` +
            `it, or give registry-username and registry-password`);
    }
    const source = `docker config ${file}`;
    const wanted = configKey(registry);
    const auths = config?.auths && typeof config.auths === 'object' ? config.auths : {};
    // An exact key wins over one that only normalises to the same registry.
    const key = Object.keys(auths).find(candidate => candidate === registry) ??
        Object.keys(auths).find(candidate => configKey(candidate) === wanted);
    const helper = config?.credHelpers?.[registry] ?? config?.credsStore;
    const entry = key === undefined ? undefined : auths[key];
    if (entry && typeof entry === 'object') {
        if (typeof entry.auth === 'string' && entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new Error(`The docker config ${file} has an 'auth' for '${key}' that is not base64 of user:password; ` +
                    `log in again (docker login / docker/login-action)`);
            }
            return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
        }
        if (typeof entry.username === 'string' &&
            entry.username &&
            typeof entry.password === 'string') {
            return { username: entry.username, password: entry.password, source };
        }
        if (entry.identitytoken) {
            notes.push(`${source} holds an identity token for ${key}, which the action does not use`);
        }
    }
    if (helper && typeof helper === 'string') {
        notes.push(`${source} names the credential helper '${helper}', which the action does not run; ` +
            `give registry-username and registry-password instead`);
    }
    return undefined;
}
/** A docker config key reduced to its host: `https://index.docker.io/v1/` → `docker.io`. */
function configKey(key) {
    const host = key
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .split('/')[0]
        .toLowerCase();
    return HUB_KEYS.has(host) ? 'docker.io' : host;
}
/**
 * Parses a `WWW-Authenticate` header into its challenges, e.g.
 * `Bearer realm="https://auth.example/token",service="example",scope="repository:a/b:pull"`.
 */
function parseWwwAuthenticate(header) {
    const challenges = [];
    if (!header)
        return challenges;
    let i = 0;
    const n = header.length;
    const skipSpace = () => {
        while (i < n && (header[i] === ' ' || header[i] === '\t'))
            i++;
    };
    const readToken = () => {
        const start = i;
        while (i < n && !/[\s,=]/.test(header[i]))
            i++;
        return header.slice(start, i);
    };
    const readQuoted = () => {
        let value = '';
        i++; // the opening quote
        while (i < n && header[i] !== '"') {
            if (header[i] === '\\' && i + 1 < n)
                i++;
            value += header[i++];
        }
        i++; // the closing quote
        return value;
    };
    let current;
    while (i < n) {
        skipSpace();
        if (header[i] === ',') {
            i++;
            continue;
        }
        const token = readToken();
        if (!token) {
            i++;
            continue;
        }
        skipSpace();
        if (header[i] === '=' && current) {
            i++;
            skipSpace();
            const value = header[i] === '"' ? readQuoted() : readToken();
            current.params[token.toLowerCase()] = value;
        }
        else {
            current = { scheme: token.toLowerCase(), params: {} };
            challenges.push(current);
        }
    }
    return challenges;
}


/***/ }),

/***/ 8267:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DJ: () => (/* binding */ DOCKER_HUB_REGISTRY),
/* harmony export */   jW: () => (/* binding */ isLoopbackRegistry),
/* harmony export */   o_: () => (/* binding */ parseImageReference)
/* harmony export */ });
const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', DOCKER_HUB_REGISTRY]);
// The grammar of github.com/distribution/reference, which Docker uses.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_NAME = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const SHA256_DIGEST = /^sha256:([0-9a-fA-F]{64})$/;
const ANY_DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME_LENGTH = 255;
/**
 * Splits an image reference as Docker does: `nginx` → `registry-1.docker.io/library/nginx:latest`.
 * A `http://` prefix selects plain http and is refused unless the registry is a loopback host.
 */
function parseImageReference(ref) {
    const given = ref.trim();
    if (!given)
        throw invalid(ref, 'it is empty');
    let rest = given;
    let insecure = false;
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
    if (scheme) {
        const name = scheme[1].toLowerCase();
        if (name !== 'http' && name !== 'https') {
            throw invalid(given, `'${name}://' is not a registry scheme; use no prefix (https) or http://`);
        }
        insecure = name === 'http';
        rest = rest.slice(scheme[0].length);
    }
    let digest;
    const at = rest.indexOf('@');
    if (at !== -1) {
        const rawDigest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const sha = SHA256_DIGEST.exec(rawDigest);
        if (sha)
            digest = `sha256:${sha[1].toLowerCase()}`;
        else if (ANY_DIGEST.test(rawDigest)) {
            throw invalid(given, `its digest '${rawDigest}' is not sha256; Kosli fingerprints are SHA-256`);
        }
        else {
            throw invalid(given, `'${rawDigest}' after '@' is not a digest (expected sha256:<64 hex>)`);
        }
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag)) {
            throw invalid(given, `its tag '${tag}' is not valid (letters, digits, '_', '.', '-'; 128 at most)`);
        }
    }
    const slash = rest.indexOf('/');
    let registry = DOCKER_HUB_REGISTRY;
    let repository = rest;
    if (slash !== -1) {
        const first = rest.slice(0, slash);
        // Docker's rule: the first component names a registry when it looks like a host.
        if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
            registry = checkRegistry(given, first);
            repository = rest.slice(slash + 1);
        }
    }
    if (DOCKER_HUB_ALIASES.has(registry)) {
        registry = DOCKER_HUB_REGISTRY;
        if (repository && !repository.includes('/'))
            repository = `library/${repository}`;
    }
    checkRepository(given, repository);
    if (`${registry}/${repository}`.length > MAX_NAME_LENGTH) {
        throw invalid(given, `its name is longer than ${MAX_NAME_LENGTH} characters`);
    }
    if (insecure && !isLoopbackRegistry(registry)) {
        throw new Error(`Image reference '${given}' asks for plain http, which is allowed only for a loopback ` +
            `registry (localhost, 127.0.0.0/8, [::1]); '${registry}' must be asked over https: drop ` +
            `the 'http://' prefix`);
    }
    if (!tag && !digest)
        tag = 'latest';
    const display = `${registry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    return { registry, repository, tag, digest, insecure, display };
}
/** True for `localhost`, 127.0.0.0/8 and `[::1]`, with or without a port. */
function isLoopbackRegistry(registry) {
    const host = hostOf(registry).toLowerCase();
    if (host === 'localhost' || host === '[::1]')
        return true;
    const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    return octets !== null && octets.slice(1).every(octet => Number(octet) <= 255);
}
/** The host of `host:port`, keeping an IPv6 literal's brackets. */
function hostOf(registry) {
    if (registry.startsWith('['))
        return registry.slice(0, registry.indexOf(']') + 1);
    const colon = registry.lastIndexOf(':');
    return colon === -1 ? registry : registry.slice(0, colon);
}
function checkRegistry(given, registry) {
    let host = registry;
    let port;
    const portMatch = /^(.*):([^:\]]*)$/.exec(registry);
    if (portMatch && !(registry.startsWith('[') && !registry.includes(']:'))) {
        host = portMatch[1];
        port = portMatch[2];
    }
    if (!(DOMAIN_NAME.test(host) || IPV6_HOST.test(host))) {
        throw invalid(given, `'${registry}' is not a registry host`);
    }
    if (port !== undefined &&
        !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
        throw invalid(given, `'${port}' is not a port number`);
    }
    return registry.toLowerCase();
}
function checkRepository(given, repository) {
    if (!repository)
        throw invalid(given, 'it names no repository');
    for (const component of repository.split('/')) {
        if (PATH_COMPONENT.test(component))
            continue;
        if (PATH_COMPONENT.test(component.toLowerCase())) {
            throw invalid(given, `repository names must be lower case ('${repository}')`);
        }
        throw invalid(given, `'${component}' is not a valid repository path component (lower-case letters and digits, ` +
            `separated by '.', '_', '__' or '-')`);
    }
}
function invalid(given, why) {
    return new Error(`Image reference '${given}' is not valid: ${why}. Expected [registry[:port]/]repository` +
        `[:tag][@sha256:<64 hex>], e.g. ghcr.io/acme/app:1.4.2`);
}


/***/ }),

/***/ 4068:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BZ: () => (/* binding */ githubHttpSettings),
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   So: () => (/* binding */ apiPath),
/* harmony export */   q9: () => (/* binding */ noAnswerError),
/* harmony export */   r6: () => (/* binding */ refuseOtherOrigin),
/* harmony export */   r9: () => (/* binding */ createGitHubReader),
/* harmony export */   zt: () => (/* binding */ rateLimitMessage)
/* harmony export */ });
/* harmony import */ var _http_answer_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9856);
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8602);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6670);



/** GitHub answered with an error status, or with a body that is not JSON. */
class GitHubApiError extends Error {
    status;
    constructor(message, 
    /** The answer's status; set whenever GitHub answered. */
    status) {
        super(message);
        this.status = status;
        this.name = 'GitHubApiError';
    }
}
/** How every request to the GitHub API is sent: retries, cap, and the token kept out of lines. */
function githubHttpSettings(options) {
    const secrets = options.token ? [options.token] : [];
    return {
        service: 'GitHub',
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
        retryBaseMs: options.retryBaseMs,
        maxWaitMs: options.maxWaitMs,
        bodyCap: _http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .API_BODY_CAP */ .JN,
        secrets: () => secrets,
        log: (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactingLog */ .KR)(options.log ?? _redact_js__WEBPACK_IMPORTED_MODULE_1__/* .coreLog */ .uu, () => secrets)
    };
}
/** The token goes to the API's own origin only: a request anywhere else is refused unsent. */
function refuseOtherOrigin(url, apiOrigin) {
    if (url.origin !== apiOrigin) {
        throw new Error(`refusing to send the github-token to ${url.origin}, which is not the GitHub API (${apiOrigin})`);
    }
}
/** No answer: the words say what happened (a timeout, a network error); there is no status. */
function noAnswerError(error) {
    return new Error(error.kind === 'too-large' ? error.message : error.detail, { cause: error });
}
function createGitHubReader(options) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const origin = new URL(baseUrl).origin;
    const http = githubHttpSettings(options);
    const headers = {
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': _http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .USER_AGENT */ ._O,
        ...(options.token ? { Authorization: `token ${options.token}` } : {})
    };
    return {
        baseUrl,
        async get(path, query) {
            const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(baseUrl + path);
            refuseOtherOrigin(url, origin);
            for (const [name, value] of Object.entries(query ?? {}))
                url.searchParams.set(name, String(value));
            let answer;
            try {
                answer = await (0,_http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)({ method: 'GET', url, headers }, http);
            }
            catch (error) {
                if (!(error instanceof _http_request_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$))
                    throw error;
                throw noAnswerError(error);
            }
            const text = answer.body.toString('utf8');
            if (answer.status < 200 || answer.status >= 300) {
                const message = githubMessage(text) || answer.statusText;
                throw new GitHubApiError(rateLimitMessage(answer.status, answer.headers, message) ?? message, answer.status);
            }
            let data;
            try {
                data = JSON.parse(text);
            }
            catch {
                throw new GitHubApiError(`answered ${answer.status}, but not with JSON: check that GITHUB_API_URL (${baseUrl}) is the GitHub API`, answer.status);
            }
            return { data, link: answer.headers.get('link') ?? undefined };
        }
    };
}
/** GitHub's `message`, as it wrote it (the printer makes it inert), else the server's words. */
function githubMessage(text) {
    try {
        const json = JSON.parse(text);
        if ((0,_http_answer_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(json) && typeof json.message === 'string' && json.message.trim()) {
            return json.message.length > 1000 ? `${json.message.slice(0, 1000)}…` : json.message;
        }
    }
    catch {
        // Not JSON: serverMessage reads a page's title or the start of the text.
    }
    return (0,_http_answer_js__WEBPACK_IMPORTED_MODULE_2__/* .serverMessage */ .x_)(text);
}
/**
 * A rate limit in words, when a 403 or 429 is one: the secondary limit with its Retry-After, or
 * the primary limit with the time it resets (x-ratelimit-reset).
 */
function rateLimitMessage(status, headers, message) {
    if (status !== 403 && status !== 429)
        return undefined;
    const retryAfter = headers.get('retry-after');
    if (/\bsecondary rate\b/i.test(message) || (status === 429 && retryAfter)) {
        const after = Number(retryAfter);
        const when = Number.isFinite(after) && after > 0 ? `; retry after ${after} s` : '';
        return `GitHub API secondary rate limit exceeded${when}`;
    }
    if (headers.get('x-ratelimit-remaining') === '0') {
        const reset = Number(headers.get('x-ratelimit-reset'));
        const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
        return `GitHub API rate limit exceeded; resets at ${resetAt ? resetAt.toISOString() : 'an unknown time'}`;
    }
    return undefined;
}
/** `/repos/acme/app/commits/<sha>`: each part encoded as one path segment. */
function apiPath(...segments) {
    return segments.map(s => `/${encodeURIComponent(s)}`).join('');
}


/***/ }),

/***/ 4722:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ RUNTIME_RISKS)
/* harmony export */ });
// On its own so that the inputs can list these without building the deployment record's schemas.
/** The runtime risks GitHub's deployment record accepts. */
const RUNTIME_RISKS = [
    'critical-resource',
    'internet-exposed',
    'lateral-movement',
    'sensitive-data'
];


/***/ }),

/***/ 9856:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   qS: () => (/* binding */ statusText),
/* harmony export */   x_: () => (/* binding */ serverMessage)
/* harmony export */ });
/** The reason phrase the server sent, else the standard one: `503 Service Unavailable`. */
function statusText(status, given) {
    // Taken from the process: an ESM import of node:http makes Node 24 load its fetch (undici).
    return (given?.trim() || process.getBuiltinModule('node:http').STATUS_CODES[status] || 'Unknown Status');
}
/**
 * The server's own words in an error answer: `message`, `detail` or `error` of a JSON body, the
 * first message of an `errors` list, the title of an HTML page, or the start of plain text.
 */
function serverMessage(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
        return excerpt(title ? title[1] : text.replace(/<[^>]*>/g, ' '), 300);
    }
    if (isObject(json)) {
        const message = json.message ?? json.detail ?? json.error;
        if (typeof message === 'string')
            return excerpt(message, 300);
        const first = Array.isArray(json.errors) ? json.errors[0] : undefined;
        if (isObject(first) && typeof first.message === 'string')
            return excerpt(first.message, 300);
    }
    return excerpt(text, 300);
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The text on one line, cut at `max` characters. */
function excerpt(text, max) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
const SECRET_PARAM = /token|secret|key|password|passwd|sig|code|auth|credential/i;
/** The URL for a message: the values of secret-looking query parameters hidden. */
function safeUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return String(url).replace(/\?.*$/, '');
    }
    const secret = [...parsed.searchParams.keys()].filter(key => SECRET_PARAM.test(key));
    if (secret.length === 0)
        return String(url);
    for (const key of secret)
        parsed.searchParams.set(key, 'REDACTED');
    return parsed.href;
}


/***/ }),

/***/ 137:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ describeNetworkError),
/* harmony export */   s: () => (/* binding */ isTlsError)
/* harmony export */ });
/**
 * Why a request got no answer, in words. node:http's errors carry their code (ECONNREFUSED,
 * ENOTFOUND, a certificate problem) themselves; undici's, behind a proxy, say only "fetch
 * failed" and keep the reason further down the `cause` chain.
 */
function describeNetworkError(error) {
    const code = networkErrorCode(error);
    const inner = innermostMessage(error);
    // undici's words when a proxy does not open the tunnel: `Proxy response (407) !== 200 …`.
    const tunnel = /^Proxy response \((\d+)\) !== 200 when HTTP Tunneling/.exec(inner);
    if (tunnel) {
        const credentials = tunnel[1] === '407'
            ? ': it wants credentials, given in the proxy URL as http://user:password@host:port'
            : '';
        return `the proxy answered ${tunnel[1]} to CONNECT instead of opening a tunnel${credentials}`;
    }
    // node:http's words when the server closes the connection before any answer.
    const hungUp = code === 'ECONNRESET' && inner === 'socket hang up';
    const reason = hungUp
        ? 'the server closed the connection without answering'
        : ((code && REASONS[code]) ??
            (inner === 'bad port' ? 'a port that fetch refuses to connect to (blocked port)' : inner));
    return code && !reason.includes(code) ? `${reason} (${code})` : reason;
}
/** True when the error is about TLS: a certificate, or https spoken to a plain-http server. */
function isTlsError(error) {
    return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO/.test(networkErrorCode(error) ?? '');
}
const REASONS = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    EPIPE: 'connection closed while sending',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    UND_ERR_SOCKET: 'the connection was closed',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
    CERT_HAS_EXPIRED: 'certificate expired',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another host',
    ERR_SSL_WRONG_VERSION_NUMBER: 'not a TLS server (plain http?)'
};
/** The first error code along `cause` (and an AggregateError's `errors`). */
function networkErrorCode(error) {
    const seen = new Set();
    let current = error;
    while (current && typeof current === 'object' && !seen.has(current)) {
        seen.add(current);
        const { code, errors, cause } = current;
        if (typeof code === 'string')
            return code;
        if (Array.isArray(errors) && errors.length > 0) {
            const inner = networkErrorCode(errors[0]);
            if (inner)
                return inner;
        }
        current = cause;
    }
    return undefined;
}
/** The message of the last error along `cause`: undici hides the real one under 'fetch failed'. */
function innermostMessage(error) {
    let message = String(error);
    let current = error;
    for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
        const e = current;
        if (typeof e.message === 'string' && e.message)
            message = e.message;
        else if (typeof e.errors?.[0]?.message === 'string')
            message = e.errors[0].message;
        current = current.cause;
    }
    return message;
}


/***/ }),

/***/ 8602:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  JN: () => (/* binding */ API_BODY_CAP),
  j$: () => (/* binding */ HttpError),
  _O: () => (/* binding */ USER_AGENT),
  Em: () => (/* binding */ request)
});

// EXTERNAL MODULE: ./src/redact.ts
var src_redact = __nccwpck_require__(6670);
// EXTERNAL MODULE: ./src/http/answer.ts
var http_answer = __nccwpck_require__(9856);
;// CONCATENATED MODULE: ./src/http/body.ts
/** Reads the decoded body, at most `cap` bytes: past it, stops reading (the rest never arrives). */
async function readCapped(answer, cap) {
    const chunks = [];
    let size = 0;
    try {
        for await (const value of answer.body) {
            if (size + value.byteLength > cap) {
                chunks.push(value.subarray(0, cap - size));
                // Closing the connection stops a gzip bomb or an endless body here.
                answer.cancel();
                return { bytes: Buffer.concat(chunks, cap), over: true };
            }
            chunks.push(value);
            size += value.byteLength;
        }
    }
    catch (error) {
        answer.cancel();
        throw error;
    }
    return { bytes: Buffer.concat(chunks, size), over: false };
}
/** `10 MiB`, `4 MiB`, `512 KiB`, `100 bytes`. */
function sizeText(bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
        return `${bytes / (1024 * 1024)} MiB`;
    if (bytes >= 1024 && bytes % 1024 === 0)
        return `${bytes / 1024} KiB`;
    return `${bytes} bytes`;
}

// EXTERNAL MODULE: ./src/http/network-error.ts
var network_error = __nccwpck_require__(137);
// EXTERNAL MODULE: ./src/http/retry-policy.ts
var retry_policy = __nccwpck_require__(7593);
;// CONCATENATED MODULE: ./src/http/direct.ts
// The built-ins come from the process rather than from `import`: an ESM import of node:http
// makes Node 24 load its fetch (undici) for the namespace, and tls (node:https) and zlib cost
// time that a run without https or a compressed answer does not need to spend.
const builtin = {
    http: () => process.getBuiltinModule('node:http'),
    https: () => process.getBuiltinModule('node:https'),
    stream: () => process.getBuiltinModule('node:stream'),
    zlib: () => process.getBuiltinModule('node:zlib')
};
// One keep-alive agent per scheme for the run, so that many requests share a few connections.
// An idle socket does not keep the process alive (the agent unrefs it); like Node's global
// agent, one idle 5 s is closed, before a server's usual keep-alive timeout ends it.
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', timeout: 5000 };
let httpAgent;
let httpsAgent;
function transportFor(url) {
    if (url.protocol === 'https:') {
        const https = builtin.https();
        httpsAgent ??= new https.Agent(AGENT_OPTIONS);
        return { request: https.request, agent: httpsAgent };
    }
    const http = builtin.http();
    httpAgent ??= new http.Agent(AGENT_OPTIONS);
    return { request: http.request, agent: httpAgent };
}
// Methods fetch sends without a Content-Length when they carry no body.
const BODILESS = new Set(['GET', 'HEAD']);
/**
 * One request over node:http or node:https, without following redirects. The signal destroys
 * the request (and its answer's body) with the signal's reason, as fetch rejects with it.
 */
function directHop(url, hop, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const headers = { ...hop.headers };
        if (hop.body)
            headers['content-length'] = String(hop.body.byteLength);
        else if (!BODILESS.has(hop.method.toUpperCase()))
            headers['content-length'] = '0';
        headers.accept ??= '*/*';
        const { request, agent } = transportFor(url);
        let req;
        try {
            req = request(url, { method: hop.method, headers, agent });
        }
        catch (error) {
            // An invalid header name or value: nothing was sent.
            reject(error);
            return;
        }
        let answer;
        const onAbort = () => {
            answer?.destroy(signal?.reason);
            req.destroy(signal?.reason);
        };
        const settle = () => signal?.removeEventListener('abort', onAbort);
        signal?.addEventListener('abort', onAbort, { once: true });
        req.on('error', error => {
            settle();
            reject(error);
        });
        req.on('close', settle);
        req.on('response', res => {
            answer = res;
            res.on('close', settle);
            const headers = new RawHeaders(res.rawHeaders);
            resolve({
                status: res.statusCode ?? 0,
                statusText: res.statusMessage ?? '',
                headers,
                body: decoded(res, hop.method, headers.get('content-encoding')),
                cancel: () => {
                    res.destroy();
                    req.destroy();
                }
            });
        });
        req.end(hop.body);
    });
}
// No body to decode in these answers (fetch leaves them alone too).
const NULL_BODY = new Set([101, 204, 205, 304]);
// The body as fetch gives it: each content coding undone, the last applied first. A coding
// fetch does not know is passed on as it came.
function decoded(res, method, encoding) {
    const codings = (encoding ?? '')
        .toLowerCase()
        .split(',')
        .map(coding => coding.trim())
        .filter(Boolean)
        .reverse();
    if (codings.length === 0 ||
        method.toUpperCase() === 'HEAD' ||
        NULL_BODY.has(res.statusCode ?? 0)) {
        return res;
    }
    const decoders = [];
    for (const coding of codings) {
        const decoder = decoderFor(coding);
        if (!decoder)
            return res;
        decoders.push(decoder);
    }
    // A broken or cut stream destroys every stage with its error, so the reader sees it.
    const { pipeline } = builtin.stream();
    let body = res;
    for (const decoder of decoders)
        body = pipeline(body, decoder, () => undefined);
    return body;
}
function decoderFor(coding) {
    const zlib = builtin.zlib();
    // Lenient about an answer cut short, as fetch is: what arrived is decoded.
    const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    if (coding === 'gzip' || coding === 'x-gzip')
        return zlib.createGunzip(flush);
    if (coding === 'deflate')
        return inflate(flush);
    if (coding === 'br') {
        const brotli = zlib.constants.BROTLI_OPERATION_FLUSH;
        return zlib.createBrotliDecompress({ flush: brotli, finishFlush: brotli });
    }
    return undefined;
}
// `deflate` is meant as zlib-wrapped, but some servers send it raw: the first byte tells, as
// fetch tells it (a zlib header's low nibble is 8, the deflate method).
function inflate(options) {
    const zlib = builtin.zlib();
    const { Transform } = builtin.stream();
    let inner;
    return new Transform({
        transform(chunk, _encoding, done) {
            if (!inner) {
                const raw = (chunk[0] & 0x0f) !== 0x08;
                inner = raw ? zlib.createInflateRaw(options) : zlib.createInflate(options);
                inner.on('data', (data) => this.push(data));
                inner.on('error', error => this.destroy(error));
            }
            inner.write(chunk, () => done());
        },
        flush(done) {
            if (!inner)
                return done();
            inner.once('end', () => done());
            inner.end();
        },
        destroy(error, done) {
            inner?.destroy();
            done(error);
        }
    });
}
/** node:http's raw header lines, read as fetch's Headers reads them. */
class RawHeaders {
    values = new Map();
    constructor(raw) {
        for (let i = 0; i + 1 < raw.length; i += 2) {
            const name = raw[i].toLowerCase();
            const value = raw[i + 1].trim();
            const before = this.values.get(name);
            this.values.set(name, before === undefined ? value : `${before}, ${value}`);
        }
    }
    get(name) {
        return this.values.get(name.toLowerCase()) ?? null;
    }
    has(name) {
        return this.values.has(name.toLowerCase());
    }
    [Symbol.iterator]() {
        return [...this.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]();
    }
}

;// CONCATENATED MODULE: ./src/http/proxy.ts
/**
 * The proxy a request to `url` goes through, or undefined to connect directly: `https_proxy` /
 * `HTTPS_PROXY` for https URLs, `http_proxy` / `HTTP_PROXY` for http ones (lower case first),
 * unless `no_proxy` / `NO_PROXY` lists the host or the host is a loopback address.
 */
function proxyFor(url, env = process.env) {
    const https = url.protocol === 'https:';
    const value = https ? pick(env, 'https_proxy') : pick(env, 'http_proxy');
    if (!value)
        return undefined;
    if (isLoopback(url.hostname) || bypassesProxy(url, pick(env, 'no_proxy') ?? '')) {
        return undefined;
    }
    return proxyUrl(value);
}
/**
 * True when a NO_PROXY list names the URL's host: `*` names every host; `example.com` names
 * that host and the hosts under it, `.example.com` and `*.example.com` only the hosts under it;
 * `host:port` names the host on that port only (the scheme's port when the URL gives none).
 */
function bypassesProxy(url, noProxy) {
    const host = bareHost(url.hostname);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    for (const raw of noProxy.split(/[\s,]+/)) {
        const entry = raw.trim().toLowerCase();
        if (!entry)
            continue;
        if (entry === '*')
            return true;
        const { name, port: entryPort } = splitEntry(entry);
        if (entryPort && entryPort !== port)
            continue;
        const domain = name.replace(/^\*?\./, '');
        if (!domain)
            continue;
        if (host === domain && name === domain)
            return true;
        if (host.endsWith(`.${domain}`))
            return true;
    }
    return false;
}
/** The proxy's URL; a value without a scheme (`proxy.corp:3128`) is taken as http. */
function proxyUrl(value) {
    const text = value.trim();
    try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
        if (url.protocol === 'http:' || url.protocol === 'https:')
            return url;
    }
    catch {
        // Named below with the value as given.
    }
    throw new Error(`the proxy ${JSON.stringify(withoutCredentials(text))} (from HTTPS_PROXY or HTTP_PROXY) is not ` +
        'an http:// or https:// URL; set it like http://proxy.example.com:3128');
}
/** The proxy's address for a message: never its user name or password. */
function proxyLabel(proxy) {
    return `${proxy.protocol}//${proxy.host}`;
}
// Lower case first, as @actions/http-client and curl read them; an empty value counts as unset.
function pick(env, lower) {
    const value = env[lower] || env[lower.toUpperCase()];
    return value?.trim() ? value : undefined;
}
function isLoopback(hostname) {
    const host = bareHost(hostname);
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        host === '::1' ||
        /^127(\.\d{1,3}){3}$/.test(host));
}
// `[::1]` → `::1`, and without the root dot of `example.com.`.
function bareHost(hostname) {
    return hostname
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, '');
}
// `example.com:8443` → name and port; `[::1]:8443` and a bare IPv6 address too.
function splitEntry(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return { name: bracketed[1], port: bracketed[2] };
    const colons = entry.split(':').length - 1;
    const withPort = colons === 1 ? /^(.*):(\d+)$/.exec(entry) : null;
    return withPort ? { name: withPort[1], port: withPort[2] } : { name: entry };
}
function withoutCredentials(text) {
    return text.replace(/\/\/[^/@]*@/, '//');
}

;// CONCATENATED MODULE: ./src/http/transport.ts



const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
// What describes a body, dropped with it when a redirect turns the request into a GET.
const BODY_HEADERS = [
    'content-type',
    'content-length',
    'content-encoding',
    'content-language',
    'content-location'
];
// What only the origin the caller chose may see.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
/**
 * Sends one HTTP request: the one place that chooses how a request reaches its host. Direct
 * requests use node:http or node:https (Node's fetch would load its undici, ~30 ms at start);
 * a request that HTTPS_PROXY or HTTP_PROXY covers goes through undici's ProxyAgent (a CONNECT
 * tunnel), loaded only then. Redirects are followed per hop as fetch follows them.
 */
async function send(url, init) {
    const headers = mergeHeaders(init.headers);
    let hop = { method: init.method, headers, body: await bytesOf(url, init, headers) };
    for (let redirects = 0;; redirects++) {
        const answer = await hopTo(url, hop, init.signal);
        const redirect = init.redirect ?? 'follow';
        if (!REDIRECTS.has(answer.status) || redirect === 'manual')
            return answer;
        const location = answer.headers.get('location');
        if (redirect === 'follow' && location === null)
            return answer;
        answer.cancel();
        if (redirect === 'error') {
            const where = location === null ? 'without a Location' : `to ${(0,http_answer/* safeUrl */.Pl)(location)}`;
            throw new Error(`unexpected redirect: ${answer.status} ${where}`);
        }
        if (redirects >= MAX_REDIRECTS)
            throw new Error(`more than ${MAX_REDIRECTS} redirects`);
        const next = redirectTarget(location, url);
        hop = redirected(hop, answer.status, url, next);
        url = next;
    }
}
/** For a failure's message: ` (through the proxy http://proxy:3128, from HTTPS_PROXY)`, or ''. */
function routeOf(url) {
    let proxy;
    try {
        proxy = proxyFor(url);
    }
    catch {
        // A proxy value that is not a URL: the failure's own message says so.
        return '';
    }
    if (!proxy)
        return '';
    const variable = url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
    return ` (through the proxy ${proxyLabel(proxy)}, from ${variable}; NO_PROXY lists hosts to reach directly)`;
}
async function hopTo(url, hop, signal) {
    const proxy = proxyFor(url);
    if (!proxy)
        return directHop(url, hop, signal);
    const { proxiedHop } = await __nccwpck_require__.e(/* import() */ 521).then(__nccwpck_require__.bind(__nccwpck_require__, 3521));
    return proxiedHop(url, proxy, hop, signal);
}
// Header names merged as fetch's Headers merges them: case-insensitive, values trimmed, a
// repeated name's values joined by `, `.
function mergeHeaders(given) {
    const merged = {};
    for (const [name, raw] of Object.entries(given)) {
        const key = name.toLowerCase();
        const value = String(raw).trim();
        merged[key] = key in merged ? `${merged[key]}, ${value}` : value;
    }
    return merged;
}
// The bytes to send, and the Content-Type fetch would have given them.
async function bytesOf(url, init, headers) {
    const { body } = init;
    if (body === undefined)
        return undefined;
    if (typeof body === 'string') {
        headers['content-type'] ??= 'text/plain;charset=UTF-8';
        return Buffer.from(body, 'utf8');
    }
    if (body instanceof Uint8Array)
        return body;
    // A multipart form: fetch's Request writes it with its boundary (this loads Node's undici).
    const request = new Request(url, { method: init.method, body });
    const type = request.headers.get('content-type');
    if (type)
        headers['content-type'] = type;
    return Buffer.from(await request.arrayBuffer());
}
function redirectTarget(location, from) {
    let next;
    try {
        next = new URL(location, from);
    }
    catch {
        throw new Error(`a redirect to ${JSON.stringify((0,http_answer/* safeUrl */.Pl)(location))}, which is not a URL`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new Error(`a redirect to ${next.protocol} URL, which is not http(s)`);
    }
    return next;
}
// The next hop as fetch makes it: 303 (and 301/302 after a POST) becomes a GET without a body;
// credentials stay behind when the redirect leaves the origin.
function redirected(hop, status, from, to) {
    const method = hop.method.toUpperCase();
    const headers = { ...hop.headers };
    let next = { ...hop, headers };
    if ((status === 303 && method !== 'GET' && method !== 'HEAD') ||
        ((status === 301 || status === 302) && method === 'POST')) {
        next = { method: 'GET', headers };
        for (const name of BODY_HEADERS)
            delete headers[name];
    }
    if (to.origin !== from.origin) {
        for (const name of CREDENTIAL_HEADERS)
            delete headers[name];
    }
    return next;
}

;// CONCATENATED MODULE: ./src/http/request.ts






// Names this action and its version, as Kosli asks of its clients (kept equal to package.json by a test).
const USER_AGENT = 'kosli-report-action/1.0.0';
/** The most of an answer read from Kosli or GitHub. */
const API_BODY_CAP = 10 * 1024 * 1024;
/** No usable answer: a timeout or a network error on every attempt, or a body past the cap. */
class HttpError extends Error {
    kind;
    detail;
    attempts;
    constructor(message, kind, 
    /** What went wrong, without the request: `timed out after 30 s (request-timeout)`. */
    detail, attempts, options) {
        super(message, options);
        this.kind = kind;
        this.detail = detail;
        this.attempts = attempts;
        this.name = 'HttpError';
    }
}
const WRITES = new Set(['POST', 'PUT', 'PATCH']);
/**
 * Sends a request, retrying what is transient as the retry policy says, and reads the answer's
 * body up to the cap. A 2xx answer to a write whose body is over the cap or unreadable is
 * returned with `unread` and a warning: the write happened, and sending it again would repeat it.
 */
async function request(req, settings) {
    const secrets = () => [...settings.secrets()];
    const log = (0,src_redact/* redactingLog */.KR)(settings.log ?? src_redact/* coreLog */.uu, secrets);
    const redact = (text) => (0,src_redact/* redactSecrets */.fp)(text, secrets());
    const where = `${req.method} ${(0,http_answer/* safeUrl */.Pl)(req.url)}`;
    const policy = {
        maxRetries: Math.max(0, Math.floor(settings.maxRetries)),
        baseMs: settings.retryBaseMs ?? retry_policy/* DEFAULT_RETRY_BASE_MS */.Qg,
        maxWaitMs: settings.maxWaitMs ?? retry_policy/* DEFAULT_MAX_WAIT_MS */.e1
    };
    const total = policy.maxRetries + 1;
    // Debug lines are composed and redacted only when they show.
    const debug = (0,src_redact/* debugOn */.R0)(log);
    for (let attempt = 1;; attempt++) {
        if (debug)
            log.debug(`${settings.service} ${where} (attempt ${attempt} of ${total})`);
        const started = Date.now();
        let result;
        try {
            result = await once(req, settings, where, redact);
        }
        catch (error) {
            if (!(error instanceof HttpError))
                throw error;
            throw new HttpError(error.message, error.kind, error.detail, attempt, { cause: error.cause });
        }
        if (result.kind === 'answer') {
            const { answer } = result;
            if (debug) {
                log.debug(`${settings.service} ${where} answered ${answer.status} in ${Date.now() - started} ms`);
            }
            if (answer.unread) {
                log.warning(`${settings.service} ${where} answered ${answer.status} ${answer.statusText}, but ` +
                    `${answer.unread}; the write happened, so the step goes on without the answer.`);
            }
        }
        const outcome = result.kind === 'answer'
            ? { kind: 'answer', status: result.answer.status, headers: result.answer.headers }
            : { kind: result.kind };
        const decision = (0,retry_policy/* decide */.LD)(attempt, outcome, policy);
        if (!decision.retry) {
            if (result.kind === 'answer') {
                const notRetried = decision.why ? { notRetried: redact(decision.why) } : {};
                return { ...result.answer, attempts: attempt, ...notRetried };
            }
            const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
            throw new HttpError(redact(`${where} failed: gave up after ${tries}: ${result.detail}`), result.kind, redact(result.detail), attempt, { cause: result.cause });
        }
        // One plain line per wait: a wait is not a problem yet, and a person sees why the step pauses.
        log.info(`${settings.service} ${where}: ${failureOf(result)}; ` +
            `retrying in ${(0,retry_policy/* seconds */.YA)(decision.waitMs)}${decision.why} (attempt ${attempt} of ${total}).`);
        await new Promise(resolve => setTimeout(resolve, decision.waitMs));
    }
}
// `503 Service Unavailable: the server's message`, or `timed out after 30 s (request-timeout)`.
function failureOf(result) {
    if (result.kind !== 'answer')
        return result.detail;
    const { status, statusText, body } = result.answer;
    const message = (0,http_answer/* serverMessage */.x_)(body.toString('utf8'));
    return (0,http_answer/* excerpt */.Kb)(`${status} ${statusText}${message ? `: ${message}` : ''}`, 400);
}
async function once(req, settings, where, redact) {
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    const failed = (cause) => {
        if (req.signal?.aborted)
            throw cause;
        return deadline.aborted
            ? {
                kind: 'timeout',
                detail: `timed out after ${(0,retry_policy/* seconds */.YA)(settings.timeoutMs)} (request-timeout)`,
                cause
            }
            : {
                kind: 'network',
                detail: `network error: ${(0,network_error/* describeNetworkError */.g)(cause)}${routeOf(req.url)}`,
                cause
            };
    };
    let response;
    try {
        response = await send(req.url, {
            method: req.method,
            // Asked plainly; a server that compresses anyway is decoded, and the cap counts decoded bytes.
            headers: { 'User-Agent': USER_AGENT, ...req.headers, 'Accept-Encoding': 'identity' },
            body: req.body,
            redirect: req.redirect ?? 'follow',
            signal
        });
    }
    catch (error) {
        return failed(error);
    }
    const head = {
        status: response.status,
        statusText: (0,http_answer/* statusText */.qS)(response.status, response.statusText),
        headers: response.headers
    };
    const ok = response.status >= 200 && response.status < 300;
    const write = WRITES.has(req.method.toUpperCase());
    const cap = settings.bodyCap;
    let read;
    try {
        read = await readCapped(response, cap);
    }
    catch (error) {
        const attempt = failed(error);
        if (ok && write) {
            return {
                kind: 'answer',
                answer: {
                    ...head,
                    body: Buffer.alloc(0),
                    unread: `its body could not be read (${attempt.detail})`
                }
            };
        }
        // An error answer's status says enough; a success that broke off is tried again.
        return ok ? attempt : { kind: 'answer', answer: { ...head, body: Buffer.alloc(0) } };
    }
    if (read.over && ok) {
        const over = `its body is larger than ${sizeText(cap)}, the most the action reads from ${settings.service}`;
        if (write) {
            return { kind: 'answer', answer: { ...head, body: Buffer.alloc(0), unread: over } };
        }
        throw new HttpError(redact(`${where} answered ${head.status} ${head.statusText}, but ${over}, so it stopped reading. ` +
            `Check that ${req.url.host} is the ${settings.service} server it should be.`), 'too-large', over, 1);
    }
    return { kind: 'answer', answer: { ...head, body: read.bytes } };
}


/***/ }),

/***/ 7593:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LD: () => (/* binding */ decide),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   Qg: () => (/* binding */ DEFAULT_RETRY_BASE_MS),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   e1: () => (/* binding */ DEFAULT_MAX_WAIT_MS)
/* harmony export */ });
/* unused harmony export parseRetryAfter */
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_MAX_WAIT_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;
/** Network errors, timeouts, 408, 409, 429 and 5xx except 501 are worth another try. */
function isRetryableStatus(status) {
    return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501);
}
/** Decides after attempt `attempt` (1-based) whether to try again, and after how long. */
function decide(attempt, outcome, policy, now = Date.now()) {
    if (outcome.kind === 'answer' && !isRetryableStatus(outcome.status) && !isRateLimited(outcome)) {
        return { retry: false, why: '' };
    }
    if (attempt > policy.maxRetries)
        return { retry: false, why: '' };
    const asked = outcome.kind === 'answer' ? askedWait(outcome.headers, now) : undefined;
    if (asked) {
        if (asked.ms > policy.maxWaitMs) {
            return {
                retry: false,
                why: `the server asked to wait ${seconds(asked.ms)} (${asked.header}), longer than the ${seconds(policy.maxWaitMs)} worth waiting`
            };
        }
        return { retry: true, waitMs: asked.ms, why: ` (as ${asked.header} asked)` };
    }
    // Full jitter: concurrent clients that failed together do not come back together.
    const ceiling = Math.min(MAX_BACKOFF_MS, policy.baseMs * 2 ** (attempt - 1));
    return { retry: true, waitMs: Math.floor(Math.random() * ceiling), why: '' };
}
/** A 403 that says it is a rate limit, as GitHub's are: worth waiting for like a 429. */
function isRateLimited(outcome) {
    const { status, headers } = outcome;
    return ((status === 403 || status === 429) &&
        (headers.has('retry-after') || headers.get('x-ratelimit-remaining') === '0'));
}
// Retry-After wins; a spent rate limit says when it resets instead.
function askedWait(headers, now) {
    const retryAfter = headers.get('retry-after');
    const ms = parseRetryAfter(retryAfter, now);
    if (ms !== undefined)
        return { ms, header: `Retry-After: ${retryAfter}` };
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
        return { ms: Math.max(0, reset * 1000 - now), header: `X-RateLimit-Reset: ${reset}` };
    }
    return undefined;
}
/** Retry-After as seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
function parseRetryAfter(value, now) {
    if (!value)
        return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** `0.2 s`, `1 s`, `60 s`. */
function seconds(ms) {
    return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}


/***/ }),

/***/ 8066:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ jsonErrorLocation)
/* harmony export */ });
/* unused harmony export firstInvalidOffset */
/**
 * Where JSON text stops being valid, as "line L, column C" (from 1, columns in characters), for
 * errors that must point at a file without quoting it: JSON.parse's own message includes a piece
 * of the text, and says where only for some mistakes.
 */
function jsonErrorLocation(text) {
    const offset = firstInvalidOffset(text);
    if (offset === -1)
        return 'position unknown';
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const column = Array.from(before.slice(lineStart)).length + 1;
    return `line ${line}, column ${column}`;
}
/**
 * The offset of the first character that cannot continue valid JSON (the text's length when it
 * ends too early), or -1 when the text is valid. Iterative, so any nesting depth is fine.
 */
function firstInvalidOffset(text) {
    let i = 0;
    const open = [];
    const skipSpace = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i]))
            i++;
    };
    const digits = () => {
        const start = i;
        while (i < text.length && text[i] >= '0' && text[i] <= '9')
            i++;
        return i > start;
    };
    const string = () => {
        if (text[i] !== '"')
            return false;
        i++;
        while (i < text.length) {
            const char = text[i];
            if (char === '"') {
                i++;
                return true;
            }
            if (char < ' ')
                return false;
            if (char === '\\') {
                i++;
                if (i < text.length && '"\\/bfnrt'.includes(text[i])) {
                    i++;
                }
                else if (text[i] === 'u') {
                    i++;
                    for (let n = 0; n < 4; n++, i++)
                        if (!/[0-9a-fA-F]/.test(text[i] ?? ''))
                            return false;
                }
                else {
                    return false;
                }
            }
            else {
                i++;
            }
        }
        return false;
    };
    const number = () => {
        if (text[i] === '-')
            i++;
        if (text[i] === '0')
            i++;
        else if (!(text[i] >= '1' && text[i] <= '9') || !digits())
            return false;
        if (text[i] === '.') {
            i++;
            if (!digits())
                return false;
        }
        if (text[i] === 'e' || text[i] === 'E') {
            i++;
            if (text[i] === '+' || text[i] === '-')
                i++;
            if (!digits())
                return false;
        }
        return true;
    };
    const word = (expected) => {
        for (const char of expected) {
            if (text[i] !== char)
                return false;
            i++;
        }
        return true;
    };
    const scalar = () => {
        const char = text[i];
        if (char === '"')
            return string();
        if (char === 't')
            return word('true');
        if (char === 'f')
            return word('false');
        if (char === 'n')
            return word('null');
        return number();
    };
    for (;;) {
        // A value is expected here.
        skipSpace();
        if (text[i] === '{' || text[i] === '[') {
            const bracket = text[i++];
            skipSpace();
            if (text[i] === (bracket === '{' ? '}' : ']')) {
                i++;
            }
            else {
                open.push(bracket);
                if (bracket === '{' && !member())
                    return i;
                continue;
            }
        }
        else if (!scalar()) {
            return i;
        }
        // A value has ended: a comma, a closing bracket, or the end of the text follows.
        for (;;) {
            skipSpace();
            if (open.length === 0)
                return i < text.length ? i : -1;
            const bracket = open[open.length - 1];
            if (text[i] === ',') {
                i++;
                if (bracket === '{' && !member())
                    return i;
                break;
            }
            if (text[i] !== (bracket === '{' ? '}' : ']'))
                return i;
            i++;
            open.pop();
        }
    }
    /** An object member's name and colon; its value follows. */
    function member() {
        skipSpace();
        if (!string())
            return false;
        skipSpace();
        if (text[i] !== ':')
            return false;
        i++;
        return true;
    }
}


/***/ }),

/***/ 9155:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D6: () => (/* binding */ findArtifactByFingerprint),
/* harmony export */   x8: () => (/* binding */ reportArtifact),
/* harmony export */   zz: () => (/* binding */ findArtifactsByCommit)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3210);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8633);


/** POST /artifacts/{org}/{flow}: one artifact, with its provenance. */
async function reportArtifact(kosli, where, body) {
    await kosli.post((0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kosliPath */ .E) `/artifacts/${where.org}/${where.flow}`, body);
}
/**
 * GET /artifacts/{org}/{flow}/commit_sha/{sha}: what the build job reported for the commit, in
 * `trail` only when one is given.
 */
async function findArtifactsByCommit(kosli, where, gitCommit, trail) {
    // The schemas (and zod) load only when an answer is to be read, not at start-up.
    const { artifactsByCommitSchema } = await Promise.all(/* import() */[__nccwpck_require__.e(816), __nccwpck_require__.e(812)]).then(__nccwpck_require__.bind(__nccwpck_require__, 812));
    return kosli.get((0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kosliPath */ .E) `/artifacts/${where.org}/${where.flow}/commit_sha/${gitCommit}`, artifactsByCommitSchema, { trail });
}
/** GET /artifacts/{org}/{flow}/fingerprint/{fp}: an artifact built from any commit; undefined on 404. */
async function findArtifactByFingerprint(kosli, where, fingerprint) {
    const { artifactByCommitSchema } = await Promise.all(/* import() */[__nccwpck_require__.e(816), __nccwpck_require__.e(812)]).then(__nccwpck_require__.bind(__nccwpck_require__, 812));
    try {
        return await kosli.get((0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kosliPath */ .E) `/artifacts/${where.org}/${where.flow}/fingerprint/${fingerprint}`, artifactByCommitSchema);
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KosliHttpError */ .TM && error.status === 404)
            return undefined;
        throw error;
    }
}


/***/ }),

/***/ 3210:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  O: () => (/* binding */ KosliClient),
  E: () => (/* binding */ kosliPath)
});

// EXTERNAL MODULE: ./src/redact.ts
var redact = __nccwpck_require__(6670);
// EXTERNAL MODULE: ./src/kosli/errors.ts
var errors = __nccwpck_require__(8633);
// EXTERNAL MODULE: ./src/http/answer.ts
var http_answer = __nccwpck_require__(9856);
// EXTERNAL MODULE: ./src/http/request.ts + 4 modules
var http_request = __nccwpck_require__(8602);
// EXTERNAL MODULE: ./src/http/retry-policy.ts
var retry_policy = __nccwpck_require__(7593);
;// CONCATENATED MODULE: ./src/evidence/multipart.ts
/** The body to send: data_json as compact JSON text, the file as application/octet-stream. */
function toFormData(request) {
    const form = new FormData();
    form.append('data_json', JSON.stringify(request.dataJson));
    if (request.file) {
        const blob = new Blob([request.file.bytes], { type: 'application/octet-stream' });
        form.append(request.file.field, blob, request.file.filename);
    }
    return form;
}
/** What a dry run prints instead of sending: method, URL, data_json, each file by name and size. */
function describeMultipart(request) {
    const lines = [
        `${request.method} ${request.url} (multipart/form-data)`,
        'data_json:',
        JSON.stringify(request.dataJson, null, 2)
    ];
    if (request.file) {
        const size = request.file.bytes.byteLength;
        lines.push(`${request.file.field}: ${request.file.filename} (${size.toLocaleString('en-US')} ${size === 1 ? 'byte' : 'bytes'})`);
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/kosli/client.ts






const MAX_DETAILS = 10;
/** Builds a path under /api/v2, encoding every interpolated value: kosliPath`/artifacts/${org}/${flow}`. */
function kosliPath(strings, ...values) {
    return strings.reduce((path, part, i) => path + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}
/** Talks to Kosli's v2 API: retries what is transient, explains what is not, never shows the token. */
class KosliClient {
    origin;
    token;
    timeoutMs;
    dryRun;
    http;
    log;
    onUnavailable;
    sent = 0;
    constructor(options) {
        let origin;
        try {
            origin = new URL(options.host);
        }
        catch {
            throw new Error(`Kosli host '${options.host}' is not a URL; expected an origin such as https://app.kosli.com.`);
        }
        this.origin = origin.origin;
        this.token = options.token || undefined;
        this.timeoutMs = options.timeoutMs;
        this.dryRun = options.dryRun;
        this.log = (0,redact/* redactingLog */.KR)(options.log ?? redact/* coreLog */.uu, () => this.secrets());
        this.http = {
            service: 'Kosli',
            timeoutMs: options.timeoutMs,
            maxRetries: options.maxRetries,
            retryBaseMs: options.retryBaseMs,
            maxWaitMs: options.maxRetryAfterMs,
            bodyCap: http_request/* API_BODY_CAP */.JN,
            secrets: () => this.secrets(),
            log: this.log
        };
        this.onUnavailable = options.onUnavailable ?? 'fail';
    }
    /** HTTP requests sent to Kosli so far, retries included; dry-run writes are not sent. */
    get requestCount() {
        return this.sent;
    }
    /** Reads are sent even in dry-run, so that a dry run shows real errors. */
    async get(path, schema, query) {
        const request = this.prepare('GET', path, query);
        return (await this.send(request, schema));
    }
    /** In dry-run the write is printed, not sent, and the answer is undefined. */
    async post(path, body, schema) {
        const request = this.prepare('POST', path, undefined, body);
        if (this.dryRun) {
            this.printDryRun(request, body);
            return undefined;
        }
        return (await this.send(request, schema));
    }
    /**
     * A multipart write (data_json and at most one file), through the same retries, caps and
     * redaction; in dry run it is printed (files by name and size), not sent.
     */
    async multipart(write, schema) {
        const request = this.prepare(write.method, write.path);
        // fetch writes multipart/form-data with its boundary; a Content-Type given here would lose it.
        delete request.headers['Content-Type'];
        const form = {
            method: write.method,
            url: request.url,
            dataJson: write.dataJson,
            ...(write.file ? { file: write.file } : {})
        };
        request.described = describeMultipart(form);
        if (this.dryRun) {
            this.log.startGroup(`Dry run: ${request.method} ${request.url}`);
            this.log.info(request.described);
            this.log.endGroup();
            return undefined;
        }
        request.body = toFormData(form);
        return (await this.send(request, schema));
    }
    secrets() {
        return this.token ? [this.token] : [];
    }
    redact(text) {
        return (0,redact/* redactSecrets */.fp)(text, this.secrets());
    }
    prepare(method, path, query, body) {
        if (!path.startsWith('/')) {
            throw new Error(`Kosli API path '${path}' must start with '/' (build it with kosliPath).`);
        }
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries(query ?? {})) {
            if (value !== undefined)
                search.append(key, String(value));
        }
        const qs = search.toString();
        const relative = `/api/v2${path}${qs ? (path.includes('?') ? '&' : '?') + qs : ''}`;
        const url = `${this.origin}${relative}`;
        const headers = {
            Accept: 'application/json',
            'Content-Type': 'application/json'
        };
        if (this.token)
            headers.Authorization = `Bearer ${this.token}`;
        for (const [name, value] of Object.entries(headers)) {
            // A line break in a header value would let it smuggle headers; undici would also reject it.
            if (/[\r\n]/.test(value)) {
                const why = name === 'Authorization'
                    ? 'the api-token input (or KOSLI_API_TOKEN) contains a line break; remove it ' +
                        '(often a trailing newline from a file or a secret)'
                    : `the ${name} header value contains a line break`;
                throw new errors/* KosliRequestRefusedError */.eZ(this.redact(`Refusing to send ${method} ${url}: ${why}. Nothing was sent.`), method, this.redact(url));
            }
        }
        return {
            method,
            url,
            path: relative,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body)
        };
    }
    printDryRun(request, body) {
        this.log.startGroup(`Dry run: ${request.method} ${request.url}`);
        this.log.info(`${request.method} ${request.url}`);
        this.log.info(body === undefined ? '(no body)' : JSON.stringify(body, null, 2));
        this.log.endGroup();
    }
    async send(request, schema) {
        // A body can be large and redacting it costs: only when debug lines show.
        if ((0,redact/* debugOn */.R0)(this.log)) {
            if (request.described !== undefined)
                this.log.debug(`Kosli request: ${request.described}`);
            else if (typeof request.body === 'string')
                this.log.debug(`Kosli request body: ${request.body}`);
        }
        const facts = (attempts) => ({
            method: request.method,
            path: this.redact(request.path),
            url: this.redact(request.url),
            attempts
        });
        let answer;
        try {
            answer = await (0,http_request/* request */.Em)({
                method: request.method,
                url: new URL(request.url),
                headers: request.headers,
                body: request.body,
                // A redirect would move the token elsewhere or turn a POST into a GET; report it instead.
                redirect: 'manual'
            }, this.http);
        }
        catch (error) {
            if (!(error instanceof http_request/* HttpError */.j$))
                throw error;
            this.sent += error.attempts;
            if (error.kind === 'too-large')
                throw error;
            throw new errors/* KosliUnavailableError */.xL({
                ...facts(error.attempts),
                kind: error.kind,
                lastFailure: error.detail,
                hint: this.unavailableHint(error.kind, error.detail)
            }, { cause: error.cause });
        }
        this.sent += answer.attempts;
        const { status } = answer;
        const outcome = {
            status,
            statusText: answer.statusText,
            text: answer.body.toString('utf8')
        };
        if (status >= 200 && status < 300) {
            // The write happened and the layer warned that its answer could not be read.
            if (answer.unread)
                return undefined;
            return this.parse(request, outcome, answer.attempts, schema);
        }
        const server = this.serverAnswer(outcome);
        if (!(0,retry_policy/* isRetryableStatus */.PS)(status)) {
            throw new errors/* KosliHttpError */.TM({
                ...facts(answer.attempts),
                ...server,
                hint: status >= 300 && status < 400
                    ? this.redirectHint(answer.headers.get('location'))
                    : (0,errors/* hintFor */.JR)(status, server.serverMessage, request.path)
            });
        }
        const why = answer.notRetried ? ` (not retried: ${answer.notRetried})` : '';
        throw new errors/* KosliUnavailableError */.xL({
            ...facts(answer.attempts),
            ...server,
            kind: 'http',
            lastFailure: this.redact((0,errors/* describeAnswer */.O1)(server) + why),
            hint: this.unavailableHint('http', '')
        });
    }
    parse(request, outcome, attempts, schema) {
        const base = {
            method: request.method,
            path: this.redact(request.path),
            url: this.redact(request.url),
            attempts,
            status: outcome.status,
            statusText: outcome.statusText
        };
        const notKosli = `Check that host (${this.origin}) is the origin of a Kosli server, ` +
            `without a path such as /api/v2.`;
        // The write happened: failing now would make a re-run write it twice.
        const write = request.method !== 'GET';
        const unusable = (problem, hint, details = []) => {
            if (!write)
                throw new errors/* KosliResponseError */.Wt({ ...base, problem, details, hint });
            this.log.warning(`Kosli ${request.method} ${request.url} answered ${outcome.status} ${outcome.statusText}, ` +
                `but ${problem}${details.length ? `: ${details.join('; ')}` : ''}; the write happened, ` +
                `so the step goes on without the answer.`);
            return undefined;
        };
        const text = outcome.text;
        if (text.trim() === '') {
            if (!schema)
                return undefined;
            return unusable('the answer was empty', notKosli);
        }
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
            // The caller asked for nothing back: an odd body is not worth a warning.
            if (!schema) {
                if ((0,redact/* debugOn */.R0)(this.log)) {
                    this.log.debug(`Kosli ${request.method} ${request.url}: ignoring a non-JSON answer`);
                }
                return undefined;
            }
            return unusable(`the answer is not JSON (it starts with ${JSON.stringify(this.redact((0,http_answer/* excerpt */.Kb)(text, 80)))})`, notKosli);
        }
        if (!schema)
            return json;
        const result = schema.safeParse(json);
        if (result.success)
            return result.data;
        const issues = result.error.issues;
        const details = issues
            .slice(0, MAX_DETAILS)
            .map(issue => this.redact(`${issuePath(issue.path)}: ${issue.message}`));
        if (issues.length > MAX_DETAILS)
            details.push(`and ${issues.length - MAX_DETAILS} more`);
        return unusable('the answer does not have the shape the action expects', `Either the Kosli API changed or host (${this.origin}) is not a Kosli server; ` +
            `if host is right, please report this.`, details);
    }
    serverAnswer(outcome) {
        const answer = { status: outcome.status, statusText: outcome.statusText };
        let json;
        try {
            json = JSON.parse(outcome.text);
        }
        catch {
            const plain = (0,http_answer/* serverMessage */.x_)(outcome.text);
            if (plain)
                answer.serverMessage = this.redact(plain);
            return answer;
        }
        if ((0,http_answer/* isObject */.Gv)(json)) {
            const message = json.message ?? json.detail ?? json.error;
            if (typeof message === 'string')
                answer.serverMessage = this.redact(message);
            else if (message !== undefined)
                answer.serverMessage = this.redact(JSON.stringify(message));
            if ((0,http_answer/* isObject */.Gv)(json.errors)) {
                answer.serverErrors = JSON.parse(this.redact(JSON.stringify(json.errors)));
            }
            else if (Array.isArray(json.errors)) {
                answer.serverErrors = Object.fromEntries(json.errors.map((why, i) => [String(i), JSON.parse(this.redact(JSON.stringify(why)))]));
            }
            if (!answer.serverMessage && !answer.serverErrors) {
                answer.serverMessage = this.redact((0,http_answer/* excerpt */.Kb)(outcome.text, 300));
            }
        }
        else {
            answer.serverMessage = this.redact((0,http_answer/* excerpt */.Kb)(outcome.text, 300));
        }
        return answer;
    }
    redirectHint(location) {
        return (`Kosli answered with a redirect${location ? ` to ${this.redact(location)}` : ''}; ` +
            `set host to the Kosli server's origin (now ${this.origin}), for example https://app.kosli.com.`);
    }
    unavailableHint(kind, networkDetail) {
        // Already in warn mode, suggesting it would only confuse.
        const warn = this.onUnavailable === 'warn'
            ? ''
            : ', or set on-kosli-unavailable: warn to let the step pass while Kosli is unavailable';
        if (kind === 'timeout') {
            return `Kosli did not answer within request-timeout (${(0,retry_policy/* seconds */.YA)(this.timeoutMs)}); raise request-timeout or max-retries${warn}.`;
        }
        if (kind === 'network') {
            if (/ENOTFOUND|EAI_AGAIN/.test(networkDetail)) {
                return `The name in host (${this.origin}) did not resolve; check the host input${warn}.`;
            }
            return `Check the host input (${this.origin}) and the runner's network access${warn}.`;
        }
        return `Kosli is having trouble; try again later${warn}.`;
    }
}
function issuePath(path) {
    if (path.length === 0)
        return '(the whole answer)';
    return path
        .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
        .join('');
}


/***/ }),

/***/ 8633:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JR: () => (/* binding */ hintFor),
/* harmony export */   O1: () => (/* binding */ describeAnswer),
/* harmony export */   TM: () => (/* binding */ KosliHttpError),
/* harmony export */   Wt: () => (/* binding */ KosliResponseError),
/* harmony export */   eZ: () => (/* binding */ KosliRequestRefusedError),
/* harmony export */   xL: () => (/* binding */ KosliUnavailableError),
/* harmony export */   xf: () => (/* binding */ isKosliUnavailable)
/* harmony export */ });
/* unused harmony export KosliError */
/** Base of every error the Kosli client throws after it tried to talk to Kosli. */
class KosliError extends Error {
    method;
    path;
    url;
    attempts;
    /** True when Kosli could not be reached or kept failing: `on-kosli-unavailable: warn` applies. */
    unavailable = false;
    constructor(message, facts, options) {
        super(message, options);
        this.name = new.target.name;
        this.method = facts.method;
        this.path = facts.path;
        this.url = facts.url;
        this.attempts = facts.attempts;
    }
}
/** Kosli answered with a status that retrying cannot fix (4xx, 501, a redirect). */
class KosliHttpError extends KosliError {
    status;
    statusText;
    serverMessage;
    serverErrors;
    hint;
    constructor(facts) {
        super(finish(`${facts.method} ${facts.path} failed: ${describeAnswer(facts)}`, facts.hint), facts);
        this.status = facts.status;
        this.statusText = facts.statusText;
        this.serverMessage = facts.serverMessage;
        this.serverErrors = facts.serverErrors;
        this.hint = facts.hint;
    }
}
/**
 * Kosli could not be reached, timed out, or kept answering 5xx/429/408/409 until the retries
 * ran out. Keeps the last answer so the server's own words reach the user.
 */
class KosliUnavailableError extends KosliError {
    unavailable = true;
    kind;
    /** What went wrong on the last attempt, e.g. `timed out after 30 s` or `503 Service Unavailable: …`. */
    lastFailure;
    status;
    statusText;
    serverMessage;
    serverErrors;
    hint;
    constructor(facts, options) {
        const tries = `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'}`;
        super(finish(`${facts.method} ${facts.url} failed: gave up after ${tries}: ${facts.lastFailure}`, facts.hint), facts, options);
        this.kind = facts.kind;
        this.lastFailure = facts.lastFailure;
        this.status = facts.status;
        this.statusText = facts.statusText;
        this.serverMessage = facts.serverMessage;
        this.serverErrors = facts.serverErrors;
        this.hint = facts.hint;
    }
}
/** Kosli answered 2xx, but not with what the action needs (empty, not JSON, or the wrong shape). */
class KosliResponseError extends KosliError {
    status;
    /** What was wrong, e.g. `the answer does not have the expected shape`. */
    problem;
    /** The details, e.g. zod issues: `[0].fingerprint: Invalid string: must match pattern …`. */
    details;
    constructor(facts) {
        const details = facts.details ?? [];
        super(finish(`${facts.method} ${facts.path} answered ${facts.status} ${facts.statusText}, but ` +
            `${facts.problem}${details.length ? `: ${details.join('; ')}` : ''}`, facts.hint), facts);
        this.status = facts.status;
        this.problem = facts.problem;
        this.details = details;
    }
}
/** The client refused to send a request, e.g. a header value with a line break. Nothing was sent. */
class KosliRequestRefusedError extends Error {
    method;
    url;
    constructor(message, method, url) {
        super(message);
        this.name = 'KosliRequestRefusedError';
        this.method = method;
        this.url = url;
    }
}
/** True for errors that `on-kosli-unavailable: warn` may turn into a warning. */
function isKosliUnavailable(err) {
    return err instanceof KosliError && err.unavailable;
}
/** `400 Bad Request: Input payload validation failed (fingerprint: does not match …)`. */
function describeAnswer(answer) {
    let text = `${answer.status} ${answer.statusText}`;
    if (answer.serverMessage)
        text += `: ${answer.serverMessage}`;
    const errors = formatServerErrors(answer.serverErrors);
    if (errors)
        text += ` (${errors})`;
    return text;
}
/** `field: why; other: why`, nested values as JSON. */
function formatServerErrors(errors) {
    if (!errors)
        return '';
    return Object.entries(errors)
        .map(([field, why]) => `${field}: ${typeof why === 'string' ? why : JSON.stringify(why)}`)
        .join('; ');
}
/** What a person can do about a 4xx answer; undefined when there is nothing specific to say. */
function hintFor(status, serverMessage, path) {
    const { org, flow } = orgAndFlow(path);
    const orgText = org ? ` '${org}'` : '';
    const flowText = flow ? ` '${flow}'` : '';
    const message = (serverMessage ?? '').toLowerCase();
    switch (status) {
        case 400:
        case 422:
            return message || status === 422
                ? 'Kosli rejected the request; check the inputs that set the fields named above.'
                : undefined;
        case 401:
            return (`Check that the api-token input (or KOSLI_API_TOKEN) is a valid Kosli API token ` +
                `for the org${orgText}, and that it has not expired or been revoked.`);
        case 403:
            return (`The Kosli API token lacks permission on the org${orgText}` +
                `${flow ? ` or the flow${flowText}` : ''}; use a token of a user or service account ` +
                `with write access to it.`);
        case 404:
            if (/\bflow\b/.test(message)) {
                return (`Check the flow input (or KOSLI_FLOW)${flow ? `, now${flowText}` : ''}: the flow must ` +
                    `already exist in Kosli; create it (for example \`kosli create flow${flowText}\`) ` +
                    `or fix the name.`);
            }
            if (/\borg(ani[sz]ation)?\b/.test(message)) {
                return (`Check the org input (or KOSLI_ORG)${org ? `, now${orgText}` : ''}: it must name a ` +
                    `Kosli organization that the api-token belongs to.`);
            }
            return undefined;
        default:
            return undefined;
    }
}
// Kosli's v2 paths put the org and the flow first: /artifacts/{org}/{flow}/…
function orgAndFlow(path) {
    const match = /^\/api\/v2\/(?:artifacts|approvals|flows|trails|attestations|environments)\/([^/?]+)(?:\/([^/?]+))?/.exec(path);
    if (!match)
        return {};
    const decode = (s) => {
        if (s === undefined)
            return undefined;
        try {
            return decodeURIComponent(s);
        }
        catch {
            return s;
        }
    };
    const org = decode(match[1]);
    // For /environments/{org}/{env} the second segment is not a flow.
    const flow = path.startsWith('/api/v2/environments/') ? undefined : decode(match[2]);
    return { org, flow };
}
// Joins a sentence and a hint without doubling the final period.
function finish(text, hint) {
    const sentence = /[.!?]$/.test(text) ? text : `${text}.`;
    return hint ? `${sentence} ${hint}` : sentence;
}


/***/ }),

/***/ 6617:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RS: () => (/* binding */ TEMPLATE_REFERENCE_NAME),
/* harmony export */   cJ: () => (/* binding */ COMMIT),
/* harmony export */   fZ: () => (/* binding */ EXTERNAL_URL_LABEL),
/* harmony export */   lj: () => (/* binding */ FINGERPRINT),
/* harmony export */   pT: () => (/* binding */ TRAIL_NAME)
/* harmony export */ });
// The patterns Kosli's API accepts for these fields; on their own so that the inputs can use
// them without loading the schemas of Kosli's answers.
const FINGERPRINT = /^[a-f0-9]{64}$/;
const COMMIT = /^[a-f0-9]{40}$/;
const TRAIL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/;
const TEMPLATE_REFERENCE_NAME = /^[a-zA-Z0-9\-_]+$/;
const EXTERNAL_URL_LABEL = /^[^=.]+$/;


/***/ }),

/***/ 3361:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GR: () => (/* binding */ buildApprovalPayload),
/* harmony export */   p8: () => (/* binding */ buildArtifactPayload)
/* harmony export */ });
/* unused harmony exports reportArtifactProblems, createApprovalProblems */
/* harmony import */ var _patterns_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6617);

/** The report-artifact body: a pure function of the fields, one artifact and the provenance. */
function buildArtifactPayload(config, artifact, provenance) {
    const body = {
        fingerprint: artifact.fingerprint,
        filename: artifact.name,
        build_url: provenance.buildUrl,
        commit_url: provenance.commitUrl,
        trail_name: config.trail ?? provenance.gitCommit,
        template_reference_name: config.templateReferenceName,
        description: config.description,
        git_commit: provenance.gitCommit,
        git_commit_info: provenance.gitCommitInfo,
        repo_info: provenance.repoInfo,
        commits_list: provenance.commitsList,
        repo_url: provenance.repoUrl,
        is_compliant: config.isCompliant,
        template: config.template,
        external_urls: nonEmpty(config.externalUrls),
        annotations: nonEmpty(config.annotations),
        user_data: config.userData
    };
    return checked('report-artifact', withoutUndefined(body), reportArtifactProblems);
}
/** The create-approval body; `request` mode asks for approval with an empty approvals list. */
function buildApprovalPayload(config, request) {
    const body = {
        artifact_fingerprint: request.fingerprint,
        description: request.description,
        src_commit_list: request.srcCommitList,
        environment: config.approvalEnvironment,
        oldest_commit: request.oldestCommit,
        approvals: config.approval === 'approve'
            ? [
                {
                    state: 'APPROVED',
                    comment: request.description,
                    approved_by: request.approver,
                    approval_url: request.approvalUrl
                }
            ]
            : []
    };
    return checked('create-approval', withoutUndefined(body), createApprovalProblems);
}
function nonEmpty(value) {
    return Object.keys(value).length > 0 ? value : undefined;
}
function withoutUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
/** A body Kosli would refuse is a bug here: fail before sending it, naming each field. */
function checked(name, body, problems) {
    const found = problems(body);
    if (found.length === 0)
        return body;
    throw new Error(`The ${name} body is not what Kosli's API accepts, so nothing was sent (please report this): ${found.join('; ')}`);
}
/** `field "value" does not match …`, when it does not. */
function match(problems, field, value, pattern) {
    if (!pattern.test(value)) {
        problems.push(`${field} ${JSON.stringify(value)} does not match ${pattern.source}`);
    }
}
function commitProblems(problems, field, commit) {
    match(problems, `${field}.sha1`, commit.sha1, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ);
    if (!Number.isSafeInteger(commit.timestamp)) {
        problems.push(`${field}.timestamp ${commit.timestamp} is not a whole number`);
    }
}
/**
 * What Kosli's report-artifact schema refuses beyond the TypeScript types (the zod schema
 * reportArtifactBodySchema says the same; a test holds them together).
 */
function reportArtifactProblems(body) {
    const problems = [];
    match(problems, 'fingerprint', body.fingerprint, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj);
    if (body.filename.length === 0)
        problems.push('filename is empty');
    if (body.trail_name !== undefined)
        match(problems, 'trail_name', body.trail_name, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .TRAIL_NAME */ .pT);
    if (body.template_reference_name !== undefined) {
        match(problems, 'template_reference_name', body.template_reference_name, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .TEMPLATE_REFERENCE_NAME */ .RS);
    }
    if (body.git_commit !== undefined)
        match(problems, 'git_commit', body.git_commit, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ);
    if (body.git_commit_info !== undefined) {
        commitProblems(problems, 'git_commit_info', body.git_commit_info);
    }
    body.commits_list?.forEach((commit, i) => commitProblems(problems, `commits_list[${i}]`, commit));
    for (const [label, url] of Object.entries(body.external_urls ?? {})) {
        match(problems, 'external_urls label', label, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .EXTERNAL_URL_LABEL */ .fZ);
        if (url.fingerprint !== undefined) {
            match(problems, `external_urls.${label}.fingerprint`, url.fingerprint, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj);
        }
    }
    return problems;
}
/** What Kosli's create-approval schema refuses beyond the TypeScript types. */
function createApprovalProblems(body) {
    const problems = [];
    match(problems, 'artifact_fingerprint', body.artifact_fingerprint, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .FINGERPRINT */ .lj);
    if (body.src_commit_list.length === 0)
        problems.push('src_commit_list is empty');
    body.src_commit_list.forEach((commit, i) => match(problems, `src_commit_list[${i}]`, commit, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ));
    if (typeof body.oldest_commit === 'string') {
        match(problems, 'oldest_commit', body.oldest_commit, _patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMIT */ .cJ);
    }
    return problems;
}


/***/ }),

/***/ 3996:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   tJ: () => (/* binding */ inert),
/* harmony export */   yy: () => (/* binding */ print)
/* harmony export */ });
/* unused harmony exports COMMAND_BREAK, printable */
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6137);
// The one printer: every line this action writes to the log goes through `print`, so text from
// outside (file names, Kosli and GitHub answers, event fields) can never become a workflow command.
//
// The runner splits stdout into lines on \n, \r and \r\n, and reads a line as a command when it
// starts with `::` after leading whitespace, or when it holds `##[` anywhere (the older form):
// https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs
// So, in every line printed:
// - control characters (C0 but the line break, DEL, C1, U+2028/2029) and bidi overrides show as
//   `\r`, `\t`, `\uXXXX`: a lone CR cannot start a new line, ANSI escapes cannot repaint it;
// - a `::` after leading whitespace becomes `:\u200b:` and every `##[` becomes `#\u200b#[`. U+200B
//   (zero-width space) is not whitespace to the runner, so the line reads the same to a person
//   and is no command to the runner.

/** What is put between the two characters of `::` and of `##`. */
const COMMAND_BREAK = '\u200b';
const NAMED_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// U+202A–202E and U+2066–2069 reorder text on screen.
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */
// What .NET's TrimStart removes, and a few invisible characters besides, to be safe.
const LEADING_COMMAND = /^([\s\u0085\u180e\u200b-\u200d\u2060\ufeff]*):(?=:)/;
const LEGACY_COMMAND = /##\[/g;
function escapeControl(char) {
    return NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
function breakCommands(line) {
    return line
        .replace(LEGACY_COMMAND, `#${COMMAND_BREAK}#[`)
        .replace(LEADING_COMMAND, `$1:${COMMAND_BREAK}`);
}
/**
 * One piece of outside text (a name, a server's message) as inert text on one line: line breaks
 * too show as `\n` / `\r`. Use it where outside text is put into a message, so it reads as one value.
 */
function inert(text) {
    const safe = breakCommands(text.replace(CONTROL, escapeControl));
    // Guarded at both ends too, so no text put beside it can complete a `::` or a `##[` with it.
    const start = /^[:#[]/.test(safe) ? COMMAND_BREAK : '';
    const end = /[:#]$/.test(safe) ? COMMAND_BREAK : '';
    return `${start}${safe}${end}`;
}
/**
 * A whole message made safe to print: its own line breaks (\n, \r\n) stay, everything else as in
 * `inert`, for every line. `print` applies it to everything it prints.
 */
function printable(message) {
    return message
        .replace(/\r\n/g, '\n')
        .replace(CONTROL_BUT_LINE_FEED, escapeControl)
        .split('\n')
        .map(breakCommands)
        .join('\n');
}
/** The log: the runner's printing commands, each taking its text through `printable`. */
const print = {
    /** Whether debug lines show (RUNNER_DEBUG=1): check it before composing a costly one. */
    isDebug() {
        return _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .isDebug */ ._o();
    },
    info(message) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(printable(message));
    },
    debug(message) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(printable(message));
    },
    warning(message) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(printable(message));
    },
    error(message) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(printable(message));
    },
    notice(message) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(printable(message));
    },
    /** A group's title is one line. */
    startGroup(name) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh(inert(name));
    },
    endGroup() {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4();
    },
    /** Fails the step with one ::error:: annotation. */
    setFailed(message) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(printable(message));
    }
};


/***/ }),

/***/ 7744:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ readRunContext),
/* harmony export */   $w: () => (/* binding */ defaultGitCommit),
/* harmony export */   Hj: () => (/* binding */ defaultCommitsBase),
/* harmony export */   OR: () => (/* binding */ defaultBranch),
/* harmony export */   hp: () => (/* binding */ isZeroSha),
/* harmony export */   w1: () => (/* binding */ defaultCommitUrl),
/* harmony export */   xv: () => (/* binding */ defaultBuildUrl)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _json_error_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8066);


const ZERO_SHA = /^0+$/;
function readRunContext(env) {
    const ref = env.GITHUB_REF ?? '';
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner = '', repo = ''] = repository.split('/');
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        payload: readPayload(env.GITHUB_EVENT_PATH),
        sha: (env.GITHUB_SHA ?? '').toLowerCase(),
        ref,
        refName: env.GITHUB_REF_NAME || refNameOf(ref),
        refType: refTypeOf(env.GITHUB_REF_TYPE, ref),
        headRef: env.GITHUB_HEAD_REF || undefined,
        baseRef: env.GITHUB_BASE_REF || undefined,
        repository,
        owner: env.GITHUB_REPOSITORY_OWNER || owner,
        repo,
        repositoryId: env.GITHUB_REPOSITORY_ID || undefined,
        serverUrl: trimSlash(env.GITHUB_SERVER_URL || 'https://github.com'),
        apiUrl: trimSlash(env.GITHUB_API_URL || 'https://api.github.com'),
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        runNumber: env.GITHUB_RUN_NUMBER ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        actor: env.GITHUB_ACTOR ?? '',
        workspace: env.GITHUB_WORKSPACE ?? ''
    };
}
function isPullRequestEvent(ctx) {
    return ctx.eventName.startsWith('pull_request');
}
function defaultGitCommit(ctx) {
    const prHead = isPullRequestEvent(ctx) ? ctx.payload.pull_request?.head?.sha : undefined;
    return typeof prHead === 'string' && prHead ? prHead.toLowerCase() : ctx.sha;
}
function defaultCommitsBase(ctx) {
    let base;
    if (ctx.eventName === 'push')
        base = ctx.payload.before;
    else if (isPullRequestEvent(ctx))
        base = ctx.payload.pull_request?.base?.sha;
    if (typeof base !== 'string' || !base || isZeroSha(base))
        return undefined;
    return base.toLowerCase();
}
/** This run's attempt page: what build_url and an approval's URL point at by default. */
function defaultBuildUrl(ctx) {
    return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt || '1'}`;
}
function defaultCommitUrl(ctx, gitCommit) {
    return `${ctx.serverUrl}/${ctx.repository}/commit/${gitCommit}`;
}
// Tag runs keep the tag name: it is what git names the ref, and the tagged commit may sit on any branch.
function defaultBranch(ctx) {
    if (isPullRequestEvent(ctx)) {
        const head = ctx.headRef ?? ctx.payload.pull_request?.head?.ref;
        if (typeof head === 'string' && head)
            return head;
    }
    return ctx.refName;
}
function isZeroSha(value) {
    return ZERO_SHA.test(value);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook payloads differ per event
function readPayload(path) {
    if (!path || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        return {};
    const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    try {
        const parsed = JSON.parse(text);
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
            ? parsed
            : {};
    }
    catch {
        throw new Error(`The event payload at ${path} (GITHUB_EVENT_PATH) is not valid JSON (${(0,_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonErrorLocation */ .s)(text)})`);
    }
}
function refNameOf(ref) {
    return ref.replace(/^refs\/(heads|tags)\//, '');
}
function refTypeOf(given, ref) {
    if (given === 'branch' || given === 'tag')
        return given;
    if (ref.startsWith('refs/heads/'))
        return 'branch';
    if (ref.startsWith('refs/tags/'))
        return 'tag';
    return '';
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}


/***/ }),

/***/ 3623:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  sv: () => (/* reexport */ createLocalGit),
  xv: () => (/* reexport */ context/* defaultBuildUrl */.xv),
  w1: () => (/* reexport */ context/* defaultCommitUrl */.w1),
  Hj: () => (/* reexport */ context/* defaultCommitsBase */.Hj),
  _G: () => (/* binding */ gatherProvenance),
  hR: () => (/* binding */ listCommitsBetween)
});

// UNUSED EXPORTS: REDACTED, defaultGitCommit, readRunContext

;// CONCATENATED MODULE: ./src/provenance/commit.ts
const REDACTED = '**REDACTED**';
function toGitCommit(raw, branch, commitUrlBase) {
    return {
        sha1: raw.sha,
        message: raw.message,
        author: `${raw.authorName} <${raw.authorEmail}>`,
        ...(raw.login ? { author_username: raw.login } : {}),
        branch,
        timestamp: raw.authorTime,
        url: `${commitUrlBase}/${raw.sha}`,
        parents: raw.parents
    };
}
// The login identifies the person as much as the name does, so redacting the author drops it too.
function redactCommit(commit, fields) {
    if (fields.length === 0)
        return commit;
    const out = { ...commit };
    if (fields.includes('author')) {
        out.author = REDACTED;
        delete out.author_username;
    }
    if (fields.includes('message'))
        out.message = REDACTED;
    if (fields.includes('branch'))
        out.branch = REDACTED;
    return out;
}

// EXTERNAL MODULE: ./src/provenance/context.ts
var context = __nccwpck_require__(7744);
;// CONCATENATED MODULE: ./src/provenance/payload.ts
// Most events carry the repository; it must be this run's repository (not, say, a fork's).
function repoFromPayload(ctx) {
    const repo = ctx.payload.repository;
    if (!repo || typeof repo !== 'object')
        return undefined;
    const { id, full_name: name, html_url: url, description } = repo;
    if (typeof name !== 'string' || name.toLowerCase() !== ctx.repository.toLowerCase())
        return undefined;
    if (typeof url !== 'string' || (typeof id !== 'number' && typeof id !== 'string'))
        return undefined;
    return {
        name,
        url,
        id: String(id),
        description: typeof description === 'string' ? description : '',
        provider: 'github'
    };
}
// Push payloads name each commit author's GitHub login, which local git cannot know.
function loginsFromPayload(ctx) {
    const logins = new Map();
    if (ctx.eventName !== 'push')
        return logins;
    const commits = Array.isArray(ctx.payload.commits) ? ctx.payload.commits : [];
    for (const commit of [...commits, ctx.payload.head_commit]) {
        const { id, author } = (commit ?? {});
        const username = author?.username;
        if (typeof id === 'string' && typeof username === 'string' && username) {
            logins.set(id.toLowerCase(), username);
        }
    }
    return logins;
}

;// CONCATENATED MODULE: ./src/github/paging.ts
/** The most pages of one list the action follows through `Link: rel="next"`. */
const MAX_PAGES = 100;
/**
 * The `rel="next"` page of a Link header, followed only on the API's own origin (scheme, host and
 * port): the token goes with the request, so an answer must not be able to send it elsewhere.
 */
function nextPage(link, client) {
    return nextPageOn(link, client.baseUrl);
}
/** As nextPage, for a caller that holds the API's base URL itself rather than an Octokit. */
function nextPageOn(link, apiBase) {
    const target = link?.match(/<([^>]+)>\s*;\s*rel="next"/)?.[1];
    if (!target)
        return undefined;
    const api = new URL(apiBase);
    let next;
    try {
        next = new URL(target, api);
    }
    catch {
        return { refused: `the next page link is not a URL (${JSON.stringify(target)})` };
    }
    if (next.origin !== api.origin) {
        return {
            refused: `the next page link points to ${next.origin}, not to the GitHub API (${api.origin}), so it was not followed`
        };
    }
    return { url: next.href };
}

// EXTERNAL MODULE: ./src/github/reader.ts
var reader = __nccwpck_require__(4068);
;// CONCATENATED MODULE: ./src/provenance/github-api.ts


const PAGE_SIZE = 100;
async function apiGetCommit(github, ctx, sha) {
    const response = await github.get((0,reader/* apiPath */.So)('repos', ctx.owner, ctx.repo, 'commits', sha));
    return fromApiCommit(response.data);
}
// One call covers up to 250 commits; beyond that, pages are fetched only until every commit is known.
async function apiCompare(github, ctx, base, head, warn = () => { }) {
    const path = (0,reader/* apiPath */.So)('repos', ctx.owner, ctx.repo, 'compare', `${base}...${head}`);
    const first = (await github.get(path)).data;
    if (first.commits.length >= first.total_commits)
        return first.commits.map(fromApiCommit);
    const paged = [];
    const known = new Set(first.commits.map(c => c.sha));
    let response = await github.get(path, { per_page: PAGE_SIZE, page: 1 });
    for (let pages = 1;; pages++) {
        const page = response.data.commits;
        paged.push(...page);
        for (const c of page)
            known.add(c.sha);
        if (known.size >= first.total_commits || page.length === 0)
            break;
        const next = nextPage(response.link, github);
        if (!next)
            break;
        const partial = `commits_list holds the ${known.size} of ${first.total_commits} commits read so far`;
        if ('refused' in next) {
            warn(`GitHub compare ${base}...${head}: ${next.refused}; ${partial}.`);
            break;
        }
        if (pages >= MAX_PAGES) {
            warn(`GitHub compare ${base}...${head}: stopped after ${MAX_PAGES} pages; ${partial}.`);
            break;
        }
        response = await github.get(next.url);
    }
    // The paged prefix is complete and ordered; the unpaged window supplies whatever newer commits it missed.
    const inPaged = new Set(paged.map(c => c.sha));
    return [...paged, ...first.commits.filter(c => !inPaged.has(c.sha))].map(fromApiCommit);
}
async function apiGetRepo(github, ctx) {
    const response = await github.get((0,reader/* apiPath */.So)('repos', ctx.owner, ctx.repo));
    const data = response.data;
    return {
        name: data.full_name,
        url: data.html_url,
        id: String(data.id),
        description: data.description ?? '',
        provider: 'github'
    };
}
function describeApiError(error) {
    const message = String(error?.message ?? error);
    // Only an answer has a status; a network error or timeout is told in its own words.
    if (!(error instanceof reader/* GitHubApiError */.OS))
        return `request failed (${message})`;
    const hint = API_HINTS[error.status] ? `: ${API_HINTS[error.status]}` : '';
    return `HTTP ${error.status} (${message})${hint}`;
}
const API_HINTS = {
    401: 'github-token is not valid',
    403: 'github-token lacks contents: read, or the rate limit is exhausted',
    404: 'not on GitHub (not pushed?) or not visible to github-token',
    422: 'GitHub does not know that commit'
};
function fromApiCommit(c) {
    const date = c.commit.author?.date ?? c.commit.committer?.date ?? '';
    const login = c.author?.login;
    return {
        sha: c.sha,
        parents: (c.parents ?? []).map(p => p.sha),
        authorName: c.commit.author?.name ?? '',
        authorEmail: c.commit.author?.email ?? '',
        authorTime: Math.floor(Date.parse(date) / 1000) || 0,
        message: c.commit.message,
        ...(login ? { login } : {})
    };
}

;// CONCATENATED MODULE: ./src/provenance/local-git.ts
// NUL-separated fields; with -z each record also ends in NUL, so records are read six fields at once.
const FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%B';
const FIELDS = 6;
// A user's log.showSignature would put gpg output into the records.
const QUIET = ['-c', 'log.showSignature=false'];
// An empty cwd (GITHUB_WORKSPACE unset, e.g. local runs) means the current directory.
function createLocalGit(cwd) {
    return {
        async run(args) {
            const options = { cwd: cwd || process.cwd(), silent: true, ignoreReturnCode: true };
            // Loaded when git is first asked: most runs read the GitHub API instead.
            const { getExecOutput } = await __nccwpck_require__.e(/* import() */ 260).then(__nccwpck_require__.bind(__nccwpck_require__, 1260));
            const out = await getExecOutput('git', args, options);
            return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
        }
    };
}
async function gitReadCommit(git, sha) {
    const args = [...QUIET, 'show', '-s', '-z', FORMAT, `${sha}^{commit}`, '--'];
    const stdout = await runGit(git, args, sha);
    const [commit] = await withTrueParents(git, parseRecords(stdout));
    if (!commit)
        throw new Error(`git show printed nothing for ${sha}`);
    return commit;
}
// Commits reachable from head but not from base, oldest first (parents before children).
async function gitListCommits(git, base, head) {
    const range = `${base}..${head}`;
    const args = [...QUIET, 'log', '--reverse', '--topo-order', '-z', FORMAT, range, '--'];
    const stdout = await runGit(git, args, range);
    return withTrueParents(git, parseRecords(stdout));
}
// A shallow clone hides its boundary commits' parents (at depth 1, the head's); the object keeps them.
async function withTrueParents(git, commits) {
    return Promise.all(commits.map(async (commit) => {
        if (commit.parents.length > 0)
            return commit;
        const out = await git.run(['cat-file', 'commit', commit.sha]);
        if (out.exitCode !== 0)
            return commit;
        const header = out.stdout.split('\n\n')[0];
        const parents = [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map(m => m[1]);
        return { ...commit, parents };
    }));
}
async function runGit(git, args, revision) {
    let result;
    try {
        result = await git.run(args);
    }
    catch (error) {
        throw new Error(`git could not run (${error.message})`);
    }
    if (result.exitCode === 0)
        return result.stdout;
    throw new Error(await explainFailure(git, result.stderr, revision));
}
async function explainFailure(git, stderr, revision) {
    const detail = firstLine(stderr) || 'git failed without a message';
    if (/not a git repository/i.test(stderr)) {
        return `the workspace is not a git repository (${detail})`;
    }
    if (/unknown revision|bad object|bad revision|invalid revision|not a valid object/i.test(stderr)) {
        const shallow = await isShallow(git);
        return shallow
            ? `unknown revision ${revision}: the clone is shallow and lacks that history (actions/checkout fetches one commit unless fetch-depth: 0)`
            : `unknown revision ${revision}: it is not in the local clone (${detail})`;
    }
    return detail;
}
async function isShallow(git) {
    try {
        const out = await git.run(['rev-parse', '--is-shallow-repository']);
        return out.exitCode === 0 && out.stdout.trim() === 'true';
    }
    catch {
        return false;
    }
}
function parseRecords(stdout) {
    const fields = stdout.split('\0');
    const commits = [];
    for (let i = 0; i + FIELDS <= fields.length; i += FIELDS) {
        const [sha, parents, authorName, authorEmail, authorTime, body] = fields.slice(i, i + FIELDS);
        commits.push({
            sha: sha.trim(),
            parents: parents.trim() ? parents.trim().split(' ') : [],
            authorName,
            authorEmail,
            authorTime: Number.parseInt(authorTime, 10),
            message: body.replace(/\n+$/, '')
        });
    }
    return commits;
}
function firstLine(text) {
    return (text
        .split('\n')
        .map(line => line.trim())
        .find(line => line.length > 0) ?? '');
}

;// CONCATENATED MODULE: ./src/provenance/read.ts



const NO_TOKEN = 'not used (no github-token)';
// The API knows logins and needs no checkout; local git covers unpushed commits and missing tokens.
async function readCommit(sha, ctx, deps) {
    let apiWhy = NO_TOKEN;
    if (deps.github) {
        try {
            return { raw: await apiGetCommit(deps.github, ctx, sha), source: 'GitHub API' };
        }
        catch (error) {
            apiWhy = describeApiError(error);
        }
    }
    try {
        return { raw: await gitReadCommit(deps.git, sha), source: `local git (GitHub API: ${apiWhy})` };
    }
    catch (error) {
        throw new Error(`could not read commit ${sha}: GitHub API: ${apiWhy}; local git: ${error.message}. ` +
            'Check out the repository with actions/checkout, or give git-commit');
    }
}
/**
 * The commits after base up to head, newest first as the Kosli CLI sends them (it walks the log
 * back from head); base itself is not among them. Both sources list oldest first.
 */
async function readCommitRange(base, head, ctx, deps) {
    if (base === head)
        return { commits: [], source: 'commits-base is the commit itself', fromApi: false };
    let apiWhy = NO_TOKEN;
    if (deps.github) {
        try {
            const commits = await apiCompare(deps.github, ctx, base, head, deps.warn);
            return { commits: commits.reverse(), source: 'GitHub compare API', fromApi: true };
        }
        catch (error) {
            apiWhy = describeApiError(error);
        }
    }
    try {
        const commits = await gitListCommits(deps.git, base, head);
        return {
            commits: commits.reverse(),
            source: `local git (GitHub API: ${apiWhy})`,
            fromApi: false
        };
    }
    catch (error) {
        throw new Error(`could not list the commits after ${base} up to ${head}: GitHub API: ${apiWhy}; ` +
            `local git: ${error.message}`);
    }
}
async function readRepo(ctx, deps) {
    const fromPayload = repoFromPayload(ctx);
    if (fromPayload)
        return { repo: fromPayload, source: 'event payload' };
    let apiWhy = NO_TOKEN;
    if (deps.github) {
        try {
            return { repo: await apiGetRepo(deps.github, ctx), source: 'GitHub API' };
        }
        catch (error) {
            apiWhy = describeApiError(error);
        }
    }
    // Kosli keys repositories by id: without one, repo_info is left out rather than sent with id "".
    if (!ctx.repositoryId) {
        return { source: `left out, the repository id is unknown (GitHub API: ${apiWhy})` };
    }
    // The run's variables still name the repository; only its description is lost.
    const repo = {
        name: ctx.repository,
        url: `${ctx.serverUrl}/${ctx.repository}`,
        id: ctx.repositoryId,
        description: '',
        provider: 'github'
    };
    return { repo, source: `run environment, no description (GitHub API: ${apiWhy})` };
}

;// CONCATENATED MODULE: ./src/provenance/index.ts







const FULL_SHA = /^[0-9a-f]{40}$/;
async function gatherProvenance(ctx, options, deps) {
    const log = deps.log ?? (() => { });
    if (!ctx.owner || !ctx.repo) {
        throw new Error(`GITHUB_REPOSITORY is "${ctx.repository}", not owner/repo: run this action in a GitHub Actions workflow`);
    }
    const gitCommit = validateGitCommit(options.gitCommit);
    const base = normalizeBase(options.commitsBase);
    const branch = options.branch || (0,context/* defaultBranch */.OR)(ctx);
    const project = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`;
    const logins = loginsFromPayload(ctx);
    let range = [];
    let rangeFromApi = false;
    let rangeSource = noBaseReason(ctx, options);
    const warnings = [];
    if (base) {
        try {
            const read = await readCommitRange(base, gitCommit, ctx, {
                ...deps,
                warn: line => warnings.push(line)
            });
            range = read.commits;
            rangeFromApi = read.fromApi;
            rangeSource = read.source;
        }
        catch (error) {
            // A missing list weakens the record but must not fail the build.
            const why = error.message;
            log(`commits_list is left empty: ${why}`);
            warnings.push(`commits_list is empty: the commits after ${base.slice(0, 7)} could not be read (${why})`);
            rangeSource = `unavailable, ${why}`;
        }
    }
    // The compare answer already holds the head commit with parents and login: no second call.
    const fromRange = rangeFromApi ? range.find(c => c.sha === gitCommit) : undefined;
    const head = fromRange
        ? { raw: fromRange, source: 'GitHub compare API' }
        : await readCommit(gitCommit, ctx, deps);
    if (head.source.startsWith('local git'))
        log(`read commit ${gitCommit} from ${head.source}`);
    const withLogin = (raw) => raw.login || !logins.has(raw.sha) ? raw : { ...raw, login: logins.get(raw.sha) };
    const repo = await readRepo(ctx, deps);
    const finish = (raw) => redactCommit(toGitCommit(withLogin(raw), branch, `${project}/commit`), options.redact);
    const sources = [
        `commit details: ${head.source}`,
        `author login: ${loginSource(head.source, head.raw, withLogin(head.raw))}`,
        `commits_list (${range.length}): ${rangeSource}`,
        `repository: ${repo.source}`
    ];
    const gitCommitInfo = finish(head.raw);
    return {
        gitCommit,
        gitCommitInfo,
        commitsList: range.map(finish),
        repoInfo: repo.repo,
        repoUrl: options.repoUrl || project,
        buildUrl: options.buildUrl,
        commitUrl: options.commitUrl,
        sources,
        warnings
    };
}
/** The commits after base up to head, newest first; just head when there is no base. */
async function listCommitsBetween(base, head, ctx, deps) {
    const from = normalizeBase(base);
    if (!from)
        return { shas: [head], source: 'no earlier commit: the commit itself' };
    const read = await readCommitRange(from, head, ctx, deps);
    return { shas: read.commits.map(c => c.sha), source: read.source };
}
function validateGitCommit(value) {
    const sha = value.trim().toLowerCase();
    if (!sha)
        throw new Error('git-commit is empty and GITHUB_SHA is not set: give git-commit');
    if (!FULL_SHA.test(sha)) {
        throw new Error(`git-commit must be a full 40-character hex commit SHA, got "${value}"`);
    }
    return sha;
}
// An all-zero base is how GitHub says "nothing before": a new branch or tag.
function normalizeBase(value) {
    const base = value?.trim();
    if (!base || (0,context/* isZeroSha */.hp)(base))
        return undefined;
    if (base.startsWith('-') || /\s|\.\./.test(base)) {
        throw new Error(`commits-base must be a commit SHA or ref name, got "${value}"`);
    }
    return /^[0-9a-fA-F]{40}$/.test(base) ? base.toLowerCase() : base;
}
function noBaseReason(ctx, options) {
    if (options.commitsBase)
        return 'commits-base is all zeros';
    if (ctx.eventName === 'push')
        return 'none, the push created the ref (no before commit)';
    return ctx.eventName
        ? `none, no commits-base on ${ctx.eventName} events`
        : 'none, no commits-base for this run';
}
function loginSource(source, read, enriched) {
    if (read.login)
        return source;
    if (enriched.login)
        return 'push event payload';
    if (source.startsWith('local git'))
        return 'unknown (local git has no GitHub logins)';
    return 'none (no GitHub account is linked to the author email)';
}


/***/ }),

/***/ 6670:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KR: () => (/* binding */ redactingLog),
/* harmony export */   R0: () => (/* binding */ debugOn),
/* harmony export */   fp: () => (/* binding */ redactSecrets),
/* harmony export */   uu: () => (/* binding */ coreLog)
/* harmony export */ });
/* unused harmony export REDACTED */
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3996);

/** Whether a debug line for `log` is worth composing at all. */
function debugOn(log) {
    return log.isDebug ? log.isDebug() : true;
}
const REDACTED = '***';
/** The log of the step: the printer, which makes outside text inert (see print.ts). */
const coreLog = {
    info: m => _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.info(m),
    debug: m => _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.debug(m),
    warning: m => _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.warning(m),
    startGroup: n => _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.startGroup(n),
    endGroup: () => _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.endGroup(),
    isDebug: () => _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.isDebug()
};
/**
 * Replaces every occurrence of each secret in `text` with `***`, also in the encoded forms a
 * secret takes inside a URL or a JSON string, so a secret echoed back by a server is hidden too.
 */
function redactSecrets(text, secrets) {
    const forms = new Set();
    for (const secret of secrets) {
        if (!secret)
            continue;
        forms.add(secret);
        forms.add(encodeURIComponent(secret));
        forms.add(JSON.stringify(secret).slice(1, -1));
        // A multi-line secret may be printed one line at a time.
        for (const line of secret.split(/\r?\n/))
            if (line.trim().length >= 4)
                forms.add(line);
    }
    // Longest first, so a secret that contains another one is hidden whole.
    const ordered = [...forms].filter(f => f.length > 0).sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of ordered)
        out = out.split(form).join(REDACTED);
    return out;
}
/** Wraps a log so that every line and group name passes through redactSecrets. */
function redactingLog(log, secrets) {
    const r = (m) => redactSecrets(m, secrets());
    return {
        info: m => log.info(r(m)),
        debug: m => log.debug(r(m)),
        warning: m => log.warning(r(m)),
        startGroup: n => log.startGroup(r(n)),
        endGroup: () => log.endGroup(),
        isDebug: () => debugOn(log)
    };
}


/***/ }),

/***/ 8855:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jt: () => (/* binding */ SUMMARY_LIMIT),
/* harmony export */   SS: () => (/* binding */ codeSpan),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   cP: () => (/* binding */ writeInputSummary),
/* harmony export */   n0: () => (/* binding */ setOutputs),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   p7: () => (/* binding */ markdownText),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   yA: () => (/* binding */ capText)
/* harmony export */ });
/* unused harmony exports OUTPUT_LIMIT, ERROR_TEXT_LIMIT, artifactsOutput, artifactsJson, jsonArrayWithin, setBoundedOutput, renderSummary, renderInputSummary */
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3996);
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6137);


/** GitHub keeps at most 1 MiB of one output and of one step's summary; these stay below it. */
const OUTPUT_LIMIT = 1_000_000;
const SUMMARY_LIMIT = 1_000_000;
/** An error text longer than this is cut in the outputs and the summary; the log has it all. */
const ERROR_TEXT_LIMIT = 4_000;
/** Any other one value (a name, a state) in the summary. */
const CELL_LIMIT = 1_000;
/** `text`, cut to `limit` characters with a note of how much was left out. */
function capText(text, limit) {
    if (text.length <= limit)
        return text;
    return `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}
function artifactsOutput(outcome) {
    return outcome.artifacts.map(artifact => ({
        name: artifact.name,
        fingerprint: artifact.fingerprint,
        type: artifact.type,
        ...(artifact.path !== undefined && { path: artifact.path }),
        ...(artifact.reference !== undefined && { reference: artifact.reference }),
        url: artifact.url,
        ...(artifact.complianceState !== undefined && { compliance_state: artifact.complianceState }),
        ...(artifact.reported !== undefined && { reported: artifact.reported }),
        ...(artifact.error !== undefined && { error: capText(artifact.error, ERROR_TEXT_LIMIT) })
    }));
}
/** The `artifacts` output: a JSON array of the first entries that fit in `limit` bytes. */
function artifactsJson(outcome, limit = OUTPUT_LIMIT) {
    return jsonArrayWithin(artifactsOutput(outcome), limit);
}
/** A JSON array of the first entries that fit in `limit` bytes, and how many were left out. */
function jsonArrayWithin(items, limit = OUTPUT_LIMIT) {
    const entries = items.map(entry => JSON.stringify(entry));
    let bytes = 2;
    let kept = 0;
    for (const entry of entries) {
        const size = Buffer.byteLength(entry) + (kept > 0 ? 1 : 0);
        if (bytes + size > limit)
            break;
        bytes += size;
        kept++;
    }
    return { json: `[${entries.slice(0, kept).join(',')}]`, left: entries.length - kept };
}
function setBoundedOutput(name, value) {
    if (Buffer.byteLength(value) > OUTPUT_LIMIT) {
        _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.warning(`The ${name} output is not set: its value has ${Buffer.byteLength(value)} bytes, and GitHub keeps at most 1 MiB of an output.`);
        return;
    }
    (0,_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .setOutput */ .uH)(name, value);
}
function setOutputs(outcome) {
    const first = outcome.artifacts[0];
    if (first) {
        setBoundedOutput('fingerprint', first.fingerprint);
        setBoundedOutput('artifact-url', first.url);
        if (first.complianceState)
            setBoundedOutput('compliance-state', first.complianceState);
    }
    const { json, left } = artifactsJson(outcome);
    (0,_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .setOutput */ .uH)('artifacts', json);
    if (left > 0) {
        const total = outcome.artifacts.length;
        _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.warning(`The artifacts output lists ${total - left} of ${total} artifacts: ${left} more would take it past GitHub's 1 MiB limit of an output. The log names each artifact.`);
    }
    const approval = outcome.approvals.find(item => item.releaseNumber !== undefined);
    if (approval)
        setBoundedOutput('approval-number', String(approval.releaseNumber));
    const ids = outcome.deployments.flatMap(item => item.recordIds);
    if (ids.length > 0)
        setBoundedOutput('deployment-record-ids', ids.join(','));
}
// Long tables fold away so a summary of 100 artifacts still reads at a glance.
const FOLD_AFTER = 20;
// Backslash-escaped, these show as themselves: no tag, link, image, code, emphasis, table cell
// break, entity, heading or math can come out of a name.
const MARKDOWN = /[\\`*_[\]<>|!&~#$]/g;
/** Outside text as markdown that shows exactly that text, on one line, at most `limit` long. */
function markdownText(text, limit = CELL_LIMIT) {
    return ((0,_print_js__WEBPACK_IMPORTED_MODULE_0__/* .inert */ .tJ)(capText(text, limit).replace(MARKDOWN, match => `\\${match}`))
        // GitHub makes links of bare URLs, www. names and @mentions; a zero-width space stops it.
        .replace(/:\/\//g, ':\u200b//')
        .replace(/(www)\./gi, '$1\u200b.')
        .replace(/@/g, '@\u200b'));
}
function cell(text, limit = CELL_LIMIT) {
    return markdownText(text, limit);
}
// `markdown` is the link's text, already escaped. Only http(s) links; the characters that would end a markdown link early are percent-encoded.
function link(markdown, url) {
    const safe = url && /^https?:\/\//i.test(url)
        ? // eslint-disable-next-line no-control-regex -- control characters are among those encoded
            url.replace(/[()<>[\]\\"'`\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c => encodeURIComponent(c).replace(/[()']/g, p => `%${p.charCodeAt(0).toString(16).toUpperCase()}`))
        : undefined;
    return safe ? `[${markdown}](${safe})` : markdown;
}
/**
 * A markdown table; past FOLD_AFTER rows it folds away behind `label` (what the rows are). Rows
 * past `budget` bytes are left out, and a line says how many.
 */
function table(header, rows, label = `${rows.length} rows`, budget = SUMMARY_LIMIT) {
    const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
    // Room for the fold, the label and the note on rows left out.
    let bytes = Buffer.byteLength(lines.join('\n')) + Buffer.byteLength(label) + 300;
    let shown = 0;
    for (const row of rows) {
        const line = `| ${row.join(' | ')} |`;
        bytes += Buffer.byteLength(line) + 1;
        if (bytes > budget)
            break;
        lines.push(line);
        shown++;
    }
    if (shown < rows.length) {
        lines.push('', `${rows.length - shown} more not shown: GitHub keeps at most 1 MiB of a job summary. The log names each one.`);
    }
    const text = lines.join('\n');
    if (rows.length <= FOLD_AFTER)
        return `${text}\n`;
    return `<details><summary>${label}</summary>\n\n${text}\n\n</details>\n`;
}
/** A page of Kosli's web app, from the host and path segments. */
function kosliPage(host, ...segments) {
    return `${host.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}
function flowUrl(outcome) {
    return kosliPage(outcome.host, outcome.org, 'flows', outcome.flow);
}
function trailUrl(outcome, trail) {
    return kosliPage(outcome.host, outcome.org, 'flows', outcome.flow, 'trails', trail);
}
/** Kosli has a page for it: this step reported it, or Kosli answered about it. */
function inKosli(outcome, artifact) {
    if (artifact.reported === true)
        return !outcome.dryRun;
    if (artifact.reported === false)
        return false;
    return (artifact.type === 'kosli' ||
        artifact.complianceState !== undefined ||
        outcome.approvals.some(approval => approval.fingerprint === artifact.fingerprint && approval.releaseNumber !== undefined));
}
/** `1 artifact`, `2 artifacts`. */
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** What the step recorded (or, in a dry run, would have), as clauses of one sentence. */
function deeds(outcome, flow) {
    const dry = outcome.dryRun;
    const clauses = [];
    if (outcome.flowTemplated) {
        clauses.push(`${dry ? 'would create or update' : 'created or updated'} flow ${flow} from its template`);
    }
    if (outcome.trailBegun !== undefined) {
        clauses.push(`${dry ? 'would begin' : 'began'} trail ${codeSpan(outcome.trailBegun)}`);
    }
    const total = outcome.artifacts.length;
    if (reports(outcome) && total > 0) {
        const reported = outcome.artifacts.filter(artifact => artifact.reported === true).length;
        if (dry)
            clauses.push(`would report ${count(total, 'artifact')} to flow ${flow}`);
        else if (reported === total)
            clauses.push(`reported ${count(total, 'artifact')} to flow ${flow}`);
        else if (reported > 0)
            clauses.push(`reported ${reported} of ${count(total, 'artifact')} to flow ${flow}`);
    }
    const fresh = outcome.approvals.filter(approval => !approval.reused);
    const approved = fresh.filter(approval => approval.state === 'APPROVED').length;
    const requested = fresh.length - approved;
    const reused = outcome.approvals.length - fresh.length;
    if (approved > 0)
        clauses.push(`${dry ? 'would approve' : 'approved'} ${count(approved, 'artifact')}`);
    if (requested > 0) {
        clauses.push(`${dry ? 'would request' : 'requested'} approval of ${count(requested, 'artifact')}`);
    }
    if (reused > 0)
        clauses.push(`reused the existing approval of ${count(reused, 'artifact')}`);
    if (outcome.deployments.length > 0) {
        const environments = [...new Set(outcome.deployments.map(item => item.environment))];
        const where = environments.map(name => cell(name)).join(', ');
        const records = count(outcome.deployments.length, 'deployment record');
        clauses.push(`${dry ? 'would record' : 'recorded'} ${records} for ${where} in GitHub`);
    }
    return { clauses, namesFlow: clauses.some(clause => clause.includes(` flow ${flow}`)) };
}
function reports(outcome) {
    return outcome.reports ?? outcome.artifacts.some(artifact => artifact.reported !== undefined);
}
function sentence(clauses) {
    if (clauses.length < 2)
        return clauses[0] ?? '';
    return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}
/** The first line: what the step did, with links to the flow and trail once they are in Kosli. */
function verdict(outcome) {
    const known = outcome.artifacts.some(artifact => inKosli(outcome, artifact));
    const flow = link(cell(outcome.flow), known ? flowUrl(outcome) : undefined);
    const trail = outcome.trail === undefined
        ? ''
        : ` · trail ${link(codeSpan(outcome.trail), known ? trailUrl(outcome, outcome.trail) : undefined)}`;
    const { clauses, namesFlow } = deeds(outcome, flow);
    const done = clauses.length > 0 ? sentence(clauses) : undefined;
    // The flow is named once: in what was done, or after it.
    const tail = `${namesFlow ? '' : ` · flow ${flow}`}${trail}`;
    if (outcome.error) {
        const what = done ?? (reports(outcome) ? `nothing was reported to flow ${flow}` : 'nothing was recorded');
        const named = namesFlow || done === undefined;
        return `❌ **Failed: ${what}**${named && reports(outcome) ? trail : tail}. The error is below.`;
    }
    if (outcome.kosliUnavailable) {
        const what = done ? `${done}; nothing after that was recorded` : 'nothing was recorded';
        return `⚠️ **Kosli was unavailable: ${what}**${tail}. The step passed (on-kosli-unavailable: warn).`;
    }
    if (outcome.dryRun) {
        return `🧪 **Dry run: ${done ?? 'nothing to record'}**${tail}. Nothing was recorded.`;
    }
    const what = done ?? 'nothing to record';
    return `✅ **${what.charAt(0).toUpperCase()}${what.slice(1)}**${tail}.`;
}
function stateBadge(state) {
    if (!state)
        return '–';
    const icon = state === 'COMPLIANT' ? '✅' : state === 'NON-COMPLIANT' ? '❌' : '⚠️';
    return `${icon} ${cell(state)}`;
}
/** A code span of outside text: its fence is longer than any run of backticks inside. */
function codeSpan(text) {
    const shown = (0,_print_js__WEBPACK_IMPORTED_MODULE_0__/* .inert */ .tJ)(capText(text, CELL_LIMIT));
    const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${shown}${pad}${fence}`;
}
function reportedCell(outcome, artifact) {
    if (artifact.reported === true)
        return outcome.dryRun ? 'dry run: printed' : '✅';
    if (artifact.reported === false)
        return '❌ not reported';
    // Planned but never sent: the step stopped first.
    return reports(outcome) && (outcome.error || outcome.kosliUnavailable) ? 'not reported' : '–';
}
function artifactsLabel(outcome) {
    const total = outcome.artifacts.length;
    const reported = outcome.artifacts.filter(artifact => artifact.reported === true).length;
    const failed = outcome.artifacts.filter(artifact => artifact.reported === false).length;
    const counts = [
        reported > 0 ? `${reported} ${outcome.dryRun ? 'in the dry run' : 'reported'}` : '',
        failed > 0 ? `${failed} not reported` : ''
    ].filter(Boolean);
    return `${total} artifacts${counts.length > 0 ? `: ${counts.join(', ')}` : ''}`;
}
// Kosli shows an artifact's approvals on its page.
function approvalArtifactUrl(outcome, approval) {
    return outcome.artifacts.find(artifact => artifact.fingerprint === approval.fingerprint)?.url;
}
// Headings and the line on rows left out, besides the tables themselves.
const SUMMARY_RESERVE = 4_000;
function renderSummary(outcome) {
    const parts = ['## Kosli\n'];
    // The trail's state comes last; the tables leave room for it.
    let used = outcome.trailState ? Buffer.byteLength(outcome.trailState) + 1 : 0;
    const push = (text) => {
        parts.push(text);
        used += Buffer.byteLength(text) + 1;
    };
    // The tables still to come share what is left of the limit; one that needs less leaves the rest.
    const tablesLeft = [
        outcome.artifacts.length > 0,
        outcome.approvals.length > 0,
        outcome.deployments.length > 0
    ].filter(Boolean).length;
    let tablesToCome = tablesLeft;
    const budget = () => Math.max(0, Math.floor((SUMMARY_LIMIT - SUMMARY_RESERVE - used) / Math.max(1, tablesToCome)));
    push(`${verdict(outcome)}\n`);
    if (outcome.dryRun) {
        push('> [!NOTE]\n> **Dry run:** reads were sent to Kosli and GitHub; every write was printed in the log instead of sent.\n');
    }
    // The error is shown once, here; the rows it concerns say only "not reported".
    if (outcome.kosliUnavailable) {
        push(`> [!WARNING]\n> ${cell(outcome.kosliUnavailable, ERROR_TEXT_LIMIT)}\n`);
    }
    if (outcome.gateNotChecked !== undefined) {
        push(`> [!WARNING]\n> **require-compliant: not checked.** Kosli was unavailable, so the gate was skipped${outcome.deployments.length > 0 ? ' and the deployment records were written without it' : ''} (on-kosli-unavailable: warn). ${cell(outcome.gateNotChecked, ERROR_TEXT_LIMIT)}\n`);
    }
    if (outcome.error) {
        const lines = capText(outcome.error, 10 * ERROR_TEXT_LIMIT).split(/\r?\n/);
        push(`> [!CAUTION]\n> **Error:** ${lines.map(line => cell(line, Infinity)).join('\n> ')}\n`);
    }
    const commit = outcome.gitCommit
        ? link(cell(outcome.gitCommit.slice(0, 7)), outcome.commitUrl)
        : '–';
    push(`Org **${cell(outcome.org)}** · commit ${commit}` +
        (outcome.commitsCount !== undefined
            ? ` · ${outcome.commitsCount} commit(s) since the last build`
            : '') +
        '\n');
    if (outcome.artifacts.length > 0) {
        push('### Artifacts\n');
        // A step that reports nothing (a deploy or approval job) has no Reported column to fill.
        const reporting = reports(outcome);
        const header = [
            'Artifact',
            'Fingerprint',
            'Type',
            'Compliance',
            ...(reporting ? ['Reported'] : [])
        ];
        const row = (artifact) => [
            cell(artifact.name),
            link(cell(artifact.fingerprint.slice(0, 12)), inKosli(outcome, artifact) ? artifact.url : undefined),
            cell(artifact.type),
            stateBadge(artifact.complianceState),
            ...(reporting ? [reportedCell(outcome, artifact)] : [])
        ];
        const failed = outcome.artifacts.filter(artifact => artifact.reported === false);
        const folds = outcome.artifacts.length > FOLD_AFTER;
        // A long table folds away, but what failed stays in sight above it.
        if (folds && failed.length > 0) {
            push(`**Not reported (${failed.length}):**\n`);
            push(table(header, failed.slice(0, FOLD_AFTER).map(row)));
        }
        push(table(header, outcome.artifacts.map(row), artifactsLabel(outcome), budget()));
        tablesToCome--;
    }
    if (outcome.approvals.length > 0) {
        push('### Approvals\n');
        push(table(['Artifact', 'Approval', 'State', 'Environment', 'Commits covered'], outcome.approvals.map(approval => [
            cell(approval.artifact),
            approval.releaseNumber !== undefined
                ? `${link(`#${cell(String(approval.releaseNumber))}`, approvalArtifactUrl(outcome, approval))}${approval.reused ? ' (reused)' : ''}`
                : outcome.dryRun
                    ? 'dry run'
                    : '–',
            cell(approval.state),
            cell(approval.environment ?? '–'),
            `${approval.commitCount}${approval.oldestCommit ? ` after ${cell(approval.oldestCommit.slice(0, 7))}` : ''}`
        ]), `${outcome.approvals.length} approvals`, budget()));
        tablesToCome--;
    }
    if (outcome.deployments.length > 0) {
        push('### Deployment records\n');
        push(table(['Artifact', 'Environment', 'Cluster', 'Deployment', 'Status', 'Compliance', 'Record'], outcome.deployments.map(deployment => [
            cell(deployment.artifact),
            cell([deployment.environment, deployment.physicalEnvironment].filter(Boolean).join(' / ')),
            cell(deployment.cluster ?? '–'),
            cell(deployment.deploymentName),
            cell(deployment.status),
            outcome.gateNotChecked !== undefined
                ? '⚠️ not checked'
                : stateBadge(deployment.complianceState),
            cell(deployment.recordIds.join(', ')) || (outcome.dryRun ? 'dry run' : '–')
        ]), `${outcome.deployments.length} deployment records`, budget()));
        tablesToCome--;
    }
    // Its bytes were counted before the tables.
    if (outcome.trailState)
        parts.push(outcome.trailState);
    return parts.join('\n');
}
/** The summary of a step stopped by its inputs: which inputs to fix, and what is wrong with each. */
function renderInputSummary(problems) {
    const names = [
        ...new Set(problems.flatMap(problem => /^'([a-z][a-z0-9-]*)'/.exec(problem)?.[1] ?? []))
    ];
    const fix = names.length > 0
        ? `Fix ${names.length === 1 ? 'this input' : 'these inputs'}: ${names.map(name => codeSpan(name)).join(', ')}.`
        : 'Fix the inputs below.';
    return [
        '## Kosli\n',
        `❌ **Failed: invalid input, so nothing was sent.** ${fix}\n`,
        ...problems.slice(0, FOLD_AFTER).map(problem => `- ${cell(problem, ERROR_TEXT_LIMIT)}`),
        ...(problems.length > FOLD_AFTER
            ? [`- … and ${problems.length - FOLD_AFTER} more, listed in the log`]
            : []),
        ''
    ].join('\n');
}
async function write(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        (0,_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .appendSummary */ .fe)(markdown);
    }
    catch (error) {
        _print_js__WEBPACK_IMPORTED_MODULE_0__/* .print */ .yy.warning(`Could not write the job summary: ${error.message}`);
    }
}
async function writeSummary(outcome) {
    await write(renderSummary(outcome));
}
async function writeInputSummary(problems) {
    await write(renderInputSummary(problems));
}


/***/ }),

/***/ 6137:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   N4: () => (/* binding */ endGroup),
/* harmony export */   Oh: () => (/* binding */ startGroup),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   _o: () => (/* binding */ isDebug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
// The runner's workflow commands, written exactly as @actions/core 3 writes them, without the
// modules core loads on every start for what this action never uses (an HTTP client for OIDC
// tokens, exec for platform details):
// https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
// Only src/print.ts prints with these: it makes outside text inert first.


/** Any value as a command's text: strings as they are, nothing as '', anything else as JSON. */
function toCommandValue(input) {
    if (input === null || input === undefined)
        return '';
    if (typeof input === 'string' || input instanceof String)
        return String(input);
    return JSON.stringify(input);
}
// The runner decodes these escapes; a raw line break would end the command early.
function escapeData(value) {
    return toCommandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
// In a property, `:` would end the properties and `,` start the next one.
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** `::name key=value,key=value::message`; properties without a value are left out. */
function issue(name, properties, message) {
    let text = `::${name}`;
    if (Object.keys(properties).length > 0) {
        text += ` ${Object.entries(properties)
            .filter(([, value]) => value)
            .map(([key, value]) => `${key}=${escapeProperty(value)}`)
            .join(',')}`;
    }
    process.stdout.write(`${text}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
/** The runner's names of an annotation's properties. */
function annotationProperties(properties) {
    if (Object.keys(properties).length === 0)
        return {};
    return {
        title: properties.title,
        file: properties.file,
        line: properties.startLine,
        endLine: properties.endLine,
        col: properties.startColumn,
        endColumn: properties.endColumn
    };
}
function annotate(level, message, properties) {
    issue(level, annotationProperties(properties), message instanceof Error ? String(message) : message);
}
/** A step input as the runner passes it: INPUT_<NAME>, spaces as `_`, upper case. */
function getInput(name, options = {}) {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options.required && !value)
        throw new Error(`Input required and not supplied: ${name}`);
    return options.trimWhitespace === false ? value : value.trim();
}
/**
 * A step output: a heredoc in the GITHUB_OUTPUT file, whose delimiter is random, so that no
 * value can end it early; the older `::set-output` command where the runner gives no file.
 */
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT || '';
    if (!file) {
        process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_1__.EOL);
        issue('set-output', { name }, toCommandValue(value));
        return;
    }
    // node:crypto takes ~5 ms to load: only on first use (a run's HTTPS has usually loaded it).
    const { randomUUID } = process.getBuiltinModule('node:crypto');
    const delimiter = `ghadelimiter_${randomUUID()}`;
    const text = toCommandValue(value);
    if (name.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (text.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${text}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`, 'utf8');
}
/** The runner shows `***` for this value wherever the log would show it. */
function setSecret(secret) {
    issue('add-mask', {}, secret);
}
/** Appends markdown and a line break to the job summary (the GITHUB_STEP_SUMMARY file). */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) {
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    }
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, `${markdown}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`, 'utf8');
}
/** Whether the run shows debug lines: the runner sets RUNNER_DEBUG=1 when debug logging is on. */
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function info(message) {
    process.stdout.write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
function debug(message) {
    issue('debug', {}, message);
}
function notice(message, properties = {}) {
    annotate('notice', message, properties);
}
function warning(message, properties = {}) {
    annotate('warning', message, properties);
}
function error(message, properties = {}) {
    annotate('error', message, properties);
}
/** Fails the step (exit code 1 once the action ends) with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function startGroup(name) {
    issue('group', {}, name);
}
function endGroup() {
    issue('endgroup', {}, '');
}


/***/ }),

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   ck: () => (/* binding */ leavesWorkspace),
/* harmony export */   id: () => (/* binding */ realWorkspace)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** The workspace's own real path, so a workspace reached through a symlink still contains itself. */
function realWorkspace(workspace) {
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(workspace);
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(resolved);
    }
    catch {
        return resolved;
    }
}
/** Whether the real path `target` is `root` itself or below it (both already real paths). */
function isInside(root, target) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(root, target);
    return (relative === '' ||
        (relative !== '..' && !relative.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) && !node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(relative)));
}
const IS_WINDOWS = process.platform === 'win32';
/**
 * Whether a relative pattern's `..` segments climb out of the directory it is relative to
 * (`../secrets/*`, `build/../../etc/passwd`, a `**` then `..`). A `**` may match no segment at all,
 * so it is counted as none. Absolute paths and `~` are never "outside": they say where they mean.
 */
function leavesWorkspace(pattern) {
    const trimmed = pattern.trim();
    if (node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(trimmed) || trimmed === '~' || trimmed.startsWith('~/'))
        return false;
    let depth = 0;
    for (const segment of trimmed.split(IS_WINDOWS ? /[\\/]+/ : /\/+/)) {
        if (segment === '' || segment === '.' || segment === '**')
            continue;
        if (segment === '..') {
            depth -= 1;
            if (depth < 0)
                return true;
        }
        else {
            depth += 1;
        }
    }
    return false;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __nccwpck_require__(6587);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/json-error.ts
var json_error = __nccwpck_require__(8066);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __nccwpck_require__(3338);
// EXTERNAL MODULE: ./src/fingerprint/oci/reference.ts
var oci_reference = __nccwpck_require__(8267);
// EXTERNAL MODULE: ./src/kosli/patterns.ts
var patterns = __nccwpck_require__(6617);
;// CONCATENATED MODULE: ./src/inputs/fields.ts



function field(safeParse) {
    return {
        safeParse,
        parse(raw) {
            const result = safeParse(raw);
            if (result.success)
                return result.data;
            throw new Error(`Expected ${result.expected.join('; ')}`);
        }
    };
}
const HEX40 = /^[0-9a-fA-F]{40}$/;
const DIGEST = /^(?:sha256:)?([0-9a-fA-F]{64})$/i;
// Multi-line inputs keep tabs and line breaks (LF or CRLF); a lone CR is refused.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;
/** The deployment-environment rules, for the value a deployment event brings instead of the input. */
function isDeploymentEnvironment(value) {
    return value.length >= 1 && value.length <= 128 && !CONTROL_OR_NEWLINE.test(value);
}
/** Records a problem; the value returned is never used, as the field has failed. */
function fail(ctx, expected) {
    ctx.expected.push(expected);
    return undefined;
}
/** The non-empty lines of a multi-line value, trimmed. */
function lines(value) {
    return value
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line.length > 0);
}
function commaList(value) {
    return value
        .split(',')
        .map(item => item.trim())
        .filter(item => item.length > 0);
}
/** An input that may be unset: empty or blank is `undefined`; anything else goes to `parse`. */
function optional(parse) {
    return field(raw => {
        if (raw === undefined || raw.trim() === '')
            return { success: true, data: undefined };
        const ctx = { expected: [] };
        const data = parse(raw.trim(), ctx);
        return ctx.expected.length > 0
            ? { success: false, expected: ctx.expected }
            : { success: true, data };
    });
}
/** Unset is what `fallback` makes: a new one each time, so no two configs share a list. */
function withDefault(inner, fallback) {
    return field(raw => {
        const result = inner.safeParse(raw);
        return result.success ? { success: true, data: result.data ?? fallback() } : result;
    });
}
/** Unset is `''`: the rules between inputs say that it is missing. */
function required(inner) {
    return withDefault(inner, () => '');
}
function fields_text() {
    return optional(value => value);
}
function oneOf(values, fallback) {
    return withDefault(optional((value, ctx) => {
        const lower = value.toLowerCase();
        return values.includes(lower)
            ? lower
            : fail(ctx, `one of ${values.join(', ')}`);
    }), () => fallback);
}
function trueOrFalse(value, ctx) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    return fail(ctx, 'true or false');
}
/** `true` or `false`; unset is `undefined` (sent only when given). */
function optionalBoolean() {
    return optional(trueOrFalse);
}
function fields_boolean(fallback) {
    return withDefault(optional(trueOrFalse), () => fallback);
}
const OUTCOMES = {
    true: true,
    false: false,
    success: true,
    failure: false,
    cancelled: false,
    skipped: false
};
/**
 * `true`/`false`, or a step or job outcome (`success` is true; `failure`, `cancelled` and
 * `skipped` are false), so `${{ steps.test.outcome }}` can be given as it is; unset is undefined.
 */
function stepOutcome() {
    return optional((value, ctx) => {
        const lower = value.toLowerCase();
        return Object.hasOwn(OUTCOMES, lower)
            ? OUTCOMES[lower]
            : fail(ctx, 'true, false, or a step outcome (success, failure, cancelled, skipped)');
    });
}
function pattern(regex, what) {
    return optional((value, ctx) => regex.test(value) ? value : fail(ctx, `${what} matching ${regex.source}`));
}
function maxLength(limit) {
    return optional((value, ctx) => value.length <= limit ? value : fail(ctx, `at most ${limit} characters`));
}
function commitSha() {
    return optional((value, ctx) => HEX40.test(value) ? value.toLowerCase() : fail(ctx, 'a full 40-character hex git commit sha'));
}
/** 64 hex, or `sha256:` + 64 hex; lowered. */
function digest() {
    return optional((value, ctx) => {
        const match = DIGEST.exec(value);
        return match
            ? match[1].toLowerCase()
            : fail(ctx, '64 hex characters, or sha256: followed by 64 hex characters');
    });
}
function checkHttpUrl(value, ctx) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return fail(ctx, 'an absolute http(s) URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return fail(ctx, 'an http(s) URL');
    }
    return value;
}
function httpUrl() {
    return optional(checkHttpUrl);
}
function integer(min, max, fallback) {
    const expected = max === Infinity ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`;
    return withDefault(optional((value, ctx) => {
        const n = Number(value);
        return /^\d+$/.test(value) && Number.isSafeInteger(n) && n >= min && n <= max
            ? n
            : fail(ctx, expected);
    }), () => fallback);
}
/** Non-empty lines, trimmed; unset is `[]`. */
function lineList() {
    return withDefault(optional(lines), () => []);
}
/**
 * A comma-separated subset of `allowed`, lowered; unset is `[]`. `each` names one item in the
 * messages; with `once`, a repeated item is refused rather than merged.
 */
function subset(allowed, options = {}) {
    return withDefault(optional((value, ctx) => {
        const items = commaList(value).map(item => item.toLowerCase());
        const bad = items.filter(item => !allowed.includes(item));
        if (bad.length > 0)
            return fail(ctx, `a comma-separated list of ${allowed.join(', ')}`);
        const unique = [...new Set(items)];
        if (options.once && unique.length !== items.length)
            return fail(ctx, `each ${options.each} once`);
        if (options.limit !== undefined && unique.length > options.limit) {
            return fail(ctx, `at most ${options.limit} ${options.each}s`);
        }
        return unique;
    }), () => []);
}
function keyValueLines(keyPattern, what, limit) {
    return withDefault(optional((value, ctx) => {
        const entries = {};
        for (const line of lines(value)) {
            const eq = line.indexOf('=');
            const key = eq > 0 ? line.slice(0, eq).trim() : '';
            if (!keyPattern.test(key)) {
                return fail(ctx, `${what} lines as key=value with keys matching ${keyPattern.source}`);
            }
            if (Object.hasOwn(entries, key))
                return fail(ctx, `each key once (${key} is repeated)`);
            entries[key] = line.slice(eq + 1).trim();
        }
        if (limit !== undefined && Object.keys(entries).length > limit) {
            return fail(ctx, `at most ${limit} key=value lines`);
        }
        return entries;
    }), () => ({}));
}
/** `label=url` lines, a url optionally followed by `@` and a 64-hex fingerprint. */
function externalUrls() {
    return withDefault(optional((value, ctx) => {
        const result = {};
        for (const line of lines(value)) {
            const eq = line.indexOf('=');
            const label = eq > 0 ? line.slice(0, eq).trim() : '';
            if (!patterns/* EXTERNAL_URL_LABEL */.fZ.test(label)) {
                return fail(ctx, 'label=url lines; a label has no "=" or "."');
            }
            if (Object.hasOwn(result, label))
                return fail(ctx, `each label once (${label} is repeated)`);
            let url = line.slice(eq + 1).trim();
            let fingerprint;
            const at = /@([0-9a-fA-F]{64})$/.exec(url);
            if (at) {
                fingerprint = at[1].toLowerCase();
                url = url.slice(0, at.index);
            }
            checkHttpUrl(url, ctx);
            result[label] = fingerprint ? { href: url, fingerprint } : { href: url };
        }
        return result;
    }), () => ({}));
}
function describeJsonType(value) {
    return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
function userData() {
    return optional((value, ctx) => {
        if (!value.startsWith('{')) {
            return value.endsWith('.json')
                ? { kind: 'file', path: value }
                : fail(ctx, 'a JSON object, or the path of a .json file holding one');
        }
        let parsed;
        try {
            parsed = JSON.parse(value);
        }
        catch {
            // JSON.parse's message quotes the text; the place is enough, and the text may be private.
            return fail(ctx, `valid JSON in the value (${(0,json_error/* jsonErrorLocation */.s)(value)})`);
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            return fail(ctx, `a JSON object in the value, not ${describeJsonType(parsed)}`);
        }
        return { kind: 'inline', value: parsed };
    });
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
/** A Kosli origin; `http://` only for loopback hosts, so the token never travels in clear text. */
function kosliHost(fallback) {
    return withDefault(optional((value, ctx) => {
        let url;
        try {
            url = new URL(value);
        }
        catch {
            return fail(ctx, 'an origin such as https://app.kosli.com');
        }
        if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
            return fail(ctx, 'an https:// origin (http:// only for loopback hosts), so the token is never sent in clear text');
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
            return fail(ctx, 'an https:// origin such as https://app.kosli.com');
        }
        if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
            return fail(ctx, 'an origin only (scheme, host and port), such as https://app.kosli.com');
        }
        return url.origin;
    }), () => fallback);
}
/** `host[:port]` as an image reference names it; Docker Hub's aliases become its registry host. */
function registryHost() {
    return optional((value, ctx) => {
        const expected = 'a registry host with an optional port, such as ghcr.io or 127.0.0.1:5000 (no scheme, no path)';
        // Docker's rule: a first component without '.' or ':' (other than localhost) is not a host.
        if (!/[.:]/.test(value) && value.toLowerCase() !== 'localhost')
            return fail(ctx, expected);
        if (value.includes('/') || value.includes('@'))
            return fail(ctx, expected);
        try {
            return (0,oci_reference/* parseImageReference */.o_)(`${value}/x`).registry;
        }
        catch {
            return fail(ctx, expected);
        }
    });
}

// EXTERNAL MODULE: ./src/github/runtime-risks.ts
var runtime_risks = __nccwpck_require__(4722);
;// CONCATENATED MODULE: ./src/inputs/table.ts



const ACTION_NAMES = (/* unused pure expression or super */ null && (['main', 'attest', 'assert']));
function input(field, parse, options = {}) {
    return { field, parse, actions: ['main'], ...options };
}
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9.\-_~]*$/;
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/;
// The inputs every action shares (Kosli, behaviour, fingerprint), and those of the attest step.
const ALL = ['main', 'attest', 'assert'];
const MAIN_ATTEST = ['main', 'attest'];
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** Every input of action.yml, in its order: the one definition of each. */
const INPUTS = {
    'api-token': input('apiToken', fields_text(), { env: 'KOSLI_API_TOKEN', secret: true, actions: ALL }),
    // Required, but checked with the other rules so that a missing one is one problem among all.
    org: input('org', required(pattern(NAME, 'an organization name')), {
        env: 'KOSLI_ORG',
        actions: ALL
    }),
    flow: input('flow', required(pattern(NAME, 'a flow name')), { env: 'KOSLI_FLOW', actions: ALL }),
    host: input('host', kosliHost('https://app.kosli.com'), { env: 'KOSLI_HOST', actions: ALL }),
    artifact: input('artifacts', lineList(), { multiline: true, actions: ALL }),
    'artifact-type': input('artifactType', oneOf(['auto', 'file', 'dir', 'docker', 'oci'], 'auto'), { env: 'KOSLI_ARTIFACT_TYPE', actions: ALL }),
    'registry-username': input('registryUsername', fields_text(), {
        env: 'KOSLI_REGISTRY_USERNAME',
        actions: ALL
    }),
    registry: input('registry', registryHost(), { actions: ALL }),
    'registry-password': input('registryPassword', fields_text(), {
        env: 'KOSLI_REGISTRY_PASSWORD',
        secret: true,
        actions: ALL
    }),
    // In attest/ and assert/ a job-level KOSLI_FINGERPRINT must not bind evidence silently.
    fingerprint: input('fingerprint', digest(), {
        env: 'KOSLI_FINGERPRINT',
        envIn: ['main'],
        actions: ALL
    }),
    'display-name': input('displayName', maxLength(1000)),
    exclude: input('excludes', lineList(), { multiline: true, actions: ALL }),
    'template-reference-name': input('templateReferenceName', pattern(patterns/* TEMPLATE_REFERENCE_NAME */.RS, 'a name'), {
        env: 'KOSLI_NAME'
    }),
    trail: input('trail', pattern(patterns/* TRAIL_NAME */.pT, 'a trail name'), { env: 'KOSLI_TRAIL', actions: ALL }),
    description: input('description', fields_text(), { multiline: true, actions: MAIN_ATTEST }),
    annotations: input('annotations', keyValueLines(ANNOTATION_KEY, 'annotation'), {
        multiline: true,
        actions: MAIN_ATTEST
    }),
    'external-urls': input('externalUrls', externalUrls(), { multiline: true, actions: MAIN_ATTEST }),
    'user-data': input('userData', userData(), { multiline: true, actions: MAIN_ATTEST }),
    'is-compliant': input('isCompliant', optionalBoolean()),
    template: input('template', optional(commaList)),
    report: input('report', oneOf(['true', 'false', 'auto'], 'auto')),
    'flow-template': input('flowTemplate', fields_text()),
    'flow-description': input('flowDescription', fields_text(), { multiline: true }),
    'begin-trail': input('beginTrail', fields_boolean(false)),
    'trail-template': input('trailTemplate', fields_text()),
    'trail-description': input('trailDescription', fields_text(), { multiline: true }),
    'github-token': input('githubToken', fields_text(), { secret: true, actions: ALL }),
    'git-commit': input('gitCommit', commitSha(), { actions: ALL }),
    'build-url': input('buildUrl', httpUrl()),
    'commit-url': input('commitUrl', httpUrl()),
    'repo-url': input('repoUrl', httpUrl()),
    'commits-base': input('commitsBase', commitSha()),
    'redact-commit-info': input('redactCommitInfo', subset(['author', 'message', 'branch'])),
    approval: input('approval', oneOf(['none', 'approve', 'request'], 'none')),
    'approval-environment': input('approvalEnvironment', maxLength(128)),
    'approval-description': input('approvalDescription', fields_text(), { multiline: true }),
    approver: input('approver', maxLength(256)),
    'oldest-commit': input('oldestCommit', commitSha()),
    'deployment-environment': input('deploymentEnvironment', maxLength(128)),
    'physical-environment': input('physicalEnvironment', maxLength(128)),
    cluster: input('cluster', maxLength(128)),
    'deployment-name': input('deploymentName', maxLength(256)),
    'deployment-status': input('deploymentStatus', oneOf(['deployed', 'decommissioned'], 'deployed')),
    'deployment-version': input('deploymentVersion', maxLength(100)),
    'deployment-tags': input('deploymentTags', keyValueLines(/^[^=\s]+$/, 'tag', 5), {
        multiline: true
    }),
    'runtime-risks': input('runtimeRisks', subset(runtime_risks/* RUNTIME_RISKS */.U, { each: 'runtime risk', once: true, limit: 4 })),
    'github-org': input('githubOrg', pattern(GITHUB_LOGIN, 'a GitHub organization login')),
    'require-compliant': input('requireCompliant', fields_boolean(false)),
    'kosli-environment': input('kosliEnvironment', pattern(NAME, 'a Kosli environment name')),
    'dry-run': input('dryRun', fields_boolean(false), { env: 'KOSLI_DRY_RUN', actions: ALL }),
    'on-kosli-unavailable': input('onKosliUnavailable', oneOf(['fail', 'warn'], 'fail'), {
        actions: ALL
    }),
    'max-retries': input('maxRetries', integer(0, 10, 3), { actions: ALL }),
    'request-timeout': input('requestTimeoutSeconds', integer(1, 600, 30), { actions: ALL }),
    'fingerprint-timeout': input('fingerprintTimeoutSeconds', integer(1, Infinity, 900), {
        actions: ALL
    }),
    // attest/ only.
    type: input('attestationType', fields_text(), { actions: ['attest'] }),
    name: input('attestationName', fields_text(), { actions: ['attest'] }),
    results: input('results', lineList(), { multiline: true, actions: ['attest'] }),
    'attestation-data': input('attestationData', userData(), {
        multiline: true,
        actions: ['attest']
    }),
    compliant: input('compliant', stepOutcome(), { actions: ['attest'] }),
    attachments: input('attachments', lineList(), { multiline: true, actions: ['attest'] }),
    'attach-results': input('attachResults', fields_boolean(true), { actions: ['attest'] }),
    'pull-request-wait': input('pullRequestWaitSeconds', integer(0, 600, 15), {
        actions: ['attest']
    }),
    'fail-on-non-compliant': input('failOnNonCompliant', fields_boolean(false), { actions: ['attest'] }),
    // assert/ only.
    environment: input('assertEnvironment', pattern(NAME, 'a Kosli environment name'), {
        actions: ['assert']
    }),
    policy: input('policies', lineList(), { multiline: true, actions: ['assert'] })
};
const INPUT_NAMES = Object.keys(INPUTS);
function inputsOf(action) {
    return INPUT_NAMES.filter(name => INPUTS[name].actions.includes(action));
}
/** The KOSLI_* variable an input falls back to in one action, if any. */
function envFallback(name, action) {
    const spec = INPUTS[name];
    if (!spec.env || !INPUTS[name].actions.includes(action))
        return undefined;
    return !spec.envIn || spec.envIn.includes(action) ? spec.env : undefined;
}
/** The KOSLI_* fallbacks of one action's inputs. */
function envFallbacksOf(action) {
    return Object.fromEntries(inputsOf(action).flatMap(name => {
        const env = envFallback(name, action);
        return env ? [[name, env]] : [];
    }));
}
/** The main action's fallbacks. */
const ENV_FALLBACKS = envFallbacksOf('main');
const SECRET_INPUTS = new Set(INPUT_NAMES.filter(name => INPUTS[name].secret));
const MULTILINE_INPUTS = new Set(INPUT_NAMES.filter(name => INPUTS[name].multiline));

;// CONCATENATED MODULE: ./src/inputs/problems.ts

/** Every problem found in the inputs, in one error, so one run lists them all. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? `Invalid input: ${problems[0]}`
            : `Invalid inputs:\n${problems.map(problem => `- ${problem}`).join('\n')}`);
        this.problems = problems;
        this.name = 'InputError';
    }
}
/** How an input's value is quoted in an error: never a secret, never a URL's credentials. */
function shown(name, value) {
    if (SECRET_INPUTS.has(name))
        return 'a value (hidden)';
    if (value === undefined || value === '')
        return 'nothing';
    const safe = value.replace(/\/\/[^/@\s]*@/g, '//***@');
    const text = safe.length > 80 ? `${safe.slice(0, 80)}… (${safe.length} characters)` : safe;
    // JSON.stringify escapes every C0 control character; DEL is escaped here.
    return JSON.stringify(text).replace(/\u007f/g, '\\u007f');
}

// EXTERNAL MODULE: ./src/provenance/context.ts
var context = __nccwpck_require__(7744);
// EXTERNAL MODULE: ./src/evidence/names.ts
var names = __nccwpck_require__(3781);
;// CONCATENATED MODULE: ./src/inputs/rules.ts






// Every rule that combines inputs, or an input with the run it is in, lives in this file.
/** Rules between inputs, checked when parsing; `failed` inputs already have their problem. */
function crossChecks(inputs, values, failed, action = 'main') {
    const problems = [];
    const ok = (...names) => names.every(name => !failed.has(name));
    if (!inputs.org && ok('org'))
        problems.push(`'org': given nothing; expected a Kosli organization (or set KOSLI_ORG)`);
    if (!inputs.flow && ok('flow'))
        problems.push(`'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW)`);
    if (action === 'assert' && !inputs.apiToken && ok('api-token')) {
        problems.push(`'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN): the assert asks Kosli, even in dry run`);
    }
    else if (!inputs.apiToken && !inputs.dryRun && ok('api-token', 'dry-run')) {
        problems.push(`'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN), unless dry-run is true`);
    }
    if (action === 'main')
        problems.push(...flowAndTrailChecks(inputs, values, ok));
    if (action === 'attest')
        problems.push(...attestChecks(inputs, values, ok));
    if (action === 'assert')
        problems.push(...assertChecks(inputs, values, ok));
    if (action !== 'main' && inputs.artifacts.length > 1 && ok('artifact')) {
        problems.push(`'artifact': given ${inputs.artifacts.length} lines; expected one artifact (one path, or one image)${action === 'assert' ? ' (give fingerprints through several steps, or none to assert what Kosli holds for the commit)' : ''}`);
    }
    if (!ok('artifact', 'fingerprint', 'artifact-type', 'report'))
        return problems;
    if (inputs.artifacts.length > 0 && inputs.fingerprint) {
        problems.push(`'fingerprint': given ${shown('fingerprint', values.fingerprint)} together with 'artifact'; expected exactly one of artifact and fingerprint`);
    }
    const registry = inputs.artifactType === 'oci';
    if (!registry && inputs.artifactType !== 'docker') {
        // Checked again where the paths are resolved; here it fails before any request.
        for (const pattern of inputs.artifacts.filter(line => !line.startsWith('!'))) {
            if ((0,src_workspace/* leavesWorkspace */.ck)(pattern)) {
                problems.push(`'artifact': given ${shown('artifact', pattern)}, which is outside the workspace; expected a path inside the workspace (give an absolute path if you mean it)`);
            }
        }
    }
    if (!registry && (inputs.registryUsername || inputs.registryPassword)) {
        problems.push(`'registry-username'/'registry-password': given with artifact-type ${inputs.artifactType}; expected only with artifact-type oci`);
    }
    if (!registry && inputs.registry) {
        problems.push(`'registry': given ${shown('registry', values.registry)} with artifact-type ${inputs.artifactType}; expected only with artifact-type oci`);
    }
    if (registry &&
        ok('registry-username', 'registry-password') &&
        Boolean(inputs.registryUsername) !== Boolean(inputs.registryPassword)) {
        const missing = inputs.registryUsername ? 'registry-password' : 'registry-username';
        problems.push(`'${missing}': given nothing; expected registry-username and registry-password together`);
    }
    if (registry) {
        // A malformed reference, or http:// to a non-loopback registry, fails before any request.
        const registries = [];
        for (const reference of inputs.artifacts) {
            try {
                registries.push((0,oci_reference/* parseImageReference */.o_)(reference).registry);
            }
            catch (error) {
                problems.push(`'artifact': given ${shown('artifact', reference)}; ${error.message}`);
            }
        }
        if (inputs.registry && registries.length > 0 && !registries.includes(inputs.registry)) {
            problems.push(`'registry': given ${shown('registry', values.registry)}, which no artifact is in; expected the registry of one of the artifacts (${[...new Set(registries)].join(', ')})`);
        }
    }
    if (inputs.report === 'true' && inputs.artifacts.length === 0 && !inputs.fingerprint) {
        problems.push(`'report': given "true" with neither 'artifact' nor 'fingerprint'; expected something to report`);
    }
    return problems;
}
/** The main action's flow and trail inputs, and the environment its gate asserts against. */
function flowAndTrailChecks(inputs, values, ok) {
    const problems = [];
    if (inputs.flowDescription !== undefined && !inputs.flowTemplate && ok('flow-template')) {
        problems.push(`'flow-description': given without 'flow-template'; expected it only with flow-template (the flow is created or updated only from a template)`);
    }
    const beginsTrail = inputs.beginTrail || inputs.trailTemplate !== undefined;
    if (inputs.trailDescription !== undefined &&
        !beginsTrail &&
        ok('begin-trail', 'trail-template')) {
        problems.push(`'trail-description': given without begin-trail: true or trail-template; expected it only when the step begins the trail`);
    }
    if (inputs.kosliEnvironment !== undefined &&
        !inputs.requireCompliant &&
        ok('require-compliant')) {
        problems.push(`'kosli-environment': given ${shown('kosli-environment', values['kosli-environment'])} without require-compliant: true; expected it only with require-compliant, which asserts against that environment's policies`);
    }
    // The template is sent to Kosli: a relative path must not climb out of the workspace.
    for (const name of ['flow-template', 'trail-template']) {
        const given = name === 'flow-template' ? inputs.flowTemplate : inputs.trailTemplate;
        if (given !== undefined && (0,src_workspace/* leavesWorkspace */.ck)(given)) {
            problems.push(`'${name}': given ${shown(name, values[name])}, which is outside the workspace; expected a template file inside the workspace (give an absolute path if you mean it)`);
        }
    }
    return problems;
}
// Which types take `results`, and how many files.
const RESULTS_TYPES = new Set(['junit', 'snyk']);
/** The rules of attest/: its type decides which of its inputs are needed and which are refused. */
function attestChecks(inputs, values, ok) {
    const problems = [];
    let kind;
    if (!inputs.attestationType && ok('type')) {
        problems.push(`'type': given nothing; expected pull-request, junit, generic, snyk or custom:<type-name>`);
    }
    else if (inputs.attestationType) {
        try {
            kind = (0,names/* parseAttestationType */.KN)(inputs.attestationType).kind;
        }
        catch {
            problems.push(`'type': given ${shown('type', values.type)}; expected pull-request, junit, generic, snyk or custom:<type-name>`);
        }
    }
    if (!inputs.attestationName && ok('name')) {
        problems.push(`'name': given nothing; expected the attestation's name in the template, or <artifact>.<attestation>`);
    }
    else if (inputs.attestationName) {
        try {
            (0,names/* splitAttestationName */.yA)(inputs.attestationName);
        }
        catch (error) {
            if (!(error instanceof names/* PayloadError */.tG))
                throw error;
            problems.push(`'name': given ${shown('name', values.name)}; expected <attestation> or <artifact>.<attestation>, each of letters, digits, '-', '_' and ',' (Kosli allows no other character, no dot in a name)`);
        }
    }
    if (kind === undefined)
        return problems;
    const typeName = inputs.attestationType ?? '';
    if (kind === 'generic' && inputs.compliant === undefined && ok('compliant')) {
        problems.push(`'compliant': given nothing; expected true, false or a step outcome for type generic (an empty value is never taken as true)`);
    }
    if (kind !== 'generic' && inputs.compliant !== undefined) {
        problems.push(`'compliant': given ${shown('compliant', values.compliant)} with type ${typeName}; expected it only with type generic (Kosli decides the compliance of ${typeName} evidence)`);
    }
    if (RESULTS_TYPES.has(kind) && inputs.results.length === 0 && ok('results')) {
        problems.push(`'results': given nothing; expected ${kind === 'junit' ? 'the JUnit XML files (paths, globs or directories)' : 'the SARIF file Snyk wrote (snyk test --sarif-file-output)'} for type ${typeName}`);
    }
    if (kind === 'snyk' && inputs.results.length > 1) {
        problems.push(`'results': given ${inputs.results.length} lines with type snyk; expected one SARIF file`);
    }
    if (!RESULTS_TYPES.has(kind) && inputs.results.length > 0) {
        problems.push(`'results': given with type ${typeName}; expected it only with junit or snyk`);
    }
    if (kind === 'custom' && inputs.attestationData === undefined && ok('attestation-data')) {
        problems.push(`'attestation-data': given nothing; expected a JSON object (inline, or the path of a .json file) for type ${typeName}`);
    }
    if (kind !== 'custom' && inputs.attestationData !== undefined) {
        problems.push(`'attestation-data': given with type ${typeName}; expected it only with custom:<type-name>`);
    }
    if (kind === 'pull_request' && !inputs.githubToken && ok('github-token')) {
        problems.push(`'github-token': given nothing; finding the pull requests of the commit needs a token with pull-requests: read and contents: read`);
    }
    return problems;
}
/** The rules of assert/: one scope at most besides the flow's template. */
function assertChecks(inputs, values, ok) {
    if (inputs.assertEnvironment && inputs.policies.length > 0 && ok('environment', 'policy')) {
        return [
            `'policy': given ${shown('policy', values.policy)} together with environment ${shown('environment', values.environment)}; expected one of environment and policy (an environment asserts its own policies)`
        ];
    }
    return [];
}
/** What this step does, from the inputs and the run; every problem fails it before any request. */
function planRun(config, ctx) {
    const problems = [];
    const eventEnvironment = ctx.eventName === 'deployment' && typeof ctx.payload.deployment?.environment === 'string'
        ? ctx.payload.deployment.environment
        : undefined;
    if (config.deploymentEnvironment === undefined &&
        eventEnvironment !== undefined &&
        !isDeploymentEnvironment(eventEnvironment)) {
        problems.push(`'deployment-environment': given nothing, and the deployment event's environment is ${eventEnvironment === '' ? 'empty' : shown('deployment-environment', eventEnvironment)}; expected 1 to 128 characters without control characters (or set deployment-environment)`);
    }
    const deploymentEnvironment = config.deploymentEnvironment ?? eventEnvironment;
    const local = config.artifacts.length > 0 || config.fingerprint !== undefined;
    const report = config.report === 'true' || (config.report === 'auto' && local && !deploymentEnvironment);
    const fromKosli = !local && (config.approval !== 'none' || deploymentEnvironment !== undefined);
    const flowOrTrail = config.flowTemplate !== undefined || config.beginTrail || config.trailTemplate !== undefined;
    if (!local && config.approval === 'none' && !deploymentEnvironment && !flowOrTrail) {
        problems.push(`'artifact': given nothing; expected an artifact or fingerprint to report, approval / deployment-environment to act on what Kosli already holds, or flow-template / begin-trail`);
    }
    // Reads happen in dry run too, so these need a token even then.
    // Without flow-description the flow keeps what Kosli holds, which is read first.
    const readsFlow = config.flowTemplate !== undefined && config.flowDescription === undefined;
    const needsKosliRead = fromKosli ||
        config.approval !== 'none' ||
        (deploymentEnvironment !== undefined && config.requireCompliant) ||
        readsFlow;
    if (needsKosliRead && !config.apiToken) {
        const why = fromKosli
            ? "looking up the commit's artifacts in Kosli"
            : config.approval !== 'none'
                ? 'finding the previous approval in Kosli'
                : readsFlow
                    ? "reading the flow's description from Kosli (flow-template without flow-description keeps it)"
                    : 'checking compliance in Kosli';
        problems.push(`'api-token': given nothing; ${why} needs a token, even in dry run`);
    }
    if (deploymentEnvironment && !config.dryRun && !config.githubToken) {
        problems.push(`'github-token': given nothing; recording a deployment in GitHub needs a token`);
    }
    const gitCommit = config.gitCommit ?? (0,context/* defaultGitCommit */.$w)(ctx);
    if (!/^[0-9a-f]{40}$/.test(gitCommit ?? '')) {
        problems.push(`'git-commit': given nothing, and the run's commit (GITHUB_SHA) is ${JSON.stringify(gitCommit ?? '')}; expected a 40-character hex sha`);
    }
    if (problems.length > 0)
        throw new InputError(problems);
    return { gitCommit, deploymentEnvironment, report, fromKosli };
}

;// CONCATENATED MODULE: ./src/inputs/parse.ts








const MAX_INPUT_BYTES = 1024 * 1024;
/**
 * Raw values after the KOSLI_* fallback; what the parsers and the error messages see. An input
 * that is not the action's own stays unset, so it takes its default.
 */
function withEnvFallbacks(raw, env, action = 'main') {
    const resolved = {};
    for (const name of inputsOf(action)) {
        const value = raw[name];
        const variable = envFallback(name, action);
        resolved[name] =
            value !== undefined && value.trim() !== '' ? value : variable ? env[variable] : value;
    }
    return resolved;
}
function checkCharacters(name, value) {
    const bytes = Buffer.byteLength(value);
    if (bytes > MAX_INPUT_BYTES)
        return `'${name}': given ${bytes} bytes; expected at most 1 MiB`;
    const multiline = MULTILINE_INPUTS.has(name);
    if (!(multiline ? CONTROL : CONTROL_OR_NEWLINE).test(value.trim()))
        return undefined;
    return `'${name}': given ${shown(name, value)}; expected ${multiline ? 'text without control characters' : 'a single line without control characters'}`;
}
/**
 * Parses and validates every input, then reads the files they name; throws one InputError that
 * lists every problem. An input that failed its own check is left out of the rules that
 * combine inputs, so each problem is reported once.
 */
function parseInputs(raw, env, workspace, action = 'main') {
    const values = withEnvFallbacks(raw, env, action);
    const own = new Set(inputsOf(action));
    const problems = [];
    const failed = new Set();
    const parsed = {};
    for (const name of INPUT_NAMES) {
        const spec = INPUTS[name];
        const value = values[name];
        const refused = value === undefined || !own.has(name) ? undefined : checkCharacters(name, value);
        const result = refused ? undefined : spec.parse.safeParse(value);
        if (result?.success) {
            parsed[spec.field] = result.data;
            continue;
        }
        failed.add(name);
        // The field's value when unset, so the rules below can still read every field.
        parsed[spec.field] = spec.parse.safeParse(undefined).data;
        if (refused) {
            problems.push(refused);
            continue;
        }
        const variable = envFallback(name, action);
        const via = variable && !raw[name]?.trim() ? ` (from ${variable})` : '';
        for (const expected of result?.expected ?? []) {
            problems.push(`'${name}'${via}: given ${shown(name, value)}; expected ${expected}`);
        }
    }
    const inputs = parsed;
    problems.push(...crossChecks(inputs, values, failed, action));
    const userData = failed.has('user-data')
        ? undefined
        : readJsonObject('user-data', inputs.userData, workspace, problems);
    const attestationData = failed.has('attestation-data')
        ? undefined
        : readJsonObject('attestation-data', inputs.attestationData, workspace, problems);
    if (problems.length > 0)
        throw new InputError(problems);
    return { ...inputs, userData, attestationData };
}
/** A JSON object input: given inline, or read from its .json file once every input has been parsed. */
function readJsonObject(input, source, workspace, problems) {
    if (source === undefined)
        return undefined;
    if (source.kind === 'inline')
        return source.value;
    const given = shown(input, source.path);
    const problem = (expected) => {
        problems.push(`'${input}': given ${given}; expected ${expected}`);
        return undefined;
    };
    // Its contents are sent to Kosli: a relative path must not climb out of the workspace.
    if ((0,src_workspace/* leavesWorkspace */.ck)(source.path)) {
        return problem('a .json file inside the workspace (give an absolute path if you mean it)');
    }
    let text;
    try {
        // Its real path: a committed symlink must not lead a relative path out of the workspace.
        const real = external_node_fs_.realpathSync(external_node_path_.resolve(workspace, source.path));
        if (!external_node_path_.isAbsolute(source.path) && !(0,src_workspace/* isInside */.FK)((0,src_workspace/* realWorkspace */.id)(workspace), real)) {
            return problem(`a .json file inside the workspace, but it leads out of it to ${JSON.stringify(real)} (through a symlink; give an absolute path if you mean it)`);
        }
        text = external_node_fs_.readFileSync(real, 'utf8');
    }
    catch (error) {
        return problem(`a readable .json file (${error.code})`);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        // JSON.parse's message quotes the text; the place is enough, and the text may be private.
        return problem(`valid JSON in the file ${source.path} (${(0,json_error/* jsonErrorLocation */.s)(text)})`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return problem(`a JSON object in the file ${source.path}, not ${describeJsonType(parsed)}`);
    }
    return parsed;
}

;// CONCATENATED MODULE: ./src/inputs/index.ts





// EXTERNAL MODULE: ./src/kosli/client.ts + 1 modules
var client = __nccwpck_require__(3210);
// EXTERNAL MODULE: ./src/kosli/errors.ts
var errors = __nccwpck_require__(8633);
// EXTERNAL MODULE: ./src/provenance/index.ts + 6 modules
var src_provenance = __nccwpck_require__(3623);
// EXTERNAL MODULE: ./src/github/reader.ts
var reader = __nccwpck_require__(4068);
// EXTERNAL MODULE: ./src/print.ts
var print = __nccwpck_require__(3996);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __nccwpck_require__(6670);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __nccwpck_require__(1532);
// EXTERNAL MODULE: ./src/kosli/artifacts.ts
var kosli_artifacts = __nccwpck_require__(9155);
// EXTERNAL MODULE: ./src/kosli/payloads.ts
var payloads = __nccwpck_require__(3361);
;// CONCATENATED MODULE: ./src/stages/report.ts







/** Requests in flight to Kosli at once when reporting several artifacts. */
const REPORT_CONCURRENCY = 4;
/** Reports every artifact with its provenance; the failures are returned, not thrown. */
async function reportArtifacts(settings, artifacts, provenance, deps) {
    const results = await (0,concurrency/* settleLimit */.X)(artifacts, REPORT_CONCURRENCY, artifact => (0,kosli_artifacts/* reportArtifact */.x8)(deps.kosli, settings.where, (0,payloads/* buildArtifactPayload */.p8)(settings.fields, artifact, provenance)));
    const failures = [];
    const reported = results.map((result, index) => {
        const artifact = artifacts[index];
        if (result.status === 'fulfilled') {
            if (!settings.dryRun) {
                deps.log(`Reported ${(0,print/* inert */.tJ)(artifact.name)} to Kosli: ${(0,print/* inert */.tJ)(artifact.url)}`);
            }
            return { ...artifact, reported: true };
        }
        failures.push(result.reason);
        const error = (0,redact/* redactSecrets */.fp)((0,error_message/* messageOf */.b)(result.reason), deps.secrets);
        return { ...artifact, reported: false, error };
    });
    if (failures.length === 0)
        return { artifacts: reported };
    const total = reported.length;
    if (total === 1)
        return { artifacts: reported, failure: failures[0] };
    const failed = reported.filter(artifact => artifact.reported === false);
    const failure = new PartialReportError(`Reported ${total - failed.length} of ${total} artifacts; these were not reported:\n${failed
        .map(artifact => `- ${(0,print/* inert */.tJ)(artifact.name)}: ${(0,print/* inert */.tJ)(artifact.error ?? '')}`)
        .join('\n')}`, failures.every(errors/* isKosliUnavailable */.xf));
    return { artifacts: reported, failure };
}
/** Some artifacts of several were not reported; `unavailable` when Kosli was down for all of them. */
class PartialReportError extends Error {
    unavailable;
    constructor(message, unavailable) {
        super(message);
        this.unavailable = unavailable;
        this.name = 'PartialReportError';
    }
}

;// CONCATENATED MODULE: ./src/stages/resolve-artifacts.ts
// The stage convention (every file in src/stages/): a stage declares the few settings it needs as
// its own type, takes its dependencies (Kosli client, Octokit, log, pool) as parameters, returns its
// results and changes nothing it did not create. main.ts builds the settings from Config, computes
// every default once, and only sequences the stages.



function kosliArtifactUrl(links, fingerprint) {
    const segments = [links.org, 'flows', links.flow, 'artifacts', fingerprint];
    return `${links.host}/${segments.map(encodeURIComponent).join('/')}`;
}
/** Fingerprints build output, or takes the given digest: the artifacts this step reports. */
async function resolveLocalArtifacts(settings) {
    const { links, workspace } = settings;
    const withUrl = (fields) => ({
        ...fields,
        url: kosliArtifactUrl(links, fields.fingerprint)
    });
    if (settings.fingerprint) {
        const name = settings.displayName ?? settings.templateReferenceName ?? settings.fallbackName;
        return [withUrl({ name, fingerprint: settings.fingerprint, type: 'digest' })];
    }
    if (settings.artifactType === 'docker' || settings.artifactType === 'oci') {
        const type = settings.artifactType;
        // Each engine is loaded only for its own artifact type, so a run does not parse the others.
        const fingerprintImage = type === 'docker'
            ? (await __nccwpck_require__.e(/* import() */ 550).then(__nccwpck_require__.bind(__nccwpck_require__, 3550))).fingerprintDockerImage
            : (await __nccwpck_require__.e(/* import() */ 145).then(__nccwpck_require__.bind(__nccwpck_require__, 7145))).fingerprintOciImage;
        return (0,concurrency/* mapLimit */.s)(settings.artifacts, 4, async (reference) => {
            const image = await fingerprintImage(reference, settings.registry);
            const name = settings.artifacts.length === 1 ? (settings.displayName ?? reference) : reference;
            return withUrl({
                name,
                fingerprint: image.fingerprint,
                type,
                reference: image.digestReference
            });
        });
    }
    const { resolveArtifactPaths, fingerprintArtifact } = await Promise.all(/* import() */[__nccwpck_require__.e(581), __nccwpck_require__.e(596), __nccwpck_require__.e(622)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3622));
    const { HashPool } = await __nccwpck_require__.e(/* import() */ 596).then(__nccwpck_require__.bind(__nccwpck_require__, 9596));
    const paths = await resolveArtifactPaths(settings.artifacts, workspace);
    const single = paths.length === 1;
    // One pool of hashing threads for every artifact; the deadline covers all of them.
    const pool = new HashPool({ timeoutSeconds: settings.fingerprintTimeoutSeconds });
    try {
        // Walks run on this thread; a few at once keep the shared workers fed between directories.
        return await (0,concurrency/* mapLimit */.s)(paths, 4, async (absolute) => {
            const type = settings.artifactType === 'file' || settings.artifactType === 'dir'
                ? settings.artifactType
                : 'auto';
            const result = await fingerprintArtifact(absolute, type, settings.excludes, pool);
            const relative = external_node_path_.relative(workspace, absolute).split(external_node_path_.sep).join('/') || '.';
            const name = single ? (settings.displayName ?? external_node_path_.basename(absolute)) : relative;
            return withUrl({ name, fingerprint: result.fingerprint, type: result.type, path: relative });
        });
    }
    finally {
        await pool.close();
    }
}
/** The artifacts Kosli holds for the commit, filtered by template reference name or display name. */
async function resolveKosliArtifacts(settings, kosli) {
    const { links, gitCommit, templateReferenceName, displayName } = settings;
    const found = await (0,kosli_artifacts/* findArtifactsByCommit */.zz)(kosli, links, gitCommit, settings.trail);
    const wanted = found.filter(item => {
        if (templateReferenceName)
            return item.template_reference_name === templateReferenceName;
        if (displayName) {
            return item.filename === displayName || lastSegment(item.filename) === displayName;
        }
        return true;
    });
    if (wanted.length === 0) {
        const filter = templateReferenceName
            ? ` with template-reference-name "${templateReferenceName}"`
            : displayName
                ? ` named "${displayName}"`
                : '';
        const trail = settings.trail ? ` in trail "${settings.trail}"` : '';
        const seen = found.length > 0 ? ` (it holds: ${found.map(item => item.filename).join(', ')})` : '';
        throw new Error(`No artifact${filter} was found in Kosli flow "${links.flow}"${trail} for commit ${gitCommit}${seen}. ` +
            'Report the artifact from the build job first, or give artifact or fingerprint.');
    }
    return wanted.map(item => ({
        name: item.filename,
        fingerprint: item.fingerprint,
        type: 'kosli',
        templateReferenceName: item.template_reference_name ?? undefined,
        complianceState: item.state ?? undefined,
        stateInfo: item.state_info ?? undefined,
        url: kosliArtifactUrl(links, item.fingerprint)
    }));
}
function lastSegment(name) {
    return name.split('/').pop() ?? name;
}

// EXTERNAL MODULE: ./src/fingerprint/oci/auth.ts
var auth = __nccwpck_require__(4062);
;// CONCATENATED MODULE: ./src/settings.ts
// The registry's auth and reference modules only: the registry client loads when an image is asked.


// Settings that the main action and the sub-actions build the same way from their inputs.
/** Where registry credentials come from; username and password go to one registry only. */
function registryCredentials(config) {
    let registry = config.registry;
    try {
        registry ??=
            config.artifacts.length > 0 ? (0,oci_reference/* parseImageReference */.o_)(config.artifacts[0]).registry : undefined;
    }
    catch {
        // An invalid reference is refused with the inputs; it has no registry to send anything to.
    }
    return {
        username: config.registryUsername,
        password: config.registryPassword,
        registry,
        // Only ever sent to ghcr.io.
        githubToken: config.githubToken,
        env: process.env
    };
}
/** The secrets among the inputs: hidden from every line this step prints, errors included. */
function secretsOf(config, registry) {
    // Registry credentials from any source, the docker config's included, in every form they take.
    const fromRegistry = config.artifactType === 'oci' ? (0,auth/* registrySecrets */.ZN)(registry) : [];
    return [config.apiToken, config.githubToken, config.registryPassword, ...fromRegistry].filter((secret) => Boolean(secret));
}
/** What the artifacts stage needs to fingerprint build output or take a given digest. */
function localArtifactSettings(config, ctx, links, registry = registryCredentials(config)) {
    return {
        links,
        artifacts: config.artifacts,
        artifactType: config.artifactType,
        fingerprint: config.fingerprint,
        displayName: config.displayName,
        templateReferenceName: config.templateReferenceName,
        excludes: config.excludes,
        fingerprintTimeoutSeconds: config.fingerprintTimeoutSeconds,
        registry: {
            ...registry,
            timeoutMs: config.requestTimeoutSeconds * 1000,
            maxRetries: config.maxRetries
        },
        workspace: ctx.workspace,
        fallbackName: ctx.repo
    };
}

// EXTERNAL MODULE: ./src/summary.ts
var summary = __nccwpck_require__(8855);
;// CONCATENATED MODULE: ./src/main.ts












/** Every stage's settings, built from the inputs once: every default is computed here. */
function stageSettings(config, ctx, plan) {
    const gitCommit = plan.gitCommit;
    const where = { org: config.org, flow: config.flow };
    const links = { ...where, host: config.host };
    const buildUrl = config.buildUrl ?? (0,src_provenance/* defaultBuildUrl */.xv)(ctx);
    const commitUrl = config.commitUrl ?? (0,src_provenance/* defaultCommitUrl */.w1)(ctx, gitCommit);
    const registry = registryCredentials(config);
    const provenance = {
        gitCommit,
        commitsBase: config.commitsBase ?? (0,src_provenance/* defaultCommitsBase */.Hj)(ctx),
        buildUrl,
        commitUrl,
        repoUrl: config.repoUrl,
        redact: config.redactCommitInfo
    };
    const localArtifacts = localArtifactSettings(config, ctx, links, registry);
    const kosliArtifacts = {
        links,
        gitCommit,
        trail: config.trail,
        templateReferenceName: config.templateReferenceName,
        displayName: config.displayName
    };
    const report = {
        where,
        fields: {
            trail: config.trail,
            templateReferenceName: config.templateReferenceName,
            description: config.description,
            isCompliant: config.isCompliant,
            template: config.template,
            externalUrls: config.externalUrls,
            annotations: config.annotations,
            userData: config.userData
        },
        dryRun: config.dryRun
    };
    const approval = config.approval;
    const approvals = approval === 'none'
        ? undefined
        : {
            where,
            approval,
            environment: config.approvalEnvironment,
            description: config.approvalDescription ??
                (approval === 'approve'
                    ? `Approved in ${ctx.workflow} run ${ctx.runNumber}`
                    : `Approval requested in ${ctx.workflow} run ${ctx.runNumber}`),
            approver: config.approver ?? ctx.actor,
            oldestCommit: config.oldestCommit,
            gitCommit,
            buildUrl,
            dryRun: config.dryRun,
            ctx
        };
    const compliance = {
        where,
        gitCommit,
        trail: config.trail,
        keepNames: config.displayName !== undefined
    };
    const gate = {
        org: config.org,
        flow: config.flow,
        environment: config.kosliEnvironment
    };
    const beginsTrail = config.beginTrail || config.trailTemplate !== undefined;
    const flowTrail = config.flowTemplate === undefined && !beginsTrail
        ? undefined
        : {
            ...where,
            workspace: ctx.workspace,
            dryRun: config.dryRun,
            flowTemplate: config.flowTemplate,
            flowDescription: config.flowDescription,
            trail: beginsTrail
                ? {
                    name: config.trail ?? gitCommit,
                    template: config.trailTemplate,
                    description: config.trailDescription,
                    // The run, not the attempt: every attempt updates the same trail.
                    originUrl: `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}`,
                    repoInfo: ctx.repositoryId
                        ? {
                            name: ctx.repository,
                            url: `${ctx.serverUrl}/${ctx.repository}`,
                            id: ctx.repositoryId,
                            provider: 'github'
                        }
                        : undefined
                }
                : undefined
        };
    const environment = plan.deploymentEnvironment;
    const deployments = environment === undefined
        ? undefined
        : {
            org: config.githubOrg ?? ctx.owner,
            owner: ctx.owner,
            repo: ctx.repo,
            apiUrl: ctx.apiUrl,
            environment,
            physicalEnvironment: config.physicalEnvironment,
            cluster: config.cluster,
            deploymentName: config.deploymentName,
            version: config.deploymentVersion ??
                (ctx.refType === 'tag' && ctx.refName ? ctx.refName : gitCommit.slice(0, 7)),
            status: config.deploymentStatus,
            tags: config.deploymentTags,
            runtimeRisks: config.runtimeRisks,
            templateReferenceName: config.templateReferenceName,
            dryRun: config.dryRun
        };
    return {
        trail: plan.report || beginsTrail ? (config.trail ?? gitCommit) : config.trail,
        commitUrl,
        secrets: secretsOf(config, registry),
        provenance,
        localArtifacts,
        kosliArtifacts,
        report,
        approvals,
        compliance,
        gate,
        flowTrail,
        deployments
    };
}
/**
 * Runs the stages in order: provenance → artifacts → report → approvals → deployments, then writes
 * the outputs and the summary from what they returned, also when one of them failed.
 */
async function run(config, ctx) {
    const plan = planRun(config, ctx);
    const settings = stageSettings(config, ctx, plan);
    const { secrets } = settings;
    const timeoutMs = config.requestTimeoutSeconds * 1000;
    // Every line this step prints goes through it: a server may echo a token back.
    const redacted = (0,redact/* redactingLog */.KR)(redact/* coreLog */.uu, () => secrets);
    const kosli = new client/* KosliClient */.O({
        host: config.host,
        token: config.apiToken,
        timeoutMs,
        maxRetries: config.maxRetries,
        dryRun: config.dryRun,
        onUnavailable: config.onKosliUnavailable,
        log: redacted
    });
    // Octokit is loaded and made when a stage first needs GitHub, once for the run.
    let octokit;
    const github = () => (octokit ??= Promise.all(/* import() */[__nccwpck_require__.e(891), __nccwpck_require__.e(702)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6702)).then(({ createOctokit }) => createOctokit({
        token: config.githubToken,
        baseUrl: ctx.apiUrl,
        maxRetries: config.maxRetries,
        timeoutMs,
        log: redacted
    })));
    // Provenance reads go through a small GET client; without a token the GitHub API is not
    // asked at all: local git answers instead.
    const githubReader = config.githubToken
        ? (0,reader/* createGitHubReader */.r9)({
            token: config.githubToken,
            baseUrl: ctx.apiUrl,
            maxRetries: config.maxRetries,
            timeoutMs,
            log: redacted
        })
        : undefined;
    const git = (0,src_provenance/* createLocalGit */.sv)(ctx.workspace);
    const log = (line) => redacted.info(line);
    if (config.dryRun)
        redacted.info('Dry run: reads are sent, writes are printed instead of sent.');
    // What the stages returned so far: the outputs and the summary are written from these.
    let provenance;
    let artifacts = [];
    let approvals = [];
    let deployments = [];
    let gateNotChecked;
    let trailState;
    let flowTrailDone = {};
    let ending = {};
    const outcome = () => ({
        dryRun: config.dryRun,
        org: config.org,
        flow: config.flow,
        host: config.host,
        gitCommit: plan.gitCommit,
        // A report links the commit only once its provenance is read.
        commitUrl: plan.report ? provenance?.commitUrl : settings.commitUrl,
        trail: settings.trail,
        commitsCount: provenance?.commitsList.length,
        artifacts,
        approvals,
        deployments,
        reports: plan.report,
        gateNotChecked,
        trailState,
        ...flowTrailDone,
        ...ending
    });
    try {
        // flow → trail: templates are checked before any request (Kosli or GitHub), then written.
        // Loaded only when asked, so a plain report loads no YAML or multipart code.
        const flowTrail = settings.flowTrail && (await Promise.all(/* import() */[__nccwpck_require__.e(816), __nccwpck_require__.e(879), __nccwpck_require__.e(815), __nccwpck_require__.e(669), __nccwpck_require__.e(150)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5150)));
        if (flowTrail && settings.flowTrail) {
            const templates = await flowTrail.checkTemplates(settings.flowTrail);
            const done = await flowTrail.ensureFlowAndTrail(settings.flowTrail, templates, { sha1: plan.gitCommit, url: settings.commitUrl }, { kosli, log: redacted });
            flowTrailDone = { flowTemplated: done.flowDescription !== undefined, trailBegun: done.trail };
        }
        if (plan.report) {
            provenance = await (0,src_provenance/* gatherProvenance */._G)(ctx, settings.provenance, {
                github: githubReader,
                git,
                log
            });
            redacted.startGroup('Provenance');
            for (const source of provenance.sources)
                log(source);
            redacted.endGroup();
            for (const warning of provenance.warnings)
                redacted.warning(warning);
        }
        // A step may only create the flow and begin the trail: then there is no artifact.
        const local = config.artifacts.length > 0 || config.fingerprint !== undefined;
        artifacts = plan.fromKosli
            ? await resolveKosliArtifacts(settings.kosliArtifacts, kosli)
            : local
                ? await resolveLocalArtifacts(settings.localArtifacts)
                : [];
        for (const artifact of artifacts) {
            log(`${(0,print/* inert */.tJ)(artifact.name)}: ${(0,print/* inert */.tJ)(artifact.fingerprint)} (${artifact.type})`);
        }
        if (provenance) {
            const report = await reportArtifacts(settings.report, artifacts, provenance, {
                kosli,
                log,
                secrets
            });
            artifacts = report.artifacts;
            if (report.failure !== undefined)
                throw report.failure;
        }
        if (settings.approvals) {
            const { createApprovals } = await Promise.all(/* import() */[__nccwpck_require__.e(816), __nccwpck_require__.e(454)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2073));
            approvals = await createApprovals(settings.approvals, artifacts, {
                kosli,
                github: githubReader,
                git,
                log
            });
        }
        if (settings.deployments) {
            const { addComplianceStates, recordDeployments, requireCompliant } = await Promise.all(/* import() */[__nccwpck_require__.e(816), __nccwpck_require__.e(318)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6318));
            try {
                if (!plan.fromKosli && config.apiToken) {
                    artifacts = await addComplianceStates(settings.compliance, artifacts, kosli);
                }
                if (config.requireCompliant) {
                    await requireCompliant(settings.gate, artifacts, { kosli, log: redacted });
                }
            }
            catch (error) {
                // The records say what happened and need only GitHub; a gate never passes silently.
                if (!((0,errors/* isKosliUnavailable */.xf)(error) && config.onKosliUnavailable === 'warn'))
                    throw error;
                const text = (0,redact/* redactSecrets */.fp)((0,error_message/* messageOf */.b)(error), secrets);
                artifacts = artifacts.map(artifact => ({
                    ...artifact,
                    complianceState: undefined,
                    stateInfo: undefined
                }));
                if (config.requireCompliant)
                    gateNotChecked = text;
                redacted.warning(config.requireCompliant
                    ? `Kosli is unavailable, so the require-compliant gate was skipped: nothing was checked, compliance-state is empty, and the deployment records are still written (on-kosli-unavailable: warn): ${text}`
                    : `Kosli is unavailable, so the compliance states are not known; the deployment records are still written (on-kosli-unavailable: warn): ${text}`);
            }
            deployments = await recordDeployments(settings.deployments, artifacts, {
                octokit: await github(),
                log: redacted
            });
        }
        // The trail begun here, in the summary: one read, and a failed one is only a warning.
        const begun = settings.flowTrail?.trail;
        if (begun && config.apiToken && !config.dryRun) {
            const summaries = await Promise.all(/* import() */[__nccwpck_require__.e(816), __nccwpck_require__.e(879), __nccwpck_require__.e(669), __nccwpck_require__.e(375)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1375));
            const where = { host: config.host, org: config.org, flow: config.flow, trail: begun.name };
            const state = await summaries.readTrailState(kosli, where, redacted);
            trailState = summaries.renderTrail(state, summary/* SUMMARY_LIMIT */.Jt / 4);
        }
        return outcome();
    }
    catch (error) {
        const text = (0,redact/* redactSecrets */.fp)((0,error_message/* messageOf */.b)(error), secrets);
        if (unavailable(error) && config.onKosliUnavailable === 'warn') {
            ending = { kosliUnavailable: text };
            // A gate that never ran must not read as passed.
            const gateSkipped = config.requireCompliant && settings.deployments !== undefined;
            if (gateSkipped)
                gateNotChecked ??= text;
            redacted.warning(`Kosli is unavailable, so this step recorded nothing more${gateSkipped ? ' (the require-compliant gate was skipped: not checked)' : ''} and ends successfully (on-kosli-unavailable: warn): ${text}`);
            return outcome();
        }
        ending = { error: text };
        throw (0,error_message/* withMessage */.E)(error, text);
    }
    finally {
        const final = outcome();
        (0,summary/* setOutputs */.n0)(final);
        await (0,summary/* writeSummary */.Sy)(final);
    }
}
function unavailable(error) {
    return (0,errors/* isKosliUnavailable */.xf)(error) || (error instanceof PartialReportError && error.unavailable);
}

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __nccwpck_require__(6137);
;// CONCATENATED MODULE: ./src/step.ts







// The step of each action (the main one, attest/, assert/): read its inputs once, mask the
// secrets among them, parse, run, and turn any failure into a failed step.
/** The action's inputs, each read exactly once, and the secret values among them. */
function readInputs(action, env) {
    const raw = {};
    const secrets = [];
    for (const name of inputsOf(action)) {
        raw[name] = (0,workflow_commands/* getInput */.V4)(name, { trimWhitespace: false });
        if (!SECRET_INPUTS.has(name))
            continue;
        // The KOSLI_* variable an empty input falls back to is just as secret.
        const variable = envFallback(name, action);
        for (const value of [raw[name], variable ? env[variable] : undefined]) {
            if (value && value.trim())
                secrets.push(value, value.trim());
        }
    }
    return { raw, secrets };
}
/**
 * Runs one action's step: its code gets parsed inputs and the run's context, never getInput,
 * so tests call it directly. Bad inputs stop the step before it writes its own summary, so a short
 * one names what to fix.
 */
async function runStep(action, step, env = process.env) {
    let secrets = [];
    try {
        const inputs = readInputs(action, env);
        secrets = inputs.secrets;
        for (const secret of secrets)
            (0,workflow_commands/* setSecret */.Pq)(secret);
        const ctx = (0,context/* readRunContext */.$p)(env);
        await step(parseInputs(inputs.raw, env, ctx.workspace, action), ctx);
    }
    catch (error) {
        if (error instanceof InputError) {
            await (0,summary/* writeInputSummary */.cP)(error.problems.map(problem => (0,redact/* redactSecrets */.fp)(problem, secrets)));
        }
        print/* print */.yy.setFailed((0,redact/* redactSecrets */.fp)((0,error_message/* messageOf */.b)(error), secrets));
    }
}

;// CONCATENATED MODULE: ./src/action.ts


/** The main action's step. dist/index.js runs it through src/index.ts; `npm run local-action` calls it. */
function runAction() {
    return runStep('main', run);
}

;// CONCATENATED MODULE: ./src/unexpected.ts

/**
 * Node would print a stray error's stack to stderr as it is, and the runner reads commands there
 * too; so it fails the step through the printer instead.
 */
function failUnexpectedly(reason) {
    print/* print */.yy.setFailed(`Unexpected error: ${reason instanceof Error ? reason.message : String(reason)}`);
}

;// CONCATENATED MODULE: ./src/index.ts


process.on('uncaughtException', failUnexpectedly);
process.on('unhandledRejection', failUnexpectedly);
void runAction();

