export const id = 622;
export const ids = [622];
export const modules = {

/***/ 3622:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fingerprintArtifact: () => (/* binding */ fingerprintArtifact),
  resolveArtifactPaths: () => (/* binding */ resolveArtifactPaths)
});

// UNUSED EXPORTS: leavesWorkspace

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/fingerprint/batch.ts
var batch = __webpack_require__(5496);
;// CONCATENATED MODULE: ./src/fingerprint/excludes.ts
const stateSets = (size) => [new Uint8Array(size), new Uint8Array(size)];
/** Patterns from `.kosli_ignore`: each line cut at the first `#`, trimmed, blank lines skipped. */
function parseIgnoreFile(text) {
    const patterns = [];
    // A byte order mark is no character of the first line: columns count from after it.
    text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .forEach((raw, index) => {
        const comment = raw.indexOf('#');
        const kept = comment === -1 ? raw : raw.slice(0, comment);
        const pattern = kept.trim();
        const indent = kept.length - kept.trimStart().length;
        const column = Array.from(kept.slice(0, indent)).length + 1;
        if (pattern !== '')
            patterns.push({ pattern, line: index + 1, column });
    });
    return patterns;
}
/** Compiles one pattern matched against `/`-separated paths relative to the root. */
function compileExcludePattern(pattern, source) {
    return compile(pattern, why => {
        throw new Error(`Exclude pattern '${pattern}' from ${source} ${why}`);
    });
}
/**
 * Compiles a pattern read from an ignore file. Its errors name the file, line and column and never
 * quote the line: the file's text is not ours to print.
 */
function compileIgnoreFileLine(entry, file) {
    return compile(entry.pattern, (why, at) => {
        const column = at === undefined ? '' : `, column ${entry.column + at}`;
        throw new Error(`Exclude pattern in '${file}' (line ${entry.line}${column}) ${why}`);
    });
}
function compile(pattern, refuse) {
    const trimmed = pattern.trim();
    if (trimmed === '') {
        refuse('is empty: an empty pattern matches nothing; remove it or write the path to exclude');
    }
    const chars = Array.from(trimmed);
    // Each part with where it starts in the pattern, so errors can point at it.
    const parts = [];
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
        if (end < chars.length && chars[end] !== '/')
            continue;
        parts.push({ chars: chars.slice(start, end), start });
        start = end + 1;
    }
    const climbing = parts.find(part => part.chars.join('') === '..');
    if (climbing) {
        refuse("contains '..': patterns are relative to the fingerprinted directory and cannot leave it", climbing.start);
    }
    const segments = parts
        .filter(part => !['', '.'].includes(part.chars.join('')))
        .map(part => compileSegment(part.chars, part.start, refuse));
    if (segments.length === 0) {
        refuse('names the fingerprinted directory itself; name the entries inside it to exclude');
    }
    // A trailing `**` matches what is inside, never the directory itself (`logs/**` keeps `logs`):
    // it stands for one segment of any name followed by any number more.
    if (segments[segments.length - 1].kind === 'globstar') {
        segments.splice(segments.length - 1, 0, glob([{ kind: 'star' }]));
    }
    return { pattern: trimmed, segments, states: stateSets(segments.length + 1) };
}
/**
 * True when the entry at `segments` (its path relative to the root, split on `/`) is matched.
 * Runs the pattern as a set of states over the path, so time grows with pattern × path length
 * and never explodes the way backtracking does.
 */
