// A test certificate authority and one server certificate for every host the stand-ins answer
// as, made with the openssl command line. n8n trusts the authority through NODE_EXTRA_CA_CERTS,
// so its own HTTPS clients accept the stand-ins as www.googleapis.com and the Dropbox hosts.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess, tail } from '../process.mjs';

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args, cwd) {
	let result;
	try {
		result = await runProcess('openssl', args, { cwd });
	} catch (error) {
		if (error.code === 'ENOENT') throw new Error('openssl is not installed: apt-get install openssl (or brew install openssl)');
		throw error;
	}
	if (result.code !== 0) throw new Error(`openssl ${args[0]} failed:\n${tail(result.stdout, result.stderr)}`);
}

/**
 * Makes (or reuses, when `dir` already holds them for the same hosts) ca.pem, server.pem and
 * server.key in `dir`. Resolves { caFile, cert, key }: the CA's path and the server's PEM texts.
 */
export async function testCertificates(dir, hosts) {
	await mkdir(dir, { recursive: true });
	const hostsFile = join(dir, 'hosts.txt');
	const wanted = hosts.join('\n');
	const reusable = existsSync(hostsFile) && (await readFile(hostsFile, 'utf8')) === wanted;
	if (!reusable) {
		await openssl(['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650',
			'-subj', '/CN=n8n-nodes-autoenhance storage stand-ins test CA',
			'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
		await openssl(['req', ...EC_KEY, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=storage stand-ins'], dir);
		await writeFile(
			join(dir, 'server.ext'),
			`subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}\nbasicConstraints=CA:FALSE\n` +
				'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
		);
		await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
			'-out', 'server.pem', '-days', '825', '-extfile', 'server.ext'], dir);
		await writeFile(hostsFile, wanted);
	}
	const [cert, key] = await Promise.all([readFile(join(dir, 'server.pem'), 'utf8'), readFile(join(dir, 'server.key'), 'utf8')]);
	return { caFile: join(dir, 'ca.pem'), cert, key };
}
