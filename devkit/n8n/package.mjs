// The package as users get it: `npm pack` of the built repository, unpacked into an n8n
// home the way n8n's Community Nodes installer leaves it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../process.mjs';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Packs the built repository (run `npm run build` first) into a temp dir; resolves the .tgz path. */
export async function packPackage({ destination } = {}) {
	const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!existsSync(join(repoRoot, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
	}
	const dir = destination ?? (await mkdtemp(join(tmpdir(), 'autoenhance-pack-')));
	await mkdir(dir, { recursive: true });
	const packed = await runProcess('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot });
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
	const [{ filename }] = JSON.parse(packed.stdout);
	return join(dir, filename);
}

/**
 * Installs a packed tarball into `<home>/.n8n/nodes` like n8n 2.8's CommunityPackagesService
 * does: extracted to node_modules/<name>, dev/peer/optional dependencies dropped from its
 * package.json, listed in the folder's package.json. Replaces an earlier version.
 * (n8n also records the package in its database for Settings → Community nodes; the nodes
 * load without that record.)
 */
export async function installPackage(home, packageTgz) {
	const nodesDir = join(home.n8nFolder, 'nodes');
	await mkdir(join(nodesDir, 'node_modules'), { recursive: true });
	const staging = await mkdtemp(join(nodesDir, '.unpack-'));
	try {
		const untar = await runProcess('tar', ['-xzf', packageTgz, '-C', staging, '--strip-components=1']);
		if (untar.code !== 0) throw new Error(`tar -xzf ${packageTgz} failed:\n${untar.stderr}`);
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
			await readFile(join(staging, 'package.json'), 'utf8'),
		);
		if (Object.keys(manifest.dependencies ?? {}).length > 0) {
			throw new Error(`${manifest.name} has runtime dependencies; community packages must not`);
		}
		await writeFile(join(staging, 'package.json'), JSON.stringify(manifest, null, 2));

		const target = join(nodesDir, 'node_modules', manifest.name);
		await rm(target, { recursive: true, force: true });
		await rename(staging, target);
		await listDependency(nodesDir, manifest.name, manifest.version);
		return { name: manifest.name, version: manifest.version, dir: target };
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}

async function listDependency(nodesDir, name, version) {
	const file = join(nodesDir, 'package.json');
	const folder = existsSync(file)
		? JSON.parse(await readFile(file, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	folder.dependencies = { ...folder.dependencies, [name]: version };
	await writeFile(file, JSON.stringify(folder, null, 2));
}
