export const id = 269;
export const ids = [269,463];
export const modules = {

/***/ 1463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j: () => (/* binding */ readInputFile),
  readSbomEvidence: () => (/* binding */ readSbomEvidence)
});

// UNUSED EXPORTS: MAX_SBOM_BYTES

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/fingerprint/paths.ts + 3 modules
var fingerprint_paths = __webpack_require__(3622);
// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(6587);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __webpack_require__(9834);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 26 modules
var XMLParser = __webpack_require__(9658);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(5824);
;// CONCATENATED MODULE: ./src/evidence/sbom.ts

// Reads an SBOM's bytes into what the sbom attestation records: the format and version, the
// creation time, the tools, the subject and the package count. The rules are those of the Kosli
// CLI's internal/sbom/sbom.go at 0001fd1 (PR #1168, v2.41.0), each named where it applies.
// No npm parser is used: the CycloneDX library builds BOMs and is heavy, and there is no
// maintained light reader of SPDX; the few fields read here are checked with plain code, and
// CycloneDX XML goes through the project's fast-xml-parser. Loaded only by an sbom step.
/** The file is refused: `reason` says what is wrong with it, for a person to fix. */
class SbomError extends Error {
    reason;
    constructor(reason) {
        super(reason);
        this.reason = reason;
        this.name = 'SbomError';
    }
}
const CYCLONEDX_NAMESPACE = /^https?:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;
// CycloneDX spec versions the CLI's reader knows; anything else is not read as CycloneDX.
const CYCLONEDX_VERSIONS = new Set(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);
// The SPDX 2 versions the CLI's readers accept, as declared (never converted up).
const SPDX_VERSIONS = new Set(['2.1', '2.2', '2.3']);
const TEXT_BLOCK = /<text>[\s\S]*?<\/text>/g;
const SPDX_TAG_VALUE_VERSION = /^\s*SPDXVersion:\s*SPDX-(\d+\.\d+)\s*$/m;
const SPDX_YAML = /^spdxVersion:\s*['"]?SPDX-/m;
const SHA256_HEX = /^[a-f0-9]{64}$/;
/** The format and summary of an SBOM, from its bytes as read (the checksum is of the same bytes). */
function readSbom(bytes) {
    // Rule: gzip content is refused.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        throw new SbomError('is gzip compressed; give the uncompressed SBOM');
    }
    let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    // Rule: a UTF-8 byte-order mark is dropped before reading (the checksum keeps it).
    if (text.startsWith('\uFEFF'))
        text = text.slice(1);
    const first = text.trimStart()[0];
    if (first === '<')
        return readXml(text);
    if (first === '{')
        return readJson(text);
    // Rule: tag-value and YAML are told apart outside <text> blocks, which may quote other documents.
    const outside = text.replace(TEXT_BLOCK, '');
    if (SPDX_YAML.test(outside))
        throw unsupportedSpdx('YAML');
    const version = SPDX_TAG_VALUE_VERSION.exec(outside)?.[1];
    if (version)
        return readSpdxTagValue(text, version);
    throw new SbomError('is not a recognised SBOM: expected CycloneDX (JSON or XML) or SPDX 2 (JSON or tag-value)');
}
function unsupportedSpdx(form) {
    return new SbomError(`is an SPDX ${form} document, which is not supported; give the SBOM as SPDX JSON or tag-value`);
}
function readJson(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new SbomError(`is not valid JSON (${error.message.split('\n')[0]})`);
    }
    const doc = value;
    // Rule: SPDX 3 is JSON-LD, told by an @context naming spdx.org.
    if (doc['@context'] !== undefined && JSON.stringify(doc['@context']).includes('spdx.org')) {
        throw unsupportedSpdx('3.x JSON-LD');
    }
    // Rule: a (string) spdxVersion makes it SPDX JSON; anything else is read as CycloneDX.
    if (typeof doc.spdxVersion === 'string' && doc.spdxVersion !== '') {
        return readSpdxJson(doc, doc.spdxVersion);
    }
    return readCycloneDxJson(doc);
}
function readCycloneDxJson(doc) {
    // Rule: bomFormat "CycloneDX" and a specVersion are what make a JSON file CycloneDX.
    if (doc.bomFormat !== 'CycloneDX') {
        throw new SbomError(`is not a CycloneDX SBOM: bomFormat is ${JSON.stringify(doc.bomFormat ?? '')}, expected "CycloneDX"`);
    }
    if (doc.specVersion === undefined || doc.specVersion === '') {
        throw new SbomError('is not a CycloneDX SBOM: no specVersion');
    }
    if (typeof doc.specVersion !== 'string' || !CYCLONEDX_VERSIONS.has(doc.specVersion)) {
        throw cdxError(`specVersion ${JSON.stringify(doc.specVersion)} is not a CycloneDX version`);
    }
    const bom = {
        components: cdxJsonComponents(doc.components, 'components')
    };
    if (doc.metadata !== undefined && doc.metadata !== null) {
        const metadata = object(doc.metadata, 'metadata');
        bom.metadata = {
            timestamp: str(metadata.timestamp, 'metadata.timestamp'),
            tools: cdxJsonTools(metadata.tools),
            component: metadata.component === undefined || metadata.component === null
                ? undefined
                : cdxJsonComponent(metadata.component, 'metadata.component')
        };
    }
    return { format: `cyclonedx-${doc.specVersion}`, document: cycloneDxDocument(bom) };
}
function cdxError(what) {
    return new SbomError(`could not be read as a CycloneDX SBOM: ${what}`);
}
function object(value, path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw cdxError(`${path} is not an object`);
    }
    return value;
}
function str(value, path) {
    if (value === undefined || value === null)
        return '';
    if (typeof value !== 'string')
        throw cdxError(`${path} is not a string`);
    return value;
}
function list(value, path) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value))
        throw cdxError(`${path} is not a list`);
    return value;
}
function cdxJsonComponents(value, path) {
    return list(value, path).map((c, i) => cdxJsonComponent(c, `${path}[${i}]`));
}
function cdxJsonComponent(value, path) {
    const c = object(value, path);
    return {
        type: str(c.type, `${path}.type`),
        name: str(c.name, `${path}.name`),
        version: str(c.version, `${path}.version`),
        purl: str(c.purl, `${path}.purl`),
        hashes: list(c.hashes, `${path}.hashes`).map((h, i) => {
            const hash = object(h, `${path}.hashes[${i}]`);
            return {
                alg: str(hash.alg, `${path}.hashes[${i}].alg`),
                content: str(hash.content, `${path}.hashes[${i}].content`)
            };
        }),
        components: cdxJsonComponents(c.components, `${path}.components`)
    };
}
/** Rule: tools are the legacy list (1.4 and before), or 1.5's components and services. */
function cdxJsonTools(value) {
    if (value === undefined || value === null)
        return [];
    const entry = (v, path) => {
        const tool = object(v, path);
        return { name: str(tool.name, `${path}.name`), version: str(tool.version, `${path}.version`) };
    };
    if (Array.isArray(value))
        return value.map((t, i) => entry(t, `metadata.tools[${i}]`));
    const tools = object(value, 'metadata.tools');
    return [
        ...list(tools.components, 'metadata.tools.components').map((t, i) => entry(t, `metadata.tools.components[${i}]`)),
        ...list(tools.services, 'metadata.tools.services').map((t, i) => entry(t, `metadata.tools.services[${i}]`))
    ];
}
function cycloneDxDocument(bom) {
    const document = {
        created_at: null,
        tools: null,
        subject: null,
        package_count: packageCount(bom.components)
    };
    // Rule: without metadata there is no creation time, tool or subject.
    if (!bom.metadata)
        return document;
    document.created_at = createdAt(bom.metadata.timestamp);
    document.tools = toolNames(bom.metadata.tools);
    const component = bom.metadata.component;
    if (component) {
        // Rule: the subject is metadata.component; its first SHA-256 hash is its digest.
        const hash = component.hashes.find(h => h.alg === 'SHA-256');
        document.subject = {
            name: component.name,
            version: component.version || null,
            purl: component.purl || null,
            sha256: hash ? sha256Digest(hash.content) : null
        };
    }
    return document;
}
/** Rule: every component that is not a `file` counts, at any depth; the subject does not. */
function packageCount(components) {
    let count = 0;
    for (const component of components) {
        if (component.type !== 'file')
            count++;
        count += packageCount(component.components);
    }
    return count;
}
/** Rule: "name version" per tool; a tool without a name is skipped; none at all is null. */
function toolNames(tools) {
    const names = tools
        .filter(t => t.name !== '')
        .map(t => (t.version ? `${t.name} ${t.version}` : t.name));
    return names.length > 0 ? names : null;
}
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
/**
 * Rule: the creation time is an RFC 3339 date-time (t and z in either case), kept as written;
 * empty is null. A leap second, hour 24, an offset without a colon, a day its month lacks, and
 * year zero are refused.
 */
