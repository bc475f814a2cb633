export const id = 814;
export const ids = [814];
export const modules = {

/***/ 4814:
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
        // Each engine is loaded only for its own artifact type, so a run does not parse the others.
        const fingerprintImage = type === 'docker'
            ? (await __webpack_require__.e(/* import() */ 550).then(__webpack_require__.bind(__webpack_require__, 3550))).fingerprintDockerImage
            : (await __webpack_require__.e(/* import() */ 145).then(__webpack_require__.bind(__webpack_require__, 7145))).fingerprintOciImage;
        return mapLimit(settings.artifacts, 4, async (reference) => {
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
    const { resolveArtifactPaths, fingerprintArtifact } = await Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(596), __webpack_require__.e(622)]).then(__webpack_require__.bind(__webpack_require__, 3622));
    const { HashPool } = await __webpack_require__.e(/* import() */ 596).then(__webpack_require__.bind(__webpack_require__, 9596));
    const paths = await resolveArtifactPaths(settings.artifacts, workspace);
    const single = paths.length === 1;
    // One pool of hashing threads for every artifact; the deadline covers all of them.
    const pool = new HashPool({ timeoutSeconds: settings.fingerprintTimeoutSeconds });
    try {
        // Walks run on this thread; a few at once keep the shared workers fed between directories.
        return await mapLimit(paths, 4, async (absolute) => {
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
