export const id = 82;
export const ids = [82];
export const modules = {

/***/ 3082:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  resolveLocalArtifacts: () => (/* binding */ resolveLocalArtifacts)
});

// UNUSED EXPORTS: kosliArtifactUrl, resolveKosliArtifacts

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/concurrency.ts
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

// EXTERNAL MODULE: ./src/fingerprint/paths.ts + 9 modules
var fingerprint_paths = __webpack_require__(1629);
// EXTERNAL MODULE: ./src/fingerprint/directory.ts + 1 modules
var directory = __webpack_require__(9776);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 5 modules
var exec = __webpack_require__(2876);
;// CONCATENATED MODULE: ./src/fingerprint/docker.ts

const REPO_DIGEST = /^(.+)@sha256:([0-9a-f]{64})$/;
/**
 * The fingerprint of a local image: the digest in its RepoDigests, chosen by the reference's
 * repository where there are several. Needs the Docker CLI and a reachable engine.
 */
async function fingerprintDockerImage(reference) {
    const repoDigests = await inspectRepoDigests(reference);
    return chooseRepoDigest(reference, repoDigests);
}
async function inspectRepoDigests(reference) {
    const args = ['image', 'inspect', '--format', '{{json .RepoDigests}}', reference];
    let output;
    try {
        output = await (0,exec/* getExecOutput */.H)('docker', args, { silent: true, ignoreReturnCode: true });
    }
    catch (error) {
        if (/Unable to locate executable file/.test(error.message)) {
            throw new Error('docker not found: the docker artifact type needs the Docker CLI and engine on the runner; ' +
                'or use artifact-type: oci / give the fingerprint input');
        }
        throw new Error(`Could not run 'docker image inspect ${reference}': ${error.message}`);
    }
    const stderr = output.stderr.trim();
    if (output.exitCode !== 0)
        throw inspectFailure(reference, output.exitCode, stderr);
    const text = output.stdout.trim();
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new Error(`'docker image inspect ${reference}' printed something that is not a JSON list of repo digests: ${text}`);
    }
    if (parsed === null)
        return [];
    if (!Array.isArray(parsed) || !parsed.every(item => typeof item === 'string')) {
        throw new Error(`'docker image inspect ${reference}' printed something that is not a JSON list of repo digests: ${text}`);
    }
    return parsed;
}
function inspectFailure(reference, exitCode, stderr) {
    if (/no such (image|object)/i.test(stderr)) {
        return new Error(`Docker image '${reference}' was not found in the local Docker engine: build or pull it ` +
            `before this step, or use artifact-type: oci to ask its registry (${stderr})`);
    }
    if (/cannot connect to the docker daemon|permission denied while trying to connect/i.test(stderr)) {
        return new Error(`The Docker engine is not reachable for image '${reference}': ${stderr}. Start Docker on the ` +
            `runner, or use artifact-type: oci / give the fingerprint input`);
    }
    return new Error(`'docker image inspect ${reference}' failed with exit code ${exitCode}: ${stderr || '(no output)'}`);
}
/** Picks the RepoDigest for `reference`; exported for tests of the choice alone. */
function chooseRepoDigest(reference, repoDigests) {
    const parsed = repoDigests.map(entry => {
        const match = REPO_DIGEST.exec(entry.trim());
        if (!match) {
            throw new Error(`Docker image '${reference}' has a repo digest Kosli cannot use: '${entry}'`);
        }
        return { digestReference: entry.trim(), repository: match[1], fingerprint: match[2] };
    });
    if (parsed.length === 0) {
        throw new Error(`Docker image '${reference}' has no repo digest: it was built but never pushed to (or pulled ` +
            `from) a registry, and only a registry assigns the digest. Push it before this step, or pass ` +
            `docker/build-push-action's 'digest' output as the fingerprint input`);
    }
    const pinned = /@sha256:([0-9a-fA-F]{64})$/.exec(reference)?.[1]?.toLowerCase();
    const byPin = parsed.find(candidate => candidate.fingerprint === pinned);
    if (byPin)
        return pick(byPin);
    const wanted = normaliseRepository(reference);
    const matching = parsed.filter(candidate => normaliseRepository(candidate.repository) === wanted);
    if (matching.length > 0 && distinctDigests(matching) === 1)
        return pick(matching[0]);
    // An image ID, or a tag of another name: still unambiguous when every digest is the same.
    if (matching.length === 0 && distinctDigests(parsed) === 1)
        return pick(parsed[0]);
    const listed = parsed.map(candidate => candidate.digestReference).join(', ');
    if (matching.length > 0) {
        throw new Error(`Docker image '${reference}' has several different digests for its repository (${listed}); ` +
            `name it by digest (repo@sha256:…) or give the fingerprint input`);
    }
    throw new Error(`Docker image '${reference}' has repo digests only for other repositories (${listed}); ` +
        `name it by one of those repositories, or give the fingerprint input`);
}
function pick(candidate) {
    return { fingerprint: candidate.fingerprint, digestReference: candidate.digestReference };
}
function distinctDigests(candidates) {
    return new Set(candidates.map(candidate => candidate.fingerprint)).size;
}
/** `nginx:1.27` → `docker.io/library/nginx`, `ghcr.io/acme/app@sha256:…` → `ghcr.io/acme/app`. */
function normaliseRepository(reference) {
    let name = reference.trim();
    const at = name.indexOf('@');
    if (at !== -1)
        name = name.slice(0, at);
    const colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/'))
        name = name.slice(0, colon);
    const parts = name.split('/');
    let registry = 'docker.io';
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) {
        registry = parts.shift().toLowerCase();
    }
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io')
        registry = 'docker.io';
    if (registry === 'docker.io' && parts.length === 1)
        parts.unshift('library');
    return `${registry}/${parts.join('/')}`;
}