function matchesExcludePattern(pattern, segments) {
    const steps = pattern.segments;
    const size = steps.length;
    let [current, next] = pattern.states;
    current.fill(0);
    current[0] = 1;
    skipGlobstars(steps, current);
    for (const name of segments) {
        next.fill(0);
        let alive = false;
        for (let index = 0; index < size; index++) {
            if (current[index] === 0)
                continue;
            const step = steps[index];
            if (step.kind === 'globstar') {
                next[index] = 1;
                alive = true;
            }
            else if (matchesSegment(step, name)) {
                next[index + 1] = 1;
                alive = true;
            }
        }
        if (!alive)
            return false;
        skipGlobstars(steps, next);
        [current, next] = [next, current];
    }
    return current[size] === 1;
}
/** A `**` may match no segment at all: whoever reaches it also reaches what follows. */
function skipGlobstars(steps, states) {
    for (let index = 0; index < steps.length; index++) {
        if (states[index] === 1 && steps[index].kind === 'globstar')
            states[index + 1] = 1;
    }
}
function matchesSegment(segment, name) {
    if (segment.kind === 'literal')
        return segment.text === name;
    if (segment.kind === 'glob')
        return matchesGlob(segment, name);
    return true;
}
/** The same state-set run within one name, one code point at a time; `*` keeps its state. */
function matchesGlob(glob, name) {
    const { tokens, prefix, suffix } = glob;
    if (name.length < prefix.length + suffix.length ||
        !name.startsWith(prefix) ||
        !name.endsWith(suffix)) {
        return false;
    }
    if (glob.starBetween)
        return true;
    const size = tokens.length;
    let [current, next] = glob.states;
    current.fill(0);
    current[0] = 1;
    skipStars(tokens, current);
    for (let offset = 0; offset < name.length;) {
        const codePoint = name.codePointAt(offset);
        offset += codePoint > 0xffff ? 2 : 1;
        next.fill(0);
        let alive = false;
        for (let index = 0; index < size; index++) {
            if (current[index] === 0)
                continue;
            const token = tokens[index];
            if (token.kind === 'star') {
                next[index] = 1;
                alive = true;
            }
            else if (matchesChar(token, codePoint)) {
                next[index + 1] = 1;
                alive = true;
            }
        }
        if (!alive)
            return false;
        skipStars(tokens, next);
        [current, next] = [next, current];
    }
    return current[size] === 1;
}
function skipStars(tokens, states) {
    for (let index = 0; index < tokens.length; index++) {
        if (states[index] === 1 && tokens[index].kind === 'star')
            states[index + 1] = 1;
    }
}
function matchesChar(test, codePoint) {
    if (test.kind === 'char')
        return test.codePoint === codePoint;
    if (test.kind === 'any')
        return true;
    let inside = false;
    for (let index = 0; index < test.ranges.length && !inside; index += 2) {
        inside = test.ranges[index] <= codePoint && codePoint <= test.ranges[index + 1];
    }
    return inside !== test.negated;
}
/** `part` holds one segment's code points; `offset` is where it starts in the pattern. */
function compileSegment(part, offset, refuse) {
    if (part.length === 2 && part[0] === '*' && part[1] === '*')
        return { kind: 'globstar' };
    const tokens = [];
    let isGlob = false;
    for (let i = 0; i < part.length; i++) {
        const char = part[i];
        if (char === '\\') {
            if (i + 1 === part.length)
                refuse("ends with '\\', which escapes nothing", offset + i);
            i++;
            tokens.push({ kind: 'char', codePoint: part[i].codePointAt(0) });
        }
        else if (char === '*') {
            isGlob = true;
            // `**` inside a name is one `*`; consecutive stars add nothing.
            if (tokens[tokens.length - 1]?.kind !== 'star')
                tokens.push({ kind: 'star' });
        }
        else if (char === '?') {
            isGlob = true;
            tokens.push({ kind: 'any' });
        }
        else if (char === '[') {
            isGlob = true;
            const { test, end } = compileClass(part, i, offset, refuse);
            tokens.push(test);
            i = end;
        }
        else {
            tokens.push({ kind: 'char', codePoint: char.codePointAt(0) });
        }
    }
    return isGlob ? glob(tokens) : { kind: 'literal', text: literalText(tokens) };
}
/** The text of tokens that are all literal characters. */
function literalText(tokens) {
    return tokens
        .map(token => String.fromCodePoint(token.codePoint))
        .join('');
}
function glob(tokens) {
    let head = 0;
    while (head < tokens.length && tokens[head].kind === 'char')
        head++;
    let tail = tokens.length;
    while (tail > head && tokens[tail - 1].kind === 'char')
        tail--;
    return {
        kind: 'glob',
        tokens,
        states: stateSets(tokens.length + 1),
        prefix: literalText(tokens.slice(0, head)),
        suffix: literalText(tokens.slice(tail)),
        starBetween: tail === head + 1 && tokens[head].kind === 'star'
    };
}
/**
 * Compiles `[...]` starting at `part[start]`; `!` or `^` negates; a leading `]` is literal; `\`
 * escapes; `-` between two characters makes a range, elsewhere it is literal.
 */
