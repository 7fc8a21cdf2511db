// The compiled package under test. AUTOENHANCE_DIST lets a build in another folder be tested.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(root, process.env.AUTOENHANCE_DIST ?? 'dist');
const require = createRequire(import.meta.url);

export const { Autoenhance } = require(path.join(dist, 'nodes/Autoenhance/Autoenhance.node.js'));
export const { AutoenhanceApi } = require(path.join(dist, 'credentials/AutoenhanceApi.credentials.js'));

/** A compiled module of the node folder, e.g. loadNode('transport/index.js'). */
export function loadNode(relativePath) {
	return require(path.join(dist, 'nodes/Autoenhance', relativePath));
}
