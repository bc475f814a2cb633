export const id = 596;
export const ids = [596];
export const modules = {

/***/ 5496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ parseBatch),
/* harmony export */   e$: () => (/* binding */ BatchBuilder),
/* harmony export */   k3: () => (/* binding */ ITEM_CONTENT),
/* harmony export */   l9: () => (/* binding */ batchError),
/* harmony export */   p1: () => (/* binding */ HEX_LENGTH),
/* harmony export */   s3: () => (/* binding */ entryPath)
/* harmony export */ });
/* unused harmony exports ITEM_DIRECTORY, ITEM_TEXT, BatchReader */
/* harmony import */ var _file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8120);

/** Characters of one hex SHA-256. */
const HEX_LENGTH = 64;
/** Sets the directory (full path with a trailing separator) that later F items are in. */
const ITEM_PREFIX = 'P';
/** A directory: the hash of its name. */
const ITEM_DIRECTORY = 'D';
/** A file or a symlink to one: the hash of its name, then the hash of its contents. */
const ITEM_FILE = 'F';
/** Digest text known already (a symlink to a directory), appended as it is. */
const ITEM_TEXT = 'T';
/** A file by its full path: the hash of its contents only (a file artifact). */
const ITEM_CONTENT = 'C';
/** Characters of digest text an item of this kind makes (T items: their own length). */
function itemLength(kind, payloadLength) {
    if (kind === ITEM_TEXT)
        return payloadLength;
    return kind === ITEM_FILE ? 2 * HEX_LENGTH : HEX_LENGTH;
}
/** The entries of a batch's text (every item but P), in order. */
function parseBatch(text) {
    const reader = new BatchReader(text);
    const entries = [];
    for (let entry = reader.entry(0); entry; entry = reader.entry(entries.length)) {
        entries.push(entry);
    }
    return entries;
}
/**
 * Reads a batch's entries by index, each index above the one before, scanning the text once:
 * a worker claims rising indices, and builds nothing for the entries other workers claim.
 */
class BatchReader {
    text;
    start = 0;
    prefix = '';
    offset = 0;
    index = 0;
    constructor(text) {
        this.text = text;
    }
    /** The entry at `index` (above any index asked for before), or undefined past the last. */
    entry(index) {
        const text = this.text;
        // The text ends with a NUL, so every item is followed by one.
        for (let end = text.indexOf('\0', this.start); end !== -1; end = text.indexOf('\0', this.start)) {
            const itemStart = this.start;
            const kind = text[itemStart];
            this.start = end + 1;
            if (kind === ITEM_PREFIX) {
                this.prefix = text.slice(itemStart + 1, end);
                continue;
            }
            const offset = this.offset;
            this.offset += itemLength(kind, end - itemStart - 1);
            if (this.index++ === index) {
                return { kind, payload: text.slice(itemStart + 1, end), prefix: this.prefix, offset };
            }
        }
        return undefined;
    }
}
/** The path (latin1) an F or C entry reads. */
function entryPath(entry) {
    return entry.kind === ITEM_CONTENT ? entry.payload : entry.prefix + entry.payload;
}
/** Turns a failure reported by a worker into an error that names the path. */
function batchError(failure) {
    const path = Buffer.from(failure.path, 'latin1');
    return (0,_file_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFileError */ .SQ)(Object.assign(new Error(failure.message), { code: failure.code }), path);
}
// The builder's starting room: a batch of 512 files with names of a hundred bytes.
const BUILDER_BYTES = 64 * 1024;
/**
 * Collects walk entries into batches of at most `maxEntries`. The text is written as bytes into
 * one buffer and made a string once per batch: a string grown entry by entry leaves a chain of
 * pieces per batch for the collector.
 */
