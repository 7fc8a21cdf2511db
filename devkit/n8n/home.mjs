import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installPackage } from './package.mjs';

/**
 * An N8N_USER_FOLDER with the package installed as a community package.
 *
 * @param options.packageTgz  from packPackage(); omit to install nothing (yet)
 * @param options.dir         a persistent folder to (re)use; default: a new temp folder
 * @param options.fileAccess  extra folders the Read/Write Files from Disk node may use,
 *                            besides the home's own `files/` folder
 * @param options.env         n8n settings every process of this home gets (e.g. its database)
 * @returns {{ dir, n8nFolder, filesDir, fileAccess, env, remove() }}
 */
export async function createN8nHome({ packageTgz, dir, fileAccess = [], env = {} } = {}) {
	const homeDir = dir ? resolve(dir) : await mkdtemp(join(tmpdir(), 'n8n-home-'));
	const home = {
		dir: homeDir,
		n8nFolder: join(homeDir, '.n8n'),
		filesDir: join(homeDir, 'files'),
		fileAccess: [join(homeDir, 'files'), ...fileAccess.map((path) => resolve(path))],
		env,
		remove: () => rm(homeDir, { recursive: true, force: true }),
	};
	await mkdir(join(home.n8nFolder, 'nodes'), { recursive: true });
	await mkdir(home.filesDir, { recursive: true });
	if (packageTgz) await installPackage(home, packageTgz);
	return home;
}