function compileClass(part, start, offset, refuse) {
    let i = start + 1;
    let negated = false;
    if (part[i] === '!' || part[i] === '^') {
        negated = true;
        i++;
    }
    // Each member is a code point, or 'range' for a `-` written between two members.
    const members = [];
    let first = true;
    let closed = -1;
    for (; i < part.length; i++) {
        const char = part[i];
        if (char === ']' && !first) {
            closed = i;
            break;
        }
        first = false;
        if (char === '\\') {
            if (i + 1 === part.length)
                break;
            i++;
            members.push(part[i].codePointAt(0));
        }
        else if (char === '-' && members.length > 0 && i + 1 < part.length && part[i + 1] !== ']') {
            members.push('range');
        }
        else {
            members.push(char.codePointAt(0));
        }
    }
    if (closed === -1) {
        refuse("has a '[' without a closing ']'; write '\\[' to match a literal '['", offset + start);
    }
    const ranges = [];
    const dash = '-'.codePointAt(0);
    const at = (index) => {
        const member = members[index];
        return member === 'range' ? dash : member;
    };
    for (let index = 0; index < members.length;) {
        const low = at(index);
        if (members[index + 1] === 'range' && index + 2 < members.length) {
            const high = at(index + 2);
            if (high < low) {
                refuse("is not a valid glob: a range in '[...]' runs backwards; write its lower end first", offset + start);
            }
            ranges.push(low, high);
            index += 3;
        }
        else {
            ranges.push(low, low);
            index += 1;
        }
    }
    return { test: { kind: 'class', negated, ranges }, end: closed };
}

// EXTERNAL MODULE: ./src/fingerprint/file.ts
var file = __webpack_require__(8120);
// EXTERNAL MODULE: ./src/fingerprint/pool.ts
var fingerprint_pool = __webpack_require__(9596);
;// CONCATENATED MODULE: ./src/fingerprint/directory.ts








const IGNORE_FILE = '.kosli_ignore';
// Entries walked but not yet in the digest before the walk pauses: 8 batches keep every worker
// fed, and what a walk holds beyond that is memory and nothing more.
const MAX_PENDING_ENTRIES = 4096;
// Entries per batch: enough that messaging costs little, few enough that threads end together.
const BATCH_ENTRIES = 512;
// How long the walk runs before it lets worker replies in (and sends a partial batch if idle).
const WALK_SLICE_MS = 2;
/** A latin1 string (one char per byte, as the walk keeps names and paths) back to its bytes. */
const bytes = (latin1) => Buffer.from(latin1, 'latin1');
/**
 * The Kosli directory digest of `root`: names and contents of every entry not excluded, hashed
 * in walk order (pre-order, names in byte order). The main thread walks and packs entries into
 * batches that threads hash in parallel; the digest takes each batch's text strictly in walk
 * order, so it never depends on timing.
 */