class BatchBuilder {
    maxEntries;
    send;
    buffer = Buffer.allocUnsafe(BUILDER_BYTES);
    used = 0;
    entries = 0;
    length = 0;
    prefix;
    nextId = 0;
    constructor(maxEntries, send) {
        this.maxEntries = maxEntries;
        this.send = send;
    }
    directory(name) {
        this.add(ITEM_DIRECTORY, name, HEX_LENGTH);
    }
    file(prefix, name) {
        if (prefix !== this.prefix) {
            this.write(ITEM_PREFIX, prefix);
            this.prefix = prefix;
        }
        this.add(ITEM_FILE, name, 2 * HEX_LENGTH);
    }
    literal(hex) {
        this.add(ITEM_TEXT, hex, hex.length);
    }
    flush() {
        if (this.entries === 0)
            return;
        const text = this.buffer.toString('latin1', 0, this.used);
        const batch = { id: this.nextId++, text, entries: this.entries, length: this.length };
        this.used = 0;
        this.entries = 0;
        this.length = 0;
        this.prefix = undefined;
        // Room grown for very long paths is given back.
        if (this.buffer.length > 16 * BUILDER_BYTES)
            this.buffer = Buffer.allocUnsafe(BUILDER_BYTES);
        this.send(batch);
    }
    add(kind, payload, length) {
        this.write(kind, payload);
        this.length += length;
        if (++this.entries >= this.maxEntries)
            this.flush();
    }
    /** One item: its kind, its payload (latin1: one byte per character) and a NUL. */
    write(kind, payload) {
        const end = this.used + payload.length + 2;
        if (end > this.buffer.length) {
            const grown = Buffer.allocUnsafe(Math.max(end, 2 * this.buffer.length));
            this.buffer.copy(grown, 0, 0, this.used);
            this.buffer = grown;
        }
        this.buffer.write(kind, this.used, 'latin1');
        this.buffer.write(payload, this.used + 1, 'latin1');
        this.buffer[end - 1] = 0;
        this.used = end;
    }
}


/***/ }),

/***/ 8120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C2: () => (/* binding */ describeFileKind),
/* harmony export */   Gt: () => (/* binding */ displayPath),
/* harmony export */   SQ: () => (/* binding */ describeFileError),
/* harmony export */   fg: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* unused harmony exports READ_CHUNK_BYTES, FileHasher, isLastRead */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);


const READ_CHUNK_BYTES = (/* unused pure expression or super */ null && (2 * 1024 * 1024));
// O_NONBLOCK keeps open() from hanging on a FIFO that slipped in; it changes nothing for regular files.
const OPEN_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NONBLOCK ?? 0);
/** The code of the error for a path that is not a regular file (a directory, FIFO, device). */
const NOT_REGULAR = 'ENOTREGULAR';
/** Lowercase hex SHA-256 of bytes held in memory. */
const sha256Hex = typeof node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash === 'function'
    ? data => node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash('sha256', data, 'hex')
    : data => node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256').update(data).digest('hex');
/**
 * Hashes one file after another through the same two buffers, so no file allocates any. The
 * first chunk is read synchronously (most files end there); past it, the next chunk is read in
 * the background while the previous one is hashed. Errors carry Node's `code` (or NOT_REGULAR)
 * and no path: the caller names the path.
 */
class FileHasher {
    buffers = [
        Buffer.allocUnsafe(READ_CHUNK_BYTES),
        Buffer.allocUnsafe(READ_CHUNK_BYTES)
    ];
    /** SHA-256 of the file's bytes as 64 lowercase hex; a symlink is followed. */
    async hash(path) {
        const fd = openSync(path, OPEN_FLAGS);
        try {
            const info = fstatSync(fd);
            if (!info.isFile()) {
                const error = new Error(`it is ${describeFileKind(info)}, not a regular file`);
                throw Object.assign(error, { code: NOT_REGULAR });
            }
            const first = this.buffers[0];
            let bytesRead = readSync(fd, first, 0, READ_CHUNK_BYTES, null);
            let total = bytesRead;
            if (isLastRead(bytesRead, READ_CHUNK_BYTES, total, info.size)) {
                return sha256Hex(first.subarray(0, bytesRead));
            }
            const hash = crypto.createHash('sha256');
            let current = 0;
            for (;;) {
                const pending = readChunk(fd, this.buffers[current ^ 1]);
                // Never leave a read's rejection unobserved if update throws before the await.
                pending.catch(() => undefined);
                hash.update(this.buffers[current].subarray(0, bytesRead));
                bytesRead = await pending;
                total += bytesRead;
                current ^= 1;
                if (isLastRead(bytesRead, READ_CHUNK_BYTES, total, info.size)) {
                    return hash.update(this.buffers[current].subarray(0, bytesRead)).digest('hex');
                }
            }
        }
        finally {
            closeSync(fd);
        }
    }
}
function readChunk(fd, buffer) {
    return new Promise((resolve, reject) => {
        read(fd, buffer, 0, buffer.length, null, (error, bytesRead) => error ? reject(error) : resolve(bytesRead));
    });
}
/**
 * The end of a file: a read that returns nothing, or a short read that reaches the size fstat
 * gave (which saves the extra read per small file). A short read short of that size (a file
 * that changed, or one like /proc's that reports no size) reads on until a read returns nothing.
 */