function createdAt(timestamp) {
    if (timestamp === '')
        return null;
    const m = RFC3339.exec(timestamp.toUpperCase());
    const [year, month, day, hour, minute, second] = (m?.slice(1, 7) ?? []).map(Number);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const valid = m !== null &&
        year !== 0 &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= (month === 2 && !leap ? 28 : DAYS[month - 1]) &&
        hour < 24 &&
        minute < 60 &&
        second < 60 &&
        (m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60));
    if (!valid) {
        throw new SbomError(`has a creation time ${JSON.stringify(timestamp)} that is not an RFC 3339 date-time`);
    }
    return timestamp;
}
/** Rule: the subject's SHA-256 is 64 hex characters (lowered); empty is null. */
function sha256Digest(value) {
    if (value === '')
        return null;
    const lowered = value.toLowerCase();
    if (!SHA256_HEX.test(lowered)) {
        throw new SbomError(`has a subject SHA-256 ${JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value)} that is not 64 hex characters`);
    }
    return lowered;
}
// ---- CycloneDX XML ----
const xmlParser = new XMLParser/* default */.A({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: false,
    trimValues: true,
    // Lists are lists even with one element.
    isArray: name => ['tool', 'component', 'service', 'hash'].includes(localName(name))
});
function localName(name) {
    const colon = name.indexOf(':');
    return colon < 0 ? name : name.slice(colon + 1);
}
/** The children of an XML element named `name` in any namespace prefix. */
function xmlChildren(node, name) {
    if (node === null || typeof node !== 'object')
        return [];
    const out = [];
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('@') || localName(key) !== name)
            continue;
        out.push(...(Array.isArray(value) ? value : [value]));
    }
    return out;
}
function xmlText(node, name) {
    const child = xmlChildren(node, name)[0];
    if (child === undefined || child === null)
        return '';
    if (typeof child === 'string')
        return child;
    if (typeof child === 'object' && typeof child['#text'] === 'string') {
        return child['#text'];
    }
    return '';
}
function readXml(text) {
    // Rule (of this action): no DTD. CycloneDX has none, and entity declarations only cost memory.
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
        throw new SbomError('is XML with a DOCTYPE or entity declarations, which an SBOM never has');
    }
    const valid = fxp/* XMLValidator */.iI.validate(text);
    if (valid !== true) {
        throw cdxError(`the XML is not well-formed (line ${valid.err.line}: ${valid.err.msg})`);
    }
    const parsed = xmlParser.parse(text);
    const rootKey = Object.keys(parsed).find(key => !key.startsWith('?'));
    if (rootKey === undefined)
        throw cdxError('the XML has no root element');
    // Rule: an RDF root is SPDX RDF, which is refused.
    if (localName(rootKey) === 'RDF')
        throw unsupportedSpdx('RDF');
    if (localName(rootKey) !== 'bom') {
        throw cdxError(`the root element is <${rootKey}>, expected <bom>`);
    }
    const root = (typeof parsed[rootKey] === 'object' ? parsed[rootKey] : {});
    // Rule: an XML BOM is CycloneDX by its namespace, which also gives its version.
    const colon = rootKey.indexOf(':');
    const nsAttribute = colon < 0 ? '@xmlns' : `@xmlns:${rootKey.slice(0, colon)}`;
    const namespace = typeof root[nsAttribute] === 'string' ? root[nsAttribute] : '';
    const version = CYCLONEDX_NAMESPACE.exec(namespace)?.[1];
    if (!version) {
        throw new SbomError(`is not a CycloneDX SBOM: xmlns is ${JSON.stringify(namespace)}, expected a http://cyclonedx.org/schema/bom/ namespace`);
    }
    const metadata = xmlChildren(root, 'metadata')[0];
    const bom = { components: xmlComponents(xmlChildren(root, 'components')[0]) };
    if (metadata !== undefined) {
        const tools = xmlChildren(metadata, 'tools')[0];
        const toolEntry = (t) => ({
            name: xmlText(t, 'name'),
            version: xmlText(t, 'version')
        });
        const component = xmlChildren(metadata, 'component')[0];
        bom.metadata = {
            timestamp: xmlText(metadata, 'timestamp'),
            tools: [
                ...xmlChildren(tools, 'tool').map(toolEntry),
                ...xmlChildren(xmlChildren(tools, 'components')[0], 'component').map(toolEntry),
                ...xmlChildren(xmlChildren(tools, 'services')[0], 'service').map(toolEntry)
            ],
            component: component === undefined ? undefined : xmlComponent(component)
        };
    }
    return { format: `cyclonedx-${version}`, document: cycloneDxDocument(bom) };
}
function xmlComponents(list) {
    return xmlChildren(list, 'component').map(xmlComponent);
}
function xmlComponent(node) {
    const attrs = (node ?? {});
    return {
        type: typeof attrs['@type'] === 'string' ? attrs['@type'] : '',
        name: xmlText(node, 'name'),
        version: xmlText(node, 'version'),
        purl: xmlText(node, 'purl'),
        hashes: xmlChildren(xmlChildren(node, 'hashes')[0], 'hash').map(h => ({
            alg: typeof h === 'object' && h !== null ? String(h['@alg'] ?? '') : '',
            content: typeof h === 'string'
                ? h
                : typeof h === 'object' && h !== null
                    ? String(h['#text'] ?? '')
                    : ''
        })),
        components: xmlComponents(xmlChildren(node, 'components')[0])
    };
}
function spdxError(what) {
    return new SbomError(`could not be read as an SPDX SBOM: ${what}`);
}
function readSpdxJson(doc, declared) {
    const version = declared.replace(/^SPDX-/, '');
    if (!declared.startsWith('SPDX-') || !SPDX_VERSIONS.has(version)) {
        throw spdxError(`spdxVersion ${JSON.stringify(declared)} is not SPDX-2.1, SPDX-2.2 or SPDX-2.3`);
    }
    const text = (value, path) => {
        if (value === undefined || value === null)
            return '';
        if (typeof value !== 'string')
            throw spdxError(`${path} is not a string`);
        return value;
    };
    const array = (value, path) => {
        if (value === undefined || value === null)
            return [];
        if (!Array.isArray(value))
            throw spdxError(`${path} is not a list`);
        return value;
    };
    const obj = (value, path) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            // Rule: a null package is refused.
            throw spdxError(value === null ? `a null entry in ${path}` : `${path} is not an object`);
        }
        return value;
    };
    const creation = doc.creationInfo === undefined || doc.creationInfo === null
        ? undefined
        : obj(doc.creationInfo, 'creationInfo');
    const packages = array(doc.packages, 'packages').map((p, i) => {
        const pkg = obj(p, 'its package list');
        const checksum = array(pkg.checksums, `packages[${i}].checksums`)
            .map(c => obj(c, `packages[${i}].checksums`))
            .find(c => c.algorithm === 'SHA256');
        const purl = array(pkg.externalRefs, `packages[${i}].externalRefs`)
            .filter(r => r !== null)
            .map(r => obj(r, `packages[${i}].externalRefs`))
            .find(r => r.referenceType === 'purl');
        return {
            id: elementId(text(pkg.SPDXID, `packages[${i}].SPDXID`)),
            name: text(pkg.name, `packages[${i}].name`),
            version: text(pkg.versionInfo, `packages[${i}].versionInfo`),
            ...(checksum ? { sha256: text(checksum.checksumValue, 'checksumValue') } : {}),
            ...(purl ? { purl: text(purl.referenceLocator, 'referenceLocator') } : {})
        };
    });
    // Rule: documentDescribes is read as DESCRIBES relationships of the document; null ones are dropped.
    const relationships = [
        ...array(doc.documentDescribes, 'documentDescribes').map(id => ({
            a: 'SPDXRef-DOCUMENT',
            type: 'DESCRIBES',
            b: text(id, 'documentDescribes')
        })),
        ...array(doc.relationships, 'relationships')
            .filter(r => r !== null)
            .map((r, i) => {
            const rel = obj(r, `relationships[${i}]`);
            return {
                a: text(rel.spdxElementId, `relationships[${i}].spdxElementId`),
                type: text(rel.relationshipType, `relationships[${i}].relationshipType`),
                b: text(rel.relatedSpdxElement, `relationships[${i}].relatedSpdxElement`)
            };
        })
    ];
    return {
        format: `spdx-${version}`,
        document: spdxDocument({
            id: text(doc.SPDXID, 'SPDXID'),
            created: creation ? text(creation.created, 'creationInfo.created') : '',
            creators: creation
                ? array(creation.creators, 'creationInfo.creators').map(c => text(c, 'creator'))
                : [],
            packages,
            relationships
        })
    };
}
/** `SPDXRef-X` and `DocumentRef-D:SPDXRef-X` name the element X. */
function elementId(ref) {
    return ref.replace(/^DocumentRef-[^:]*:/, '').replace(/^SPDXRef-/, '');
}
function readSpdxTagValue(text, version) {
    if (!SPDX_VERSIONS.has(version)) {
        throw spdxError(`SPDXVersion SPDX-${version} is not SPDX-2.1, SPDX-2.2 or SPDX-2.3`);
    }
    const doc = { id: '', created: '', creators: [], packages: [], relationships: [] };
    // Which section the next SPDXID belongs to.
    let section = 'document';
    let current;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() === '' || line.trimStart().startsWith('#'))
            continue;
        const colon = line.indexOf(':');
        if (colon < 0)
            throw spdxError(`line ${i + 1} is not "Tag: value"`);
        const tag = line.slice(0, colon).trim();
        let value = line.slice(colon + 1).trim();
        // A <text> value may run over several lines; only its end matters here.
        if (value.startsWith('<text>') && !value.includes('</text>')) {
            while (i + 1 < lines.length && !lines[i].includes('</text>'))
                i++;
            continue;
        }
        value = value.replace(/^<text>|<\/text>$/g, '');
        switch (tag) {
            case 'SPDXID':
                if (section === 'document' && doc.id === '')
                    doc.id = value;
                else if (section === 'package' && current)
                    current.id = elementId(value);
                break;
            case 'Created':
                if (section === 'document')
                    doc.created = value;
                break;
            case 'Creator':
                doc.creators.push(value);
                break;
            case 'PackageName':
                current = { id: '', name: value, version: '' };
                doc.packages.push(current);
                section = 'package';
                break;
            case 'PackageVersion':
                if (current && section === 'package')
                    current.version = value;
                break;
            case 'PackageChecksum': {
                const m = /^SHA256:\s*(.*)$/.exec(value);
                if (m && current && section === 'package' && current.sha256 === undefined) {
                    current.sha256 = m[1].trim();
                }
                break;
            }
            case 'ExternalRef': {
                const [, type, locator] = value.split(/\s+/);
                if (type === 'purl' && current && section === 'package' && current.purl === undefined) {
                    current.purl = locator ?? '';
                }
                break;
            }
            case 'Relationship': {
                const [a, type, b] = value.split(/\s+/);
                if (a && type && b)
                    doc.relationships.push({ a, type, b });
                break;
            }
            case 'FileName':
            case 'SnippetSPDXID':
            case 'LicenseID':
            case 'Reviewer':
            case 'Annotator':
                section = 'other';
                current = undefined;
                break;
        }
    }
    return { format: `spdx-${version}`, document: spdxDocument(doc) };
}
function spdxDocument(doc) {
    // Rule: SPDXID is what makes a versioned document SPDX.
    if (doc.id === '')
        throw new SbomError('is not an SPDX SBOM: no SPDXID');
    const tools = [];
    for (const creator of doc.creators) {
        const colon = creator.indexOf(':');
        if (colon < 0)
            throw spdxError(`the creator ${JSON.stringify(creator)} is not "Type: name"`);
        // Rule: tools are the creators of type Tool, as written after "Tool:".
        if (creator.slice(0, colon).trim() === 'Tool')
            tools.push(creator.slice(colon + 1).trim());
    }
    return {
        created_at: createdAt(doc.created),
        tools: tools.length > 0 ? tools : null,
        subject: spdxSubject(doc),
        // Rule: SPDX counts its packages, the described one included.
        package_count: doc.packages.length
    };
}
/**
 * Rule: the subject is the one described package: the only package, or the one package the
 * document DESCRIBES (or that is DESCRIBED_BY it); several, or none, is no subject.
 */