async function fingerprintDirectory(root, options = {}) {
    // A pool for this call alone unless the run's is given; its size is checked before anything.
    const own = options.pool ? undefined : new fingerprint_pool.HashPool({ size: options.concurrency });
    const pool = options.pool ?? own;
    const digest = new OrderedDigest();
    let job;
    try {
        const optionPatterns = (options.excludes ?? []).map((pattern, index) => compileExcludePattern(pattern, `the exclude input (pattern ${index + 1})`));
        await assertDirectory(root);
        // Started before the ignore file is read, so the workers boot while the walk begins.
        job = pool.job(error => digest.fail(error));
        const ignorePatterns = (await readIgnoreFile(root)).map(entry => compileIgnoreFileLine(entry, (0,external_node_path_.join)(root, IGNORE_FILE)));
        const walk = new DirectoryWalk(root, digest, pool, job, optionPatterns, ignorePatterns);
        await walk.run();
        await digest.waitUntilPending(0);
        if (walk.entries === 0)
            throw nothingToFingerprint(root, walk.excludedEntries);
        return digest.hex();
    }
    catch (error) {
        digest.fail(error);
        throw error;
    }
    finally {
        job?.end();
        await own?.close();
    }
}
async function assertDirectory(root) {
    let info;
    try {
        info = await (0,promises_.stat)(root);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT') {
            throw new Error(`Cannot fingerprint directory '${root}': it does not exist (or is a broken symlink)`);
        }
        throw (0,file/* describeFileError */.SQ)(error, root);
    }
    if (!info.isDirectory()) {
        throw new Error(`Cannot fingerprint directory '${root}': it is ${info.isFile() ? 'a file' : (0,file/* describeFileKind */.C2)(info)}, not a directory`);
    }
}
async function readIgnoreFile(root) {
    const path = (0,external_node_path_.join)(root, IGNORE_FILE);
    try {
        // A missing, dangling or non-file .kosli_ignore holds no patterns; the walk reports what is wrong.
        if (!(await (0,promises_.stat)(path)).isFile())
            return [];
    }
    catch {
        return [];
    }
    let text;
    try {
        text = await readBounded(path, MAX_IGNORE_FILE_BYTES);
    }
    catch (error) {
        throw (0,file/* describeFileError */.SQ)(error, path);
    }
    return parseIgnoreFile(text);
}
// Far more patterns than any build needs; it stops a link to an endless file (/proc) early.
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** A file's text (UTF-8), refused once it passes `limit` bytes. */
async function readBounded(path, limit) {
    // Whole pieces of a power of two: some /proc files refuse reads of other sizes.
    const piece = 64 * 1024;
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(limit + piece);
        let length = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, length, piece, null);
            if (bytesRead === 0)
                return buffer.toString('utf8', 0, length);
            length += bytesRead;
            if (length > limit) {
                throw new Error(`it is larger than ${limit / (1024 * 1024)} MiB, too large for a list of exclude patterns`);
            }
        }
    }
    finally {
        await handle.close();
    }
}
function nothingToFingerprint(root, excludedEntries) {
    if (excludedEntries > 0) {
        return new Error(`Nothing to fingerprint in directory '${root}': every entry in it is excluded. ` +
            `Check the exclude input and ${IGNORE_FILE}`);
    }
    return new Error(`Nothing to fingerprint in directory '${root}': it is empty. ` +
        `Check that the build wrote its output there before this step`);
}
class DirectoryWalk {
    root;
    digest;
    pool;
    job;
    optionPatterns;
    ignorePatterns;
    entries = 0;
    excludedEntries = 0;
    batches;
    hasPatterns;
    yieldAt = 0;
    constructor(root, digest, pool, job, optionPatterns, ignorePatterns) {
        this.root = root;
        this.digest = digest;
        this.pool = pool;
        this.job = job;
        this.optionPatterns = optionPatterns;
        this.ignorePatterns = ignorePatterns;
        this.batches = new batch/* BatchBuilder */.e$(BATCH_ENTRIES, batch => this.send(batch));
        this.hasPatterns = optionPatterns.length + ignorePatterns.length > 0;
    }
    async run() {
        const endsWithSeparator = this.root.endsWith(external_node_path_.sep) || this.root.endsWith('/');
        const prefix = endsWithSeparator ? this.root : `${this.root}${external_node_path_.sep}`;
        await this.walkDirectory(Buffer.from(prefix).toString('latin1'), []);
        this.batches.flush();
        this.job.listing(undefined);
    }
    /**
     * `prefix` is the directory's path with a trailing separator, as latin1 like every name. The
     * walk uses synchronous calls, a fraction of the cost of async ones per directory and symlink,
     * and yields every few milliseconds so that replies from the workers are taken in.
     */
    async walkDirectory(prefix, parentSegments) {
        this.job.listing(prefix);
        const { names, kinds, others } = this.readEntries(prefix);
        for (let i = 0; i < names.length; i++) {
            this.digest.throwIfFailed();
            const name = names[i];
            // Segments (UTF-8 text) are only needed to match patterns; most walks have none.
            let segments = parentSegments;
            if (this.hasPatterns) {
                segments = [...parentSegments, bytes(name).toString('utf8')];
                if (this.isExcluded(segments)) {
                    if (parentSegments.length === 0)
                        this.excludedEntries++;
                    continue;
                }
            }
            if (this.digest.pending > MAX_PENDING_ENTRIES) {
                this.batches.flush();
                await this.digest.waitUntilPending(MAX_PENDING_ENTRIES / 2);
            }
            else if (performance.now() >= this.yieldAt) {
                await this.yield();
            }
            this.entries++;
            const kind = kinds[i];
            if (kind === KIND_DIRECTORY) {
                this.batches.directory(name);
                await this.walkDirectory(`${prefix}${name}${external_node_path_.sep}`, segments);
                this.job.listing(prefix);
            }
            else if (kind === KIND_FILE) {
                this.batches.file(prefix, name);
            }
            else if (kind === KIND_SYMLINK) {
                this.visitSymlink(prefix, name);
            }
            else {
                const entry = others.get(i);
                throw unsupportedEntry(this.root, bytes(prefix + name), (0,file/* describeFileKind */.C2)(entry));
            }
        }
    }
    visitSymlink(prefix, name) {
        const path = bytes(prefix + name);
        let target;
        try {
            target = (0,external_node_fs_.statSync)(path);
        }
        catch (error) {
            throw brokenSymlink(this.root, path, error);
        }
        if (target.isDirectory()) {
            // A link to a directory counts as its target text; the target is not walked.
            let linkText;
            try {
                linkText = (0,external_node_fs_.readlinkSync)(path, { encoding: 'buffer' });
            }
            catch (error) {
                throw (0,file/* describeFileError */.SQ)(error, path);
            }
            this.batches.literal((0,file/* sha256Hex */.fg)(bytes(name)) + (0,file/* sha256Hex */.fg)(linkText));
        }
        else if (target.isFile()) {
            this.batches.file(prefix, name);
        }
        else {
            throw unsupportedEntry(this.root, path, `a symlink to ${(0,file/* describeFileKind */.C2)(target)}`);
        }
    }
    /** The directory's entries in byte order of their names (latin1 strings compare as bytes). */
    readEntries(prefix) {
        let entries;
        try {
            entries = listDirectory(bytes(prefix));
        }
        catch (error) {
            const shown = (0,file/* displayPath */.Gt)(bytes(prefix).subarray(0, -1));
            const reason = error.message;
            throw new Error(`Cannot fingerprint directory '${this.root}': cannot list '${shown}': ${reason}`);
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        return compactEntries(entries);
    }
    /** Lets worker replies in; sends a partial batch first if a worker would otherwise idle. */
    async yield() {
        if (this.pool.wantsWork())
            this.batches.flush();
        await new Promise(resolve => setImmediate(resolve));
        this.digest.throwIfFailed();
        this.yieldAt = performance.now() + WALK_SLICE_MS;
    }
    isExcluded(segments) {
        for (const pattern of this.optionPatterns) {
            if (matchesExcludePattern(pattern, segments))
                return true;
        }
        // The ignore file's own patterns never exclude the ignore file itself.
        if (segments.length === 1 && segments[0] === IGNORE_FILE)
            return false;
        for (const pattern of this.ignorePatterns) {
            if (matchesExcludePattern(pattern, segments))
                return true;
        }
        return false;
    }
    send(batch) {
        this.digest.expect(batch);
        this.job.submit(batch.text, batch.length, text => this.digest.resolve(batch.id, text));
    }
}
// 0: another kind (kept in `others`).
const KIND_DIRECTORY = 1;
const KIND_FILE = 2;
const KIND_SYMLINK = 3;
function compactEntries(entries) {
    const names = new Array(entries.length);
    const kinds = new Uint8Array(entries.length);
    const others = new Map();
    for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        names[i] = entry.name;
        if (entry.isDirectory())
            kinds[i] = KIND_DIRECTORY;
        else if (entry.isFile())
            kinds[i] = KIND_FILE;
        else if (entry.isSymbolicLink())
            kinds[i] = KIND_SYMLINK;
        else
            others.set(i, entry);
    }
    return { names, kinds, others };
}
/**
 * A directory's entries with names as latin1 strings: one char per byte, so the raw bytes of any
 * name survive, and strings compare in byte order.
 */
