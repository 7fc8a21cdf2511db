// Input photos for the benchmark: random bytes (no image compresses or decodes in between, so
// every byte is carried) behind the marker every JPEG starts with, as the node checks that a
// download is no text document; written in pieces so writing a big one takes no memory.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';

const PIECE = 1024 * 1024;
/** Start of image, then the APP0 (JFIF) marker. */
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

export async function writeRandomPhoto(path, size) {
	await mkdir(dirname(path), { recursive: true });
	async function* pieces() {
		yield JPEG_START.subarray(0, size);
		for (let written = JPEG_START.length; written < size; written += PIECE) yield randomBytes(Math.min(PIECE, size - written));
	}
	await pipeline(pieces, createWriteStream(path));
	return path;
}