function isLastRead(bytesRead, requested, total, size) {
    return bytesRead === 0 || (bytesRead < requested && total === size);
}
function displayPath(path) {
    return typeof path === 'string' ? path : path.toString('utf8');
}
function describeFileKind(info) {
    if (info.isDirectory())
        return 'a directory';
    if (info.isFIFO())
        return 'a FIFO (named pipe)';
    if (info.isSocket())
        return 'a socket';
    if (info.isCharacterDevice())
        return 'a character device';
    if (info.isBlockDevice())
        return 'a block device';
    return 'not a regular file';
}
/** Turns a Node fs error (or a NOT_REGULAR one) into one that names the path and says what to check. */
function describeFileError(error, path) {
    const code = error?.code;
    const shown = displayPath(path);
    switch (code) {
        case 'ENOENT':
            return new Error(`Cannot fingerprint '${shown}': no such file (or it is a broken symlink)`);
        case 'EACCES':
        case 'EPERM':
            return new Error(`Cannot fingerprint '${shown}': permission denied; make it readable`);
        case 'ELOOP':
            return new Error(`Cannot fingerprint '${shown}': it is a symlink loop`);
        case 'EISDIR':
            return new Error(`Cannot fingerprint '${shown}': it is a directory, not a file`);
        default:
            return new Error(`Cannot fingerprint '${shown}': ${error.message ?? String(error)}`);
    }
}


/***/ }),

/***/ 9596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HashPool: () => (/* binding */ HashPool),
/* harmony export */   R: () => (/* binding */ fingerprintFile)
/* harmony export */ });
/* unused harmony export contentBatch */
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _batch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5496);
/* harmony import */ var _file_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8120);






/** The input that sets the pool's deadline, named in the error when it passes. */
const TIMEOUT_INPUT = 'fingerprint-timeout';
// Batches sent ahead of their claims, so a worker finds the next one queued when it runs dry.
const UNCLAIMED_BATCHES = 16;
// Room for a claim cursor and the digest text of 512 files (a full directory batch): nearly every
// batch fits, so the few buffers in flight serve the whole run.
const SHARED_BYTES = 4 + 512 * 2 * _batch_js__WEBPACK_IMPORTED_MODULE_4__/* .HEX_LENGTH */ .p1;
// Spare buffers kept: more than are ever in flight at once (UNCLAIMED_BATCHES and those finishing).
const MAX_SPARE_BUFFERS = 2 * UNCLAIMED_BATCHES;
// A worker's young generation: its garbage is per entry and short-lived, so a small one collects it
// as well as V8's default of tens of MB, which every worker would otherwise grow to on a big tree.
const WORKER_YOUNG_GENERATION_MB = 4;
// The longest delay a Node timer holds.
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * The threads that hash file contents, shared by every artifact of a run: one engine for a file
 * artifact and for directories, whatever the concurrency. Workers start on the first job, all at
 * once, and every batch goes to every worker, which claim its entries one by one through a shared
 * cursor: a directory of two files is hashed on two cores, and a worker held up by a large file
 * never holds up work the others could do. With `timeoutSeconds`, every job fails once that
 * deadline passes, naming what was being read.
 */