function listDirectory(path, list = external_node_fs_.readdirSync) {
    try {
        return list(path, { withFileTypes: true, encoding: 'latin1' });
    }
    catch (error) {
        // Where the file system gives no entry types, Node lstats each entry at path + name, which it
        // cannot join for a Buffer path and a string name; listing by bytes works there.
        if (error.code !== 'ERR_INVALID_ARG_TYPE')
            throw error;
        const entries = list(path, { withFileTypes: true, encoding: 'buffer' });
        return entries.map(entry => Object.assign(entry, { name: entry.name.toString('latin1') }));
    }
}
function unsupportedEntry(root, path, kind) {
    return new Error(`Cannot fingerprint directory '${root}': '${(0,file/* displayPath */.Gt)(path)}' is ${kind}; only files, ` +
        `directories and symlinks to them can be fingerprinted. Remove it or exclude it`);
}
function brokenSymlink(root, path, error) {
    const code = error.code;
    const shown = (0,file/* displayPath */.Gt)(path);
    if (code === 'ELOOP') {
        return new Error(`Cannot fingerprint directory '${root}': '${shown}' is a symlink loop. Fix the link or exclude it`);
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') {
        let target;
        try {
            target = (0,external_node_fs_.readlinkSync)(path, 'utf8');
        }
        catch {
            target = undefined;
        }
        const pointsTo = target === undefined ? '' : ` -> '${target}'`;
        return new Error(`Cannot fingerprint directory '${root}': '${shown}'${pointsTo} is a broken symlink ` +
            `(its target does not exist). Fix the link or exclude it`);
    }
    return (0,file/* describeFileError */.SQ)(error, path);
}
/**
 * The running digest text, fed strictly in walk order: each batch's text enters once every
 * batch before it has; later ones wait in `texts` until then.
 */
