// Uploaded bytes live in files, never in memory: a body is streamed to a temporary file
// (hashing on the way) and renamed over the blob's file, so a download already reading the
// previous bytes keeps its own copy.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes kept from the start of each upload, to recognise the CORRUPT marker. */
const HEAD_BYTES = 16;

/** Counts, hashes and keeps the head of what flows through it. */
function meter(onChunk) {
	const sha256 = createHash('sha256');
	const md5 = createHash('md5');
	const stats = { size: 0, head: Buffer.alloc(0) };
	const stream = new Transform({
		transform(chunk, _encoding, callback) {
			if (stats.head.length < HEAD_BYTES) {
				stats.head = Buffer.concat([stats.head, chunk.subarray(0, HEAD_BYTES - stats.head.length)]);
			}
			stats.size += chunk.length;
			onChunk(chunk.length);
			sha256.update(chunk);
			md5.update(chunk);
			callback(null, chunk);
		},
	});
	const result = () => ({ ...stats, sha256: sha256.digest('hex'), md5: md5.digest('hex') });
	return { stream, stats, result };
}

export async function createStorage(storageDir) {
	const owned = storageDir === undefined;
	const dir = owned ? await mkdtemp(join(tmpdir(), 'fake-autoenhance-')) : storageDir;
	if (!owned) await mkdir(dir, { recursive: true });

	return {
		dir,
		pathFor: (blobId) => join(dir, blobId),

		/**
		 * Streams `source` into the file at `path`; `onChunk(length)` sees each chunk go by.
		 * Resolves { size, sha256, md5, head }. When the size is not `expectedSize` or the
		 * stream fails, rejects (code SIZE_MISMATCH for the former) and leaves the previous file.
		 */
		async save(source, path, { expectedSize, onChunk = () => {} } = {}) {
			const partial = `${path}.${randomUUID()}.part`;
			const { stream, result } = meter(onChunk);
			try {
				await pipeline(source, stream, createWriteStream(partial));
				const saved = result();
				if (expectedSize !== undefined && saved.size !== expectedSize) {
					throw Object.assign(new Error('size mismatch'), { code: 'SIZE_MISMATCH' });
				}
				await rename(partial, path);
				return saved;
			} catch (error) {
				await unlink(partial).catch(() => {});
				throw error;
			}
		},

		async close() {
			if (owned) await rm(dir, { recursive: true, force: true });
		},
	};
}
