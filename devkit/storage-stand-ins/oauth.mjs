// One OAuth2 client of a storage service: the access tokens it has issued, the one it issued
// before them that has expired, and its token endpoint's refresh_token grant (what n8n's OAuth2
// credential calls when an API answers 401). The client authenticates in the form body or with
// HTTP Basic, as both services allow.
import { randomBytes } from 'node:crypto';
import { mimeOf, readBody, sendJson } from './responses.mjs';

const newToken = (prefix) => `${prefix}-${randomBytes(18).toString('base64url')}`;

/**
 * @param options.prefix  start of every token (e.g. 'ya29' for Google)
 * @returns {{ clientId, clientSecret, refreshToken, expiredToken, accessToken, check(token), refreshes, handleToken(req, res) }}
 *   check: 'valid', 'expired' or 'invalid'; accessToken: a valid one to start with;
 *   expiredToken: one the service has issued and that has expired
 */
export function createOAuthClient({ prefix, expiresIn }) {
	const client = {
		clientId: newToken('client'),
		clientSecret: newToken('secret'),
		refreshToken: newToken(`${prefix}-refresh`),
		expiredToken: newToken(`${prefix}-expired`),
		accessToken: newToken(prefix),
		refreshes: [],
	};
	const valid = new Set([client.accessToken]);
	client.check = (token) => (valid.has(token) ? 'valid' : token === client.expiredToken ? 'expired' : 'invalid');

	client.handleToken = async (req, res) => {
		const body = await readBody(req);
		if (req.method !== 'POST' || mimeOf(req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
			return sendJson(res, 400, { error: 'invalid_request', error_description: 'POST a form (application/x-www-form-urlencoded)' });
		}
		const form = new URLSearchParams(body.toString('utf8'));
		const basic = /^Basic (\S+)$/i.exec(req.headers.authorization ?? '');
		const [id, secret] = basic
			? Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent)
			: [form.get('client_id'), form.get('client_secret')];
		if (id !== client.clientId || secret !== client.clientSecret) {
			return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
		}
		if (form.get('grant_type') !== 'refresh_token') {
			return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.get('grant_type')}` });
		}
		if (form.get('refresh_token') !== client.refreshToken) {
			return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
		}
		const accessToken = newToken(prefix);
		valid.add(accessToken);
		client.refreshes.push({ at: Date.now(), accessToken });
		sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
	};
	return client;
}
