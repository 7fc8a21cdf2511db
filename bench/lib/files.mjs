// Input photos for the benchmark: random bytes (no image compresses or decodes in between, so
// every byte is carried), written in pieces so writing a big one takes no memory.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';

const PIECE = 1024 * 1024;

export async function writeRandomFile(path, size) {
	await mkdir(dirname(path), { recursive: true });
	async function* pieces() {
		for (let written = 0; written < size; written += PIECE) yield randomBytes(Math.min(PIECE, size - written));
	}
	await pipeline(pieces, createWriteStream(path));
	return path;
}