// EXTERNAL MODULE: ./src/fingerprint/pool.ts + 1 modules
var fingerprint_pool = __webpack_require__(4413);
;// CONCATENATED MODULE: ./src/fingerprint/index.ts






// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/http/request.ts + 3 modules
var request = __webpack_require__(7008);
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
            throw this.denied(response.status, registryError(text), `GET ${url.origin}${url.pathname}`);
        }
        if (response.status < 200 || response.status >= 300) {
            throw new Error(`The token service ${url.origin}${url.pathname} of registry ${this.image.registry} answered ` +
                `${response.status} for ${this.where}${describeError(registryError(text))}`);
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
        const error = registryError(response.body.toString('utf8'));
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
function registryError(text) {
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
    const plain = text.trim().replace(/\s+/g, ' ');
    return plain ? { message: plain.length > 200 ? `${plain.slice(0, 200)}…` : plain } : {};
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
    const reason = (0,network_error/* describeNetworkError */.g)(error.cause);
    if ((0,network_error/* isTlsError */.s)(error.cause)) {
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

// EXTERNAL MODULE: ./src/kosli/artifacts.ts
var artifacts = __webpack_require__(9155);
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
        return mapLimit(settings.artifacts, 4, async (reference) => {
            const image = type === 'docker'
                ? await fingerprintDockerImage(reference)
                : await fingerprintOciImage(reference, settings.registry);
            const name = settings.artifacts.length === 1 ? (settings.displayName ?? reference) : reference;
            return withUrl({
                name,
                fingerprint: image.fingerprint,
                type,
                reference: image.digestReference
            });
        });
    }
    const paths = await (0,fingerprint_paths/* resolveArtifactPaths */.T0)(settings.artifacts, workspace);
    const single = paths.length === 1;
    // One pool of hashing threads for every artifact; the deadline covers all of them.
    const pool = new fingerprint_pool/* HashPool */.vO({ timeoutSeconds: settings.fingerprintTimeoutSeconds });
    try {
        // Walks run on this thread; a few at once keep the shared workers fed between directories.
        return await mapLimit(paths, 4, async (absolute) => {
            const type = settings.artifactType === 'file' || settings.artifactType === 'dir'
                ? settings.artifactType
                : 'auto';
            const result = await (0,fingerprint_paths/* fingerprintArtifact */.dI)(absolute, type, settings.excludes, pool);
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
    const found = await findArtifactsByCommit(kosli, links, gitCommit, settings.trail);
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


/***/ })

};