class OrderedDigest {
    hash = external_node_crypto_.createHash('sha256');
    texts = new Map();
    entries = new Map();
    next = 0;
    pendingEntries = 0;
    error;
    waiter;
    /** Entries sent for hashing whose text is not in the digest yet. */
    get pending() {
        return this.pendingEntries;
    }
    expect(batch) {
        this.entries.set(batch.id, batch.entries);
        this.pendingEntries += batch.entries;
    }
    /** A batch's text; an array is read before this returns (the pool reuses it), or copied. */
    resolve(id, text) {
        if (this.error)
            return;
        this.texts.set(id, id === this.next || typeof text === 'string' ? text : text.slice());
        for (let ready = this.texts.get(this.next); ready !== undefined;) {
            this.hash.update(ready);
            this.texts.delete(this.next);
            this.pendingEntries -= this.entries.get(this.next);
            this.entries.delete(this.next);
            ready = this.texts.get(++this.next);
        }
        if (this.waiter && this.pendingEntries <= this.waiter.limit) {
            const waiter = this.waiter;
            this.waiter = undefined;
            waiter.resolve();
        }
    }
    fail(error) {
        if (this.error)
            return;
        this.error = error;
        const waiter = this.waiter;
        this.waiter = undefined;
        waiter?.reject(error);
    }
    throwIfFailed() {
        if (this.error)
            throw this.error;
    }
    waitUntilPending(limit) {
        if (this.error)
            return Promise.reject(this.error);
        if (this.pendingEntries <= limit)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.waiter = { limit, resolve, reject };
        });
    }
    hex() {
        return this.hash.digest('hex');
    }
}

// EXTERNAL MODULE: ./node_modules/minimatch/dist/esm/index.js + 7 modules
var esm = __webpack_require__(3581);
;// CONCATENATED MODULE: ./src/fingerprint/search.ts




const IS_WINDOWS = process.platform === 'win32';
// The options @actions/glob gives minimatch, so patterns mean what they meant before.
const OPTIONS = {
    dot: true,
    nobrace: true,
    nocase: IS_WINDOWS,
    nocomment: true,
    noext: true,
    nonegate: true
};
/** One absolute glob pattern (already escaped where it is literal), matched as @actions/glob does. */
class SearchPattern {
    minimatch;
    directoriesOnly;
    endsInGlobstar;
    /** The longest literal path the pattern starts with: where its search starts. */
    searchPath;
    /** True when the pattern has no glob characters: it names one path. */
    literal;
    constructor(pattern) {
        const normalised = IS_WINDOWS ? pattern.replace(/\\/g, '/') : pattern;
        this.directoriesOnly = normalised.length > 1 && normalised.endsWith('/');
        const trimmed = this.directoriesOnly ? normalised.replace(/\/+$/, '') : normalised;
        this.endsInGlobstar = trimmed.endsWith('/**');
        this.minimatch = new esm/* Minimatch */.VR(trimmed, OPTIONS);
        const parts = this.minimatch.set[0] ?? [];
        const literal = [];
        for (const part of parts) {
            if (typeof part !== 'string')
                break;
            literal.push(part);
        }
        this.literal = literal.length === parts.length;
        if (literal.some((part, index) => index > 0 && (part === '.' || part === '..'))) {
            throw new Error(`'.' and '..' are allowed only at the start of a pattern`);
        }
        this.searchPath = external_node_path_.resolve(literal.join('/') || '/');
    }
    form(item) {
        return IS_WINDOWS ? item.replace(/\\/g, '/') : item;
    }
    /** Whether the pattern matches `item`, a directory or not. */
    matches(item, isDirectory) {
        if (this.directoriesOnly && !isDirectory)
            return false;
        const form = this.form(item);
        return this.minimatch.match(this.endsInGlobstar ? `${form}/` : form);
    }
    /** Whether something below `item` may match. */
    mayMatchBelow(item) {
        return this.minimatch.matchOne(this.form(item).split('/'), this.minimatch.set[0], true);
    }
}
/**
 * Every path the pattern matches, as @actions/glob finds them with symlinks followed, except
 * that with `root` (a real path) a symlink whose real path is outside it is never followed:
 * it is reported in `outside` when it matches, and nothing behind it is read.
 */