class HashPool {
    size;
    workers = [];
    jobs = new Set();
    sent = new Map();
    // Output memory of finished batches, reused: shared memory is freed only once every thread has
    // collected its handle to it, which on a long walk lags far behind, holding tens of MB.
    spare = [];
    ready = [];
    readyHead = 0;
    // Batches sent that no worker has finished claiming yet.
    unclaimed = 0;
    nextId = 0;
    stopped;
    timer;
    constructor(options = {}) {
        this.size = options.size ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)();
        if (!Number.isInteger(this.size) || this.size < 1) {
            throw new Error(`Directory fingerprint concurrency must be a whole number of 1 or more, got ${this.size}`);
        }
        const seconds = options.timeoutSeconds;
        if (seconds !== undefined) {
            this.timer = setTimeout(() => this.expire(seconds), Math.min(seconds * 1000, MAX_TIMER_MS));
            // Outstanding work keeps the process alive; the deadline alone does not.
            this.timer.unref();
        }
    }
    /** Starts a job; a failure of any of its batches, or of the pool, goes to `fail` once. */
    job(fail) {
        if (this.stopped)
            throw this.stopped;
        const state = { fail, failed: false, listing: undefined };
        this.jobs.add(state);
        this.startWorkers();
        return {
            submit: (text, length, deliver) => {
                if (state.failed || this.stopped)
                    return;
                this.ready.push({ id: this.nextId++, text, length, job: state, deliver });
                this.pump();
            },
            listing: path => {
                state.listing = path;
            },
            end: () => {
                this.jobs.delete(state);
            }
        };
    }
    /** True when a worker would idle without more work: a walk then sends a partial batch. */
    wantsWork() {
        return this.readyHead === this.ready.length && this.unclaimed === 0;
    }
    /**
     * Stops the workers and the deadline; jobs still running fail. It does not wait for the threads
     * to end: one stuck in a read that never returns (a stalled mount) ends only when the read does.
     */
    async close() {
        if (this.timer)
            clearTimeout(this.timer);
        this.stopped ??= new Error('Fingerprinting was stopped: the hashing pool is closed');
        this.reset(this.stopped);
    }
    startWorkers() {
        if (this.workers.length > 0)
            return;
        for (let i = 0; i < this.size; i++)
            this.workers.push(this.startWorker());
    }
    startWorker() {
        const progress = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
        const pooled = {
            worker: spawnHashWorker({ progress }),
            progress: new Int32Array(progress).fill(-1),
            outstanding: 0
        };
        const { worker } = pooled;
        worker.unref();
        worker.on('message', (reply) => {
            if (this.workers.includes(pooled))
                this.receive(pooled, reply);
        });
        worker.on('error', error => {
            this.crash(pooled, new Error(`A file hashing worker failed: ${error.message}`));
        });
        worker.on('exit', code => {
            this.crash(pooled, new Error(`A file hashing worker stopped unexpectedly (exit code ${code})`));
        });
        return pooled;
    }
    pump() {
        while (this.readyHead < this.ready.length && this.unclaimed < UNCLAIMED_BATCHES) {
            const batch = this.ready[this.readyHead++];
            if (batch.job.failed)
                continue;
            // A claim cursor, then the batch's text.
            const shared = this.takeShared(4 + batch.length);
            const output = new Uint8Array(shared, 4, batch.length);
            this.sent.set(batch.id, {
                ...batch,
                shared,
                output,
                recipients: this.workers.length,
                replies: 0
            });
            this.unclaimed++;
            const request = { id: batch.id, text: batch.text, shared };
            for (const pooled of this.workers) {
                if (pooled.outstanding++ === 0)
                    pooled.worker.ref();
                pooled.worker.postMessage(request);
            }
        }
        if (this.readyHead > 1024 && this.readyHead === this.ready.length) {
            this.ready = [];
            this.readyHead = 0;
        }
    }
    receive(pooled, reply) {
        if (--pooled.outstanding === 0)
            pooled.worker.unref();
        const batch = this.sent.get(reply.id);
        if (!batch)
            return;
        if (reply.failure)
            failJob(batch.job, (0,_batch_js__WEBPACK_IMPORTED_MODULE_4__/* .batchError */ .l9)(reply.failure));
        // The first reply means every entry is claimed: the batch no longer feeds any worker.
        if (batch.replies++ === 0)
            this.unclaimed--;
        if (batch.replies === batch.recipients) {
            this.sent.delete(reply.id);
            try {
                if (!batch.job.failed)
                    batch.deliver(batch.output);
            }
            finally {
                // Every worker is done with it and `deliver` has returned: nothing reads it any more.
                if (this.spare.length < MAX_SPARE_BUFFERS)
                    this.spare.push(batch.shared);
            }
        }
        this.pump();
    }
    /** Memory for a batch of `bytes` (cursor and text), its cursor at 0: a spare one if it fits. */
    takeShared(bytes) {
        const index = this.spare.findIndex(shared => shared.byteLength >= bytes);
        if (index === -1)
            return new SharedArrayBuffer(Math.max(bytes, SHARED_BYTES));
        const [shared] = this.spare.splice(index, 1);
        Atomics.store(new Int32Array(shared, 0, 1), 0, 0);
        return shared;
    }
    crash(pooled, error) {
        // A worker the pool stopped on purpose, or one whose failure was handled already.
        if (!this.workers.includes(pooled))
            return;
        this.reset(error);
    }
    /** Fails every job and stops the workers; a later job (unless stopped) starts fresh ones. */
    reset(error) {
        const workers = this.workers;
        this.workers = [];
        // Unfinished batches' memory is dropped, not reused: a stopping worker may still write to it.
        this.sent.clear();
        this.ready = [];
        this.readyHead = 0;
        this.unclaimed = 0;
        for (const job of this.jobs)
            failJob(job, error);
        this.jobs.clear();
        for (const { worker } of workers) {
            // Stopped workers never keep the process alive, even one that cannot stop yet.
            worker.unref();
            void worker.terminate();
        }
    }
    expire(seconds) {
        if (this.stopped)
            return;
        this.stopped = new Error(`Fingerprinting did not finish within ${TIMEOUT_INPUT} (${seconds} s)${this.reading()}. ` +
            'If that path should not be fingerprinted (a file in /proc or on a stalled mount can ' +
            `read without end), exclude it; if the build output is just large, raise ${TIMEOUT_INPUT}`);
        this.reset(this.stopped);
    }
    /** What the workers are reading now, or else the directories the walks are listing. */
    reading() {
        const files = [];
        for (const { progress } of this.workers) {
            const index = Atomics.load(progress, 1);
            const batch = index < 0 ? undefined : this.sent.get(Atomics.load(progress, 0));
            const entry = batch && (0,_batch_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBatch */ .Gc)(batch.text)[index];
            if (entry)
                files.push((0,_batch_js__WEBPACK_IMPORTED_MODULE_4__/* .entryPath */ .s3)(entry));
        }
        const paths = files.length > 0 ? files : [...this.jobs].flatMap(job => job.listing ?? []);
        if (paths.length === 0)
            return '';
        const shown = [...new Set(paths)].map(path => `'${(0,_file_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(Buffer.from(path, 'latin1'))}'`);
        return `: it was still reading ${shown.join(' and ')}`;
    }
}
function failJob(job, error) {
    if (job.failed)
        return;
    job.failed = true;
    job.fail(error);
}
/** A batch text that hashes one file's contents (a C item): 64 characters of digest text. */
function contentBatch(path) {
    return { text: `${_batch_js__WEBPACK_IMPORTED_MODULE_4__/* .ITEM_CONTENT */ .k3}${Buffer.from(path).toString('latin1')}\0`, length: _batch_js__WEBPACK_IMPORTED_MODULE_4__/* .HEX_LENGTH */ .p1 };
}
/**
 * SHA-256 of a file's bytes as 64 lowercase hex; a symlink is followed. Hashed in `pool`, or in a
 * pool of one worker started for it.
 */
