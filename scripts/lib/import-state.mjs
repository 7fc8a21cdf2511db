// What `npm start` imported into its n8n home last time, so it re-imports only what changed
// in the repository (or the environment) and leaves editor edits alone otherwise.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function loadImportState(home) {
	const file = join(home.dir, 'imported.json');
	const hashes = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
	return {
		/** Whether `value` (anything JSON) differs from what was recorded under `key`. */
		changed: (key, value) => hashes[key] !== hash(value),
		async record(key, value) {
			hashes[key] = hash(value);
			await writeFile(file, JSON.stringify(hashes, null, 2));
		},
	};
}

function hash(value) {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
