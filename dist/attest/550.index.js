export const id = 550;
export const ids = [550];
export const modules = {

/***/ 3550:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   chooseRepoDigest: () => (/* binding */ chooseRepoDigest),
/* harmony export */   fingerprintDockerImage: () => (/* binding */ fingerprintDockerImage),
/* harmony export */   normaliseRepository: () => (/* binding */ normaliseRepository)
/* harmony export */ });
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
        // The same chunk as local git's: the bundle holds @actions/exec once, loaded on first use.
        const { getExecOutput } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 2876));
        output = await getExecOutput('docker', args, { silent: true, ignoreReturnCode: true });
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


/***/ })

};