async function fingerprintFile(path, pool) {
    const own = pool ? undefined : new HashPool({ size: 1 });
    let job;
    try {
        return await new Promise((resolve, reject) => {
            job = (pool ?? own).job(reject);
            const { text, length } = contentBatch(path);
            job.submit(text, length, output => resolve(Buffer.from(output).toString('latin1')));
        });
    }
    finally {
        job?.end();
        await own?.close();
    }
}
/**
 * Starts a hash worker. The bundle carries it as its own file next to index.js. From source
 * (tests, tsx), the TypeScript worker is compiled once per process with esbuild, the compiler tsx
 * runs on: compiling it in every new thread would cost more than the thread itself.
 */
function spawnHashWorker(workerData) {
    const here = import.meta.url;
    // No inherited flags: a loader or --input-type would only slow or break the worker.
    const options = {
        execArgv: [],
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }
    };
    // A loader may add a query to the module's URL (local-action's does): look at the path alone.
    if (!new URL(here).pathname.endsWith('.ts')) {
        return new node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.Worker(new URL(BUNDLED_WORKER, here), options);
    }
    workerSource ??= compileWorker(here);
    return new node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.Worker(workerSource, { ...options, eval: true });
}
/** The bundled worker's file, relative to the bundle's index.js (see the bundle script). */
const BUNDLED_WORKER = './hash-worker/index.js';
let workerSource;
/** hash-worker.ts and what it imports, as one script in a function scope (an eval'd worker's form). */
function compileWorker(here) {
    // Resolved at run time: only the source tree has esbuild (through tsx), never the bundle.
    const esbuild = (0,node_module__WEBPACK_IMPORTED_MODULE_0__.createRequire)(here)('esbuild');
    const result = esbuild.buildSync({
        entryPoints: [(0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(new URL('hash-worker.ts', here))],
        bundle: true,
        platform: 'node',
        format: 'iife',
        target: 'node20',
        write: false,
        logLevel: 'silent'
    });
    return result.outputFiles[0].text;
}


/***/ })

};
