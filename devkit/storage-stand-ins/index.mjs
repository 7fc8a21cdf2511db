// Local stand-ins for Google Drive v3 and Dropbox API v2, reached by n8n's own Google Drive,
// Google Drive Trigger and Dropbox nodes, unchanged, through n8n's proxy support: the n8n
// processes get HTTPS_PROXY pointing at proxy.mjs, which tunnels www.googleapis.com,
// oauth2.googleapis.com, api.dropboxapi.com and content.dropboxapi.com to one TLS listener on
// 127.0.0.1 and refuses every other host; NODE_EXTRA_CA_CERTS makes them trust its test CA.
// See README.md beside this file.
import { createServer } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCertificates } from './certificates.mjs';
import { createDrive, DRIVE_HOST } from './google-drive.mjs';
import { createDropbox, DROPBOX_API_HOST, DROPBOX_CONTENT_HOST } from './dropbox.mjs';
import { createOAuthClient } from './oauth.mjs';
import { startStandInProxy } from './proxy.mjs';
import { sendError, StandInError } from './responses.mjs';

const GOOGLE_TOKEN_HOST = 'oauth2.googleapis.com';
export const STAND_IN_HOSTS = [DRIVE_HOST, GOOGLE_TOKEN_HOST, DROPBOX_API_HOST, DROPBOX_CONTENT_HOST];

export const DRIVE_CREDENTIAL = { id: 'StandInDrive0001', name: 'Google Drive (local stand-in)', type: 'googleDriveOAuth2Api' };
export const DROPBOX_CREDENTIAL = { id: 'StandInDropbox01', name: 'Dropbox (local stand-in)', type: 'dropboxOAuth2Api' };

function tokenData(client, accessToken, expiresIn) {
	return { access_token: accessToken, refresh_token: client.refreshToken, token_type: 'Bearer', expires_in: expiresIn };
}

/**
 * Starts the stand-ins. `certDir`: where the test CA and certificate are kept (default: a temp
 * folder, removed on close). `expiredGoogleToken`: the Drive credential starts with an access
 * token Google has expired, so n8n's first request is a 401 and n8n refreshes it.
 * Resolves { drive, dropbox, googleOAuth, dropboxOAuth, env, credentials, requests, refused, close() }:
 * `env` holds the settings of every n8n process that should reach them.
 */
export async function startStorageStandIns({ certDir, expiredGoogleToken = false } = {}) {
	const tempDir = certDir ? undefined : await mkdtemp(join(tmpdir(), 'storage-stand-ins-'));
	const { caFile, cert, key } = await testCertificates(certDir ?? tempDir, STAND_IN_HOSTS);
	const googleOAuth = createOAuthClient({ prefix: 'ya29', expiresIn: 3599 });
	const dropboxOAuth = createOAuthClient({ prefix: 'sl', expiresIn: 14400 });
	const drive = createDrive({ oauth: googleOAuth });
	const dropbox = createDropbox({ oauth: dropboxOAuth });
	const requests = [];

	const routes = {
		[DRIVE_HOST]: drive.handle,
		[GOOGLE_TOKEN_HOST]: (req, res, url) =>
			url.pathname === '/token' ? googleOAuth.handleToken(req, res) : sendError(res, new StandInError(404, 'Not Found')),
		[DROPBOX_API_HOST]: dropbox.handle,
		[DROPBOX_CONTENT_HOST]: dropbox.handle,
	};
	const server = createServer({ cert, key }, (req, res) => {
		const url = new URL(req.url, `https://${req.headers.host}`);
		const record = { host: url.host, method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, status: null };
		requests.push(record);
		res.on('finish', () => (record.status = res.statusCode));
		Promise.resolve(routes[url.host]?.(req, res, url) ?? sendError(res, new StandInError(421, `${url.host} is not served here`))).catch((error) => {
			if (!(error instanceof StandInError)) console.error(`[storage stand-ins] ${req.method} ${url.href}:`, error);
			if (res.headersSent) return res.destroy();
			sendError(res, error instanceof StandInError ? error : new StandInError(500, { error: { code: 500, message: error.message } }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const proxy = await startStandInProxy({ hosts: STAND_IN_HOSTS, tlsPort: server.address().port });

	const googleToken = expiredGoogleToken ? googleOAuth.expiredToken : googleOAuth.accessToken;
	return {
		drive,
		dropbox,
		googleOAuth,
		dropboxOAuth,
		requests,
		refused: proxy.refused,
		proxyUrl: proxy.url,
		caFile,
		env: {
			HTTPS_PROXY: proxy.url,
			HTTP_PROXY: proxy.url,
			NO_PROXY: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: caFile,
		},
		credentials: [
			{ ...DRIVE_CREDENTIAL, data: { clientId: googleOAuth.clientId, clientSecret: googleOAuth.clientSecret, oauthTokenData: tokenData(googleOAuth, googleToken, 3599) } },
			{ ...DROPBOX_CREDENTIAL, data: { clientId: dropboxOAuth.clientId, clientSecret: dropboxOAuth.clientSecret, accessType: 'full', oauthTokenData: tokenData(dropboxOAuth, dropboxOAuth.accessToken, 14400) } },
		],
		async close() {
			await proxy.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			if (tempDir) await rm(tempDir, { recursive: true, force: true });
		},
	};
}
