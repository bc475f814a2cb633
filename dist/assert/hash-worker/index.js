import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/fingerprint/file.ts


const READ_CHUNK_BYTES = 2 * 1024 * 1024;
// O_NONBLOCK keeps open() from hanging on a FIFO that slipped in; it changes nothing for regular files.
const OPEN_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0);
/** The code of the error for a path that is not a regular file (a directory, FIFO, device). */
const NOT_REGULAR = 'ENOTREGULAR';
/** Lowercase hex SHA-256 of bytes held in memory. */
const sha256Hex = typeof external_node_crypto_namespaceObject.hash === 'function'
    ? data => external_node_crypto_namespaceObject.hash('sha256', data, 'hex')
    : data => external_node_crypto_namespaceObject.createHash('sha256').update(data).digest('hex');
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
        const fd = (0,external_node_fs_namespaceObject.openSync)(path, OPEN_FLAGS);
        try {
            const info = (0,external_node_fs_namespaceObject.fstatSync)(fd);
            if (!info.isFile()) {
                const error = new Error(`it is ${describeFileKind(info)}, not a regular file`);
                throw Object.assign(error, { code: NOT_REGULAR });
            }
            const first = this.buffers[0];
            let bytesRead = (0,external_node_fs_namespaceObject.readSync)(fd, first, 0, READ_CHUNK_BYTES, null);
            let total = bytesRead;
            if (isLastRead(bytesRead, READ_CHUNK_BYTES, total, info.size)) {
                return sha256Hex(first.subarray(0, bytesRead));
            }
            const hash = external_node_crypto_namespaceObject.createHash('sha256');
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
            (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
    }
}
function readChunk(fd, buffer) {
    return new Promise((resolve, reject) => {
        (0,external_node_fs_namespaceObject.read)(fd, buffer, 0, buffer.length, null, (error, bytesRead) => error ? reject(error) : resolve(bytesRead));
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
function file_describeFileError(error, path) {
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

;// CONCATENATED MODULE: ./src/fingerprint/batch.ts

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
    return describeFileError(Object.assign(new Error(failure.message), { code: failure.code }), path);
}
// The builder's starting room: a batch of 512 files with names of a hundred bytes.
const BUILDER_BYTES = (/* unused pure expression or super */ null && (64 * 1024));
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

;// CONCATENATED MODULE: ./src/fingerprint/hash-worker.ts
// A file hashing thread of the pool (pool.ts). Each batch arrives at every worker; the workers
// claim its entries one at a time through a shared cursor and write their digest text in place.



const port = external_node_worker_threads_namespaceObject.parentPort;
if (!port)
    throw new Error('hash-worker runs as a worker thread only');
const progress = new Int32Array(external_node_worker_threads_namespaceObject.workerData.progress);
const hasher = new FileHasher();
const queue = [];
let draining = false;
port.on('message', (request) => {
    queue.push(request);
    if (!draining)
        void drain();
});
// One batch at a time: the hasher's buffers serve one file at a time.
async function drain() {
    draining = true;
    for (let request = queue.shift(); request; request = queue.shift()) {
        port?.postMessage(await hashBatch(request));
    }
    draining = false;
}
// Past any batch's last entry: a failed worker claims everything left at once.
const ALL_CLAIMED = 2 ** 30;
// Names and paths are turned into bytes here, one at a time: a Buffer per file would take
// memory outside the heap, which is given back only as the collector gets to it.
let scratch = Buffer.allocUnsafe(4096);
/** The bytes of a latin1 string (one byte per character), valid until the next call. */
function latin1Bytes(text) {
    if (text.length > scratch.length)
        scratch = Buffer.allocUnsafe(2 * text.length);
    return scratch.subarray(0, scratch.write(text, 0, 'latin1'));
}
async function hashBatch({ id, text, shared }) {
    const reader = new BatchReader(text);
    const cursor = new Int32Array(shared, 0, 1);
    const output = Buffer.from(shared, 4);
    let path = '';
    try {
        for (let i = Atomics.add(cursor, 0, 1);; i = Atomics.add(cursor, 0, 1)) {
            const entry = reader.entry(i);
            if (!entry)
                break;
            const { kind, payload, offset } = entry;
            if (kind === ITEM_TEXT) {
                output.write(payload, offset, 'latin1');
                continue;
            }
            if (kind === ITEM_DIRECTORY) {
                output.write(sha256Hex(latin1Bytes(payload)), offset, 'latin1');
                continue;
            }
            path = entryPath(entry);
            Atomics.store(progress, 0, id);
            Atomics.store(progress, 1, i);
            const contents = await hasher.hash(latin1Bytes(path));
            Atomics.store(progress, 1, -1);
            if (kind === ITEM_CONTENT) {
                output.write(contents, offset, 'latin1');
            }
            else {
                output.write(sha256Hex(latin1Bytes(payload)), offset, 'latin1');
                output.write(contents, offset + HEX_LENGTH, 'latin1');
            }
        }
    }
    catch (error) {
        Atomics.store(progress, 1, -1);
        // The batch fails as a whole: claim what is left so the other workers stop early too.
        Atomics.store(cursor, 0, ALL_CLAIMED);
        const { code, message } = error;
        return { id, failure: { path, code, message: message ?? String(error) } };
    }
    return { id };
}