function spdxSubject(doc) {
    let described;
    if (doc.packages.length === 0)
        return null;
    if (doc.packages.length === 1)
        described = [doc.packages[0].id];
    else {
        const ids = new Set();
        for (const r of doc.relationships) {
            if (r.type === 'DESCRIBES' && r.a === 'SPDXRef-DOCUMENT')
                ids.add(elementId(r.b));
            if (r.type === 'DESCRIBED_BY' && r.b === 'SPDXRef-DOCUMENT')
                ids.add(elementId(r.a));
        }
        described = [...ids];
    }
    if (described.length !== 1)
        return null;
    const pkg = doc.packages.find(p => p.id === described[0]);
    if (!pkg)
        return null;
    return {
        name: pkg.name,
        version: pkg.version || null,
        purl: pkg.purl || null,
        sha256: pkg.sha256 === undefined ? null : sha256Digest(pkg.sha256)
    };
}

;// CONCATENATED MODULE: ./src/evidence/sbom-file.ts







/** The most of an SBOM sent: Kosli takes 10 MB a request, and data_json travels with the file. */
const MAX_SBOM_BYTES = read_file/* FILE_LIMITS */.SK.sbom;
/**
 * The SBOM named in `results`, read once: the checksum, the summary and the upload are of the
 * same bytes. Every refusal is an input error naming the file, before any request.
 */
