export const id = 145;
export const ids = [145];
export const modules = {

/***/ 7145:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fingerprintOciImage: () => (/* binding */ fingerprintOciImage),
  parseImageReference: () => (/* reexport */ oci_reference/* parseImageReference */.o_),
  registrySecrets: () => (/* reexport */ auth/* registrySecrets */.ZN)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/http/request.ts + 1 modules
var request = __webpack_require__(6657);
// EXTERNAL MODULE: ./src/http/answer.ts
var answer = __webpack_require__(9856);
// EXTERNAL MODULE: ./src/http/network-error.ts
var network_error = __webpack_require__(137);
// EXTERNAL MODULE: ./src/fingerprint/oci/auth.ts
var auth = __webpack_require__(4062);
// EXTERNAL MODULE: ./src/fingerprint/oci/reference.ts
var oci_reference = __webpack_require__(8267);
;// CONCATENATED MODULE: ./src/fingerprint/oci/registry.ts






/** Every manifest kind a registry may serve for an image: OCI and Docker schema 2, single and multi. */
const MANIFEST_ACCEPT = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
/** The most of a manifest (or a token service's answer) that is read. */
const MANIFEST_CAP = 4 * 1024 * 1024;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** One conversation with one registry about one repository: the auth it won is reused. */
class RegistrySession {
    image;
    authorization;
    challenged = false;
    tried = ['anonymous'];
    notes;
    credentials;
    base;
    timeoutMs;
    http;
    bearer;
    constructor(image, given) {
        this.image = image;
        const choice = (0,auth/* chooseCredentials */.Mk)(image.registry, given);
        this.credentials = choice.credentials;
        this.notes = choice.notes;
        this.base = `${image.insecure ? 'http' : 'https'}://${image.registry}`;
        this.timeoutMs = given.timeoutMs && given.timeoutMs > 0 ? given.timeoutMs : DEFAULT_TIMEOUT_MS;
        const secrets = () => [
            given.password,
            given.githubToken,
            this.credentials?.password,
            this.credentials ? basicAuth(this.credentials) : undefined,
            this.bearer
        ].filter((secret) => Boolean(secret));
        this.http = {
            timeoutMs: this.timeoutMs,
            maxRetries: given.maxRetries ?? DEFAULT_MAX_RETRIES,
            retryBaseMs: given.retryBaseMs,
            bodyCap: MANIFEST_CAP,
            secrets
        };
    }
    get where() {
        return `${this.image.registry}/${this.image.repository}`;
    }
    /** Sends a manifest request, answering an auth challenge once. */
    async manifest(method, ref) {
        const pathname = `/v2/${this.image.repository}/manifests/${ref}`;
        const response = await this.send(method, pathname);
        if (response.status !== 401 || this.challenged)
            return response;
        this.challenged = true;
        const challenges = (0,auth/* parseWwwAuthenticate */.qd)(response.headers.get('www-authenticate'));
        const bearer = challenges.find(challenge => challenge.scheme === 'bearer');
        const basic = challenges.find(challenge => challenge.scheme === 'basic');
        if (bearer) {
            this.bearer = await this.token(bearer);
            this.authorization = `Bearer ${this.bearer}`;
        }
        else if (basic) {
            if (!this.credentials)
                throw this.denied(401, {}, `${method} ${pathname}`);
            this.tried.push(this.credentials.source);
            this.authorization = `Basic ${basicAuth(this.credentials)}`;
        }
        else {
            const schemes = challenges.map(challenge => challenge.scheme).join(', ') || 'none';
            throw new Error(`Registry ${this.image.registry} asks for an authentication scheme the action does not ` +
                `support (${schemes}) for ${this.where}; only Basic and Bearer are supported`);
        }
        return this.send(method, pathname);
    }
    /** Gets a bearer token from the challenge's realm, with Basic credentials when there are any. */
    async token(challenge) {
        const realm = challenge.params.realm;
        let url;
        try {
            url = new URL(realm ?? '');
        }
        catch {
            throw new Error(`Registry ${this.image.registry} answered a Bearer challenge without a usable realm ` +
                `('${realm ?? ''}') for ${this.where}`);
        }
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (0,oci_reference/* isLoopbackRegistry */.jW)(url.host))) {
            throw new Error(`Registry ${this.image.registry} names the token service ${url.origin}, which is not https; ` +
                `the action only asks plain-http token services on loopback addresses`);
        }
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        const scope = challenge.params.scope || `repository:${this.image.repository}:pull`;
        for (const part of scope.split(' ').filter(Boolean))
            url.searchParams.append('scope', part);
        const headers = { Accept: 'application/json' };
        if (this.credentials) {
            this.tried.push(this.credentials.source);
            headers.Authorization = `Basic ${basicAuth(this.credentials)}`;
        }
        const response = await this.fetch(url, 'GET', headers, `token service ${url.host}`);
        const text = response.body.toString('utf8');
        if (response.status === 401 || response.status === 403) {
            throw this.denied(response.status, registryError(text, this.http.secrets()), `GET ${url.origin}${url.pathname}`);
        }
        if (response.status < 200 || response.status >= 300) {
            throw new Error(`The token service ${url.origin}${url.pathname} of registry ${this.image.registry} answered ` +
                `${response.status} for ${this.where}${describeError(registryError(text, this.http.secrets()))}`);
        }
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            body = {};
        }
        const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
        if (typeof token !== 'string' || !token) {
            throw new Error(`The token service ${url.origin}${url.pathname} of registry ${this.image.registry} answered ` +
                `without a token (expected JSON with 'token' or 'access_token') for ${this.where}`);
        }
        return token;
    }
    async send(method, pathname) {
        const headers = { Accept: MANIFEST_ACCEPT };
        if (this.authorization)
            headers.Authorization = this.authorization;
        return this.fetch(new URL(pathname, this.base), method, headers, `registry ${this.image.registry}`);
    }
    async fetch(url, method, headers, what) {
        try {
            return await (0,request/* request */.Em)({ method, url, headers }, { ...this.http, service: what });
        }
        catch (error) {
            if (!(error instanceof request/* HttpError */.j$) || error.kind === 'too-large')
                throw error;
            throw unreachable(what, `${method} ${url.origin}${url.pathname}`, error, this.timeoutMs);
        }
    }
    denied(status, error, request) {
        const tried = this.tried.join(', then ');
        const hint = this.credentials
            ? `check that these credentials may pull ${this.where}`
            : `give registry-username and registry-password, or log in with docker/login-action before ` +
                `this step${this.image.registry === 'ghcr.io' ? ' (or let the github-token read packages: permissions: packages: read)' : ''}`;
        const notes = this.notes.length > 0 ? ` (${this.notes.join('; ')})` : '';
        return new Error(`Access denied to ${this.where}: tried ${tried}; ${request} answered ${status}` +
            `${describeError(error)}. ${hint[0].toUpperCase()}${hint.slice(1)}${notes}`);
    }
    failure(response, request) {
        const error = registryError(response.body.toString('utf8'), this.http.secrets());
        if (response.status === 401 || response.status === 403) {
            return this.denied(response.status, error, request);
        }
        if (response.status === 404) {
            const what = this.image.digest
                ? `Check the reference: the repository has no manifest with that digest`
                : `Check the reference, and that the image was pushed before this step`;
            return new Error(`Image or tag not found: ${this.image.display} (registry ${this.image.registry} answered ` +
                `404${describeError(error)} to ${request}). ${what}`);
        }
        return new Error(`Registry ${this.image.registry} answered ${response.status}${describeError(error)} to ` +
            `${request} for ${this.image.display}`);
    }
}
/**
 * Asks the registry for the digest of the manifest (or index) the reference names: HEAD first,
 * GET and hash the body when the registry leaves out Docker-Content-Digest.
 */