async function searchPattern(pattern, excluded, root) {
    const result = { matches: [], outside: [] };
    let startReal;
    try {
        startReal = await (0,promises_.realpath)(pattern.searchPath);
    }
    catch (error) {
        if (['ENOENT', 'ENOTDIR', 'ELOOP'].includes(error.code ?? '')) {
            return result;
        }
        throw error;
    }
    if (root !== undefined && !(0,src_workspace/* isInside */.FK)(root, startReal)) {
        result.outside.push({ path: pattern.searchPath, real: startReal });
        return result;
    }
    const visit = async (item, real, chain) => {
        let info;
        try {
            info = await (0,promises_.stat)(real);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return;
            throw error;
        }
        const isDirectory = info.isDirectory();
        if (pattern.matches(item, isDirectory) && !excluded(item, isDirectory)) {
            result.matches.push(item);
        }
        // A directory already on the way down is a symlink cycle: not walked again.
        if (!isDirectory || chain.includes(real) || !pattern.mayMatchBelow(item))
            return;
        const below = [...chain, real];
        for (const name of await (0,promises_.readdir)(real)) {
            const child = external_node_path_.join(item, name);
            if (!pattern.matches(child, true) && !pattern.mayMatchBelow(child))
                continue;
            let childReal = external_node_path_.join(real, name);
            const link = await (0,promises_.lstat)(childReal).catch(() => undefined);
            if (link === undefined)
                continue;
            if (link.isSymbolicLink()) {
                try {
                    childReal = await (0,promises_.realpath)(childReal);
                }
                catch {
                    continue; // a broken link or a loop: @actions/glob leaves these out too
                }
                if (root !== undefined && !(0,src_workspace/* isInside */.FK)(root, childReal)) {
                    // Not even its kind is asked: a match of either kind is reported and skipped.
                    const matched = [true, false].some(isDirectory => pattern.matches(child, isDirectory) && !excluded(child, isDirectory));
                    if (matched) {
                        result.outside.push({ path: child, real: childReal });
                    }
                    continue;
                }
            }
            await visit(child, childReal, below);
        }
    };
    await visit(pattern.searchPath, startReal, []);
    return result;
}

;// CONCATENATED MODULE: ./src/fingerprint/paths.ts









// Kept with the workspace helpers, which the inputs use without loading this engine.

const paths_IS_WINDOWS = process.platform === 'win32';
/**
 * Every path matched by the patterns (paths or globs relative to `workspace`), absolute,
 * de-duplicated, in the order of the patterns (each pattern's matches sorted by bytes), so the
 * first artifact is the first one listed. A `!pattern` removes matches of the others. A pattern that
 * matches nothing is an error naming it, and so is a relative pattern that climbs out of the
 * workspace (absolute paths may point anywhere, such as $RUNNER_TEMP). A relative pattern is held
 * to the workspace by real paths: a literal path that leads out through a symlink is an error, a
 * glob match that does is skipped with a warning, and nothing behind such a link is read.
 */