async function readSbomEvidence(results, workspace) {
    let paths;
    try {
        paths = await (0,fingerprint_paths.resolveArtifactPaths)([...results], workspace, { input: 'results' });
    }
    catch (error) {
        throw new error_message/* InputError */.dz([error.message]);
    }
    if (paths.length !== 1) {
        throw new error_message/* InputError */.dz([
            `'results': matches ${paths.length} paths; expected one SBOM file for type sbom`
        ]);
    }
    const path = paths[0];
    const refuse = (what) => new error_message/* InputError */.dz([`'results': the SBOM file '${(0,print/* inert */.tJ)(path)}' ${what}`]);
    const bytes = readInputFile(path, { input: 'results', what: 'SBOM file', limit: MAX_SBOM_BYTES });
    const sha256 = (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
    try {
        return { filename: (0,external_node_path_.basename)(path), bytes, sha256, summary: readSbom(bytes) };
    }
    catch (error) {
        if (error instanceof SbomError)
            throw refuse(error.reason);
        throw error;
    }
}
/** The shared bounded reader's refusal, as an input error: it comes before any request. */
function readInputFile(path, options) {
    try {
        return (0,read_file/* readRegularFile */.XF)(path, options);
    }
    catch (error) {
        if (error instanceof read_file/* FileReadError */.tJ)
            throw new error_message/* InputError */.dz([error.message]);
        throw error;
    }
}


/***/ }),