async function resolveManifestDigest(image, credentials) {
    const session = new RegistrySession(image, credentials);
    const ref = image.digest ?? image.tag ?? 'latest';
    const request = (method) => `${method} /v2/${image.repository}/manifests/${ref}`;
    const head = await session.manifest('HEAD', ref);
    let resolved;
    if (isSuccess(head)) {
        const header = head.headers.get('docker-content-digest')?.trim().toLowerCase();
        if (header && DIGEST.test(header)) {
            resolved = { digest: header, mediaType: mediaTypeOf(head) };
        }
    }
    // A HEAD answer has no body: on failure the GET below brings the registry's error code.
    if (!resolved) {
        const get = await session.manifest('GET', ref);
        if (!isSuccess(get))
            throw session.failure(get, request('GET'));
        resolved = {
            digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(get.body).digest('hex')}`,
            mediaType: mediaTypeOf(get)
        };
    }
    if (image.digest && resolved.digest !== image.digest) {
        throw new Error(`Registry ${image.registry} serves ${resolved.digest} for ${image.display}, not the ` +
            `digest the reference pins: the registry's content does not match; check the reference`);
    }
    return resolved;
}
function isSuccess(answer) {
    return answer.status >= 200 && answer.status < 300;
}
function mediaTypeOf(response) {
    return response.headers.get('content-type')?.split(';')[0].trim() || undefined;
}
function basicAuth(credentials) {
    return Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
}
function registryError(text, secrets) {
    try {
        const parsed = JSON.parse(text);
        const first = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
        if (first) {
            return {
                code: typeof first.code === 'string' ? first.code : undefined,
                message: typeof first.message === 'string' ? first.message : undefined
            };
        }
    }
    catch {
        // Not the distribution API's error JSON: keep a short plain-text message.
    }
    const plain = (0,answer/* excerpt */.Kb)(text, 200, secrets);
    return plain ? { message: plain } : {};
}
function describeError(error) {
    if (error.code && error.message)
        return ` ${error.code} (${error.message})`;
    if (error.code)
        return ` ${error.code}`;
    if (error.message)
        return ` (${error.message})`;
    return '';
}
/** A request that got no answer, as a message: which host, why, and what to check. */
function unreachable(what, request, error, timeoutMs) {
    const tries = error.attempts > 1 ? ` (${error.attempts} attempts)` : '';
    if (error.kind === 'timeout') {
        return new Error(`${capitalise(what)} unreachable: no answer within ${timeoutMs / 1000} s to ${request}${tries}. ` +
            `Check the registry host, and that the runner can reach it`);
    }
    const reason = (0,network_error/* describeNetworkError */.gl)(error.cause);
    if ((0,network_error/* isTlsError */.sl)(error.cause)) {
        return new Error(`${capitalise(what)} unreachable over https: ${reason} for ${request}${tries}. A plain-http ` +
            `registry on a loopback address is asked with an 'http://' prefix; a private CA goes in ` +
            `NODE_EXTRA_CA_CERTS`);
    }
    return new Error(`${capitalise(what)} unreachable: ${reason} for ${request}${tries}. Check the registry host ` +
        `and port, and that the runner can reach it`);
}
function capitalise(text) {
    return text[0].toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/fingerprint/oci/index.ts




/**
 * The fingerprint of an image in its registry, without a Docker engine: the manifest (or index)
 * digest the registry serves for the reference; a pinned `@sha256:` digest is verified there.
 */
async function fingerprintOciImage(reference, credentials) {
    const image = (0,oci_reference/* parseImageReference */.o_)(reference);
    const { digest } = await resolveManifestDigest(image, credentials);
    // docker.io is the name Docker, Kubernetes and docker config files use for Docker Hub.
    const registry = image.registry === oci_reference/* DOCKER_HUB_REGISTRY */.DJ ? 'docker.io' : image.registry;
    return {
        fingerprint: digest.slice('sha256:'.length),
        digestReference: `${registry}/${image.repository}@${digest}`,
        reference: image.display
    };
}


/***/ })

};