async function resolveArtifactPaths(patterns, workspace, options = {}) {
    const warn = options.warn ?? print/* print */.yy.warning;
    const input = options.input ?? 'artifact';
    const given = patterns.map(pattern => pattern.trim()).filter(pattern => pattern !== '');
    const negations = given
        .filter(pattern => pattern.startsWith('!'))
        .map(pattern => {
        try {
            return new SearchPattern(absolutePattern(pattern.slice(1).trim(), workspace));
        }
        catch (error) {
            throw new Error(`'${input}': the pattern '${pattern}' is not valid: ${error.message}`);
        }
    });
    const excluded = (item, isDirectory) => negations.some(negation => negation.matches(item, isDirectory));
    const positives = given.filter(pattern => !pattern.startsWith('!'));
    if (positives.length === 0) {
        throw new Error(`'${input}': no paths given; expected at least one path or glob pattern${input === 'artifact' ? ' of build output' : ''}`);
    }
    const outside = positives.find(src_workspace/* leavesWorkspace */.ck);
    if (outside !== undefined) {
        throw new Error(`'${input}': the pattern '${outside}' is outside the workspace; give an absolute path if you mean it`);
    }
    const root = (0,src_workspace/* realWorkspace */.id)(workspace);
    const found = new Set();
    for (const pattern of positives) {
        const confined = !isAbsolutePattern(pattern);
        let search;
        let result;
        try {
            search = new SearchPattern(absolutePattern(pattern, workspace));
            result = await searchPattern(search, excluded, confined ? root : undefined);
        }
        catch (error) {
            throw new Error(`'${input}': the pattern '${pattern}' could not be searched: ${error.message}`);
        }
        if (search.literal && result.outside.length > 0) {
            throw new Error(`'${input}': '${pattern}' leads out of the workspace to '${result.outside[0].real}' through ` +
                `a symlink; give an absolute path if you mean it`);
        }
        for (const skipped of result.outside) {
            warn(`'${input}': skipped '${relativeTo(workspace, skipped.path)}' (matched by '${pattern}'): ` +
                `it leads out of the workspace to '${skipped.real}' through a symlink; give an absolute ` +
                `path if you mean it`);
        }
        if (result.matches.length === 0) {
            const skipped = result.outside.length;
            const why = skipped === 0
                ? `under '${workspace}': check the path, and that the build wrote its output before this step`
                : `inside the workspace '${workspace}': ${skipped === 1 ? 'the one path it reaches leads' : `the ${skipped} paths it reaches lead`} out of it through a symlink; give an absolute path if you mean it`;
            throw new Error(`'${input}': the pattern '${pattern}' matches nothing ${why}`);
        }
        const sorted = result.matches
            .map(match => external_node_path_.resolve(match))
            .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        for (const match of sorted)
            found.add(match);
    }
    return [...found];
}
function isAbsolutePattern(pattern) {
    return external_node_path_.isAbsolute(pattern) || pattern === '~' || pattern.startsWith('~/');
}
function relativeTo(workspace, item) {
    return external_node_path_.relative(external_node_path_.resolve(workspace), item).split(external_node_path_.sep).join('/') || '.';
}
/** Anchors a workspace-relative pattern; leading `../` segments move the (escaped) base up. */
function absolutePattern(pattern, workspace) {
    if (external_node_path_.isAbsolute(pattern))
        return pattern;
    if (pattern === '~' || pattern.startsWith('~/'))
        return `${escapeGlob((0,external_node_os_.homedir)())}${pattern.slice(1)}`;
    let base = external_node_path_.resolve(workspace);
    const segments = pattern.split(paths_IS_WINDOWS ? /[\\/]+/ : /\/+/);
    while (segments.length > 0 && (segments[0] === '.' || segments[0] === '..')) {
        if (segments.shift() === '..')
            base = external_node_path_.dirname(base);
    }
    const rest = segments.join('/');
    const escaped = escapeGlob(base);
    if (rest === '')
        return escaped;
    return escaped.endsWith(external_node_path_.sep) ? `${escaped}${rest}` : `${escaped}${external_node_path_.sep}${rest}`;
}
/** The same escaping @actions/glob applies to the working directory. */
function escapeGlob(literal) {
    return (paths_IS_WINDOWS ? literal : literal.replace(/\\/g, '\\\\'))
        .replace(/(\[)(?=[^/]+\])/g, '[[]')
        .replace(/\?/g, '[?]')
        .replace(/\*/g, '[*]');
}
/**
 * Fingerprints one artifact path: a file's content digest or a directory digest. `auto` decides
 * by what the path is (following symlinks); `excludes` apply to directories only. Contents are
 * hashed in `pool`, the run's, or in one started for this call.
 */
async function fingerprintArtifact(artifactPath, type, excludes, pool) {
    let info;
    try {
        info = await (0,promises_.stat)(artifactPath);
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new Error(`Artifact '${artifactPath}' does not exist (or is a broken symlink)`);
        }
        throw (0,file/* describeFileError */.SQ)(error, artifactPath);
    }
    const kind = info.isDirectory()
        ? 'dir'
        : info.isFile()
            ? 'file'
            : undefined;
    if (kind === undefined) {
        throw new Error(`Artifact '${artifactPath}' is ${(0,file/* describeFileKind */.C2)(info)}; only files and directories can be fingerprinted`);
    }
    if (type !== 'auto' && type !== kind) {
        const actual = kind === 'dir' ? 'a directory' : 'a file';
        throw new Error(`artifact-type is ${type}, but '${artifactPath}' is ${actual}: use artifact-type: ${kind} or auto`);
    }
    if (kind === 'file') {
        return { fingerprint: await (0,fingerprint_pool/* fingerprintFile */.R)(artifactPath, pool), type: 'file' };
    }
    return { fingerprint: await fingerprintDirectory(artifactPath, { excludes, pool }), type: 'dir' };
}


/***/ })

};