/***/ 1269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sonarSource: () => (/* binding */ sonarSource)
/* harmony export */ });
/* unused harmony exports DEFAULT_REPORT, parseReport */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _evidence_sbom_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1463);
/* harmony import */ var _fingerprint_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3622);
/* harmony import */ var _inputs_problems_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8925);
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3996);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9834);







// Where the Sonar analysis is: the scanner's report-task.txt, or a project key with a branch or
// a pull request. Read and checked before any request: sonar-token goes to one origin alone.
const DEFAULT_REPORT = '.scannerwork/report-task.txt';
const SONARCLOUD = 'https://sonarcloud.io';
async function sonarSource(settings, workspace) {
    if (settings.projectKey) {
        return {
            kind: 'project',
            serverUrl: settings.url ?? SONARCLOUD,
            projectKey: settings.projectKey,
            ...(settings.branch ? { branch: settings.branch } : {}),
            ...(settings.pullRequest ? { pullRequest: settings.pullRequest } : {})
        };
    }
    const file = await reportPath(settings.reportFile, workspace);
    const text = await readReport(file);
    const fields = parseReport(text);
    const problem = (what) => new _inputs_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .d([`'results': the Sonar report '${(0,_print_js__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .tJ)(file)}' ${what}`]);
    const reportServer = fields.get('serverUrl');
    const ceTaskUrl = fields.get('ceTaskUrl');
    if (!reportServer)
        throw problem('has no serverUrl=; is it the report-task.txt the scanner wrote?');
    if (!ceTaskUrl)
        throw problem('has no ceTaskUrl=; is it the report-task.txt the scanner wrote?');
    const server = parseHttpUrl(reportServer);
    const task = parseHttpUrl(ceTaskUrl);
    if (!server)
        throw problem(`names serverUrl ${JSON.stringify(reportServer)}, which is not an http(s) URL`);
    if (!task)
        throw problem(`names ceTaskUrl ${JSON.stringify(ceTaskUrl)}, which is not an http(s) URL`);
    const base = settings.url ?? reportServer.replace(/\/+$/, '');
    const origin = new URL(base).origin;
    // The token goes to one origin: the report may not send it anywhere else.
    for (const [name, url] of [
        ['serverUrl', server],
        ['ceTaskUrl', task]
    ]) {
        if (url.origin !== origin) {
            throw problem(`names ${name} ${url.origin}, but sonar-token goes to ${origin}${settings.url ? ' (sonar-url)' : ' (its serverUrl)'} alone; give sonar-url the server the scanner used, or the report of an analysis on ${origin}`);
        }
    }
    if (!settings.url && server.protocol === 'http:' && !isLoopback(server.hostname)) {
        throw problem(`names serverUrl ${server.origin} over http://; sonar-token is sent over https:// only (http:// for loopback hosts)`);
    }
    const dashboardUrl = fields.get('dashboardUrl');
    return {
        kind: 'report',
        serverUrl: base,
        ceTaskUrl: task.href,
        ...(dashboardUrl ? { dashboardUrl } : {}),
        file
    };
}
async function reportPath(given, workspace) {
    if (given) {
        try {
            const [path, ...more] = await (0,_fingerprint_paths_js__WEBPACK_IMPORTED_MODULE_3__.resolveArtifactPaths)([given], workspace, { input: 'results' });
            if (more.length > 0) {
                throw new Error(`'results': matches ${more.length + 1} paths; expected one report-task.txt`);
            }
            return path;
        }
        catch (error) {
            if (error instanceof _inputs_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .d)
                throw error;
            throw new _inputs_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .d([error.message]);
        }
    }
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, DEFAULT_REPORT);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
    }
    catch {
        throw new _inputs_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .d([
            `'results': given nothing, and ${DEFAULT_REPORT} does not exist in the workspace; give the report-task.txt the scanner wrote (Maven: target/sonar/report-task.txt, Gradle: build/sonar/report-task.txt), or sonar-project-key with sonar-branch or sonar-pull-request`
        ]);
    }
    return path;
}
async function readReport(path) {
    const bytes = (0,_evidence_sbom_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readInputFile */ .j)(path, {
        input: 'results',
        what: 'Sonar report',
        limit: _read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .FILE_LIMITS */ .SK.sonarReport
    });
    return bytes.toString('utf8');
}
/** `key=value` lines (Java properties as the scanner writes them, without escapes). */
function parseReport(text) {
    const fields = new Map();
    for (const line of text.split(/\r?\n/)) {
        const at = line.indexOf('=');
        if (at <= 0 || line.startsWith('#'))
            continue;
        fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    return fields;
}
function parseHttpUrl(value) {
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
    }
    catch {
        return undefined;
    }
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}


/***/ })

};
