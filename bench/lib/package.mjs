// The package to benchmark: `npm pack` of the built repository, or, with AUTOENHANCE_DIST set
// (as for the jest suites), of the repository's package.json with that build as its dist/.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { packPackage, repoRoot } from '../../devkit/n8n/index.mjs';
import { runProcess } from '../../devkit/process.mjs';

const distDir = resolve(repoRoot, process.env.AUTOENHANCE_DIST ?? 'dist');

/** How many items the node runs at once unless told otherwise (the ideal of the HDR case uses it). */
export function defaultConcurrency() {
	return createRequire(import.meta.url)(join(distDir, 'nodes/Autoenhance/fields/options.js')).DEFAULT_CONCURRENCY;
}

/** Resolves { tgz, remove() }. */
export async function packBenchedPackage() {
	const destination = await mkdtemp(join(tmpdir(), 'autoenhance-bench-pack-'));
	const remove = () => rm(destination, { recursive: true, force: true });
	if (!process.env.AUTOENHANCE_DIST) return { tgz: await packPackage({ destination }), remove };

	const staging = join(destination, 'package');
	await cp(join(repoRoot, 'package.json'), join(staging, 'package.json'));
	// A build outside the repository may carry a node_modules link so that it resolves n8n-workflow.
	const filter = (source) => basename(source) !== 'node_modules';
	await cp(distDir, join(staging, 'dist'), { recursive: true, filter });
	const packed = await runProcess('npm', ['pack', '--json', '--pack-destination', destination], { cwd: staging });
	if (packed.code !== 0) throw new Error(`npm pack of ${distDir} failed:\n${packed.stderr}`);
	const [{ filename }] = JSON.parse(packed.stdout);
	return { tgz: join(destination, filename), remove };
}
