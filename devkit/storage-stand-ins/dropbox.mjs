// Dropbox API v2 as n8n's Dropbox node uses it (n8n-nodes-base 2.8, OAuth2, full Dropbox):
// users/get_current_account (for the path root header), files/list_folder and its /continue,
// files/download and files/upload, with the `arg` query parameter or the Dropbox-API-Arg header.
// Strict where Dropbox is: the bearer token, the Content-Type of each kind of endpoint, unknown
// or malformed arguments, the Dropbox-API-Path-Root header, paths, and the 150 MB upload limit.
// n8n uploads in one request (it never opens an upload session), so sessions are not served.
import { createHash, randomBytes } from 'node:crypto';
import { bearerToken, mimeOf, readBody, sendJson, StandInError } from './responses.mjs';

export const DROPBOX_API_HOST = 'api.dropboxapi.com';
export const DROPBOX_CONTENT_HOST = 'content.dropboxapi.com';
const MAX_UPLOAD = 150 * 1024 * 1024;
const PAGE = 4; // entries per list page: small, so that /continue is exercised
const PATH = /^(\/(.|[\r\n])*)?$/;
const LIST_ARGS = ['path', 'recursive', 'include_media_info', 'include_deleted', 'include_has_explicit_shared_members',
	'include_mounted_folders', 'limit', 'shared_link', 'include_property_groups', 'include_non_downloadable_files'];
const UPLOAD_ARGS = ['path', 'mode', 'autorename', 'client_modified', 'mute', 'property_groups', 'strict_conflict', 'content_hash'];

const badInput = (endpoint, message) => new StandInError(400, `Error in call to API function "${endpoint}": ${message}`);
const conflict = (summary, error) => new StandInError(409, { error_summary: `${summary}/..`, error });
const pathNotFound = (tag = 'path') => conflict(`${tag}/not_found`, { '.tag': tag, [tag]: { '.tag': 'not_found' } });

/** Dropbox's content_hash: SHA-256 over the SHA-256 of each 4 MiB block. */
function contentHash(bytes) {
	const outer = createHash('sha256');
	for (let at = 0; at < bytes.length; at += 4 * 1024 * 1024) {
		outer.update(createHash('sha256').update(bytes.subarray(at, at + 4 * 1024 * 1024)).digest());
	}
	return outer.digest('hex');
}

function checkArgs(endpoint, args, allowed) {
	if (args === null || typeof args !== 'object' || Array.isArray(args)) throw badInput(endpoint, 'request body: expected an object');
	const unknown = Object.keys(args).find((key) => !allowed.includes(key));
	if (unknown) throw badInput(endpoint, `request body: unknown field "${unknown}"`);
	if (typeof args.path !== 'string') throw badInput(endpoint, 'request body: missing required field "path"');
	if (!PATH.test(args.path)) throw badInput(endpoint, `request body: path: '${args.path}' did not match pattern '(/(.|[\\r\\n])*)?|id:.*|(ns:[0-9_-]+(/.*)?)'`);
}

export function createDropbox({ oauth }) {
	const rootNamespace = String(1000000 + (randomBytes(3).readUIntBE(0, 3) % 9000000));
	const entries = new Map(); // path_lower → { metadata, bytes? }
	const cursors = new Map();
	const uploads = [];

	function addFolder(path) {
		const parts = path.split('/').filter(Boolean);
		for (let depth = 1; depth <= parts.length; depth++) {
			const display = `/${parts.slice(0, depth).join('/')}`;
			const lower = display.toLowerCase();
			const existing = entries.get(lower);
			if (existing && existing.metadata['.tag'] !== 'folder') throw conflict('path/conflict/file', { '.tag': 'path', reason: { '.tag': 'conflict' } });
			if (!existing) {
				entries.set(lower, { metadata: { '.tag': 'folder', name: parts[depth - 1], path_lower: lower, path_display: display, id: `id:${randomBytes(8).toString('base64url')}` } });
			}
		}
	}

	function addFile(path, bytes) {
		const parent = path.slice(0, path.lastIndexOf('/'));
		if (parent) addFolder(parent);
		const lower = path.toLowerCase();
		if (entries.get(lower)?.metadata['.tag'] === 'folder') throw conflict('path/conflict/folder', { '.tag': 'path', reason: { '.tag': 'conflict' } });
		const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
		const metadata = {
			'.tag': 'file', name: path.slice(path.lastIndexOf('/') + 1), path_lower: lower, path_display: path,
			id: `id:${randomBytes(8).toString('base64url')}`, client_modified: now, server_modified: now,
			rev: randomBytes(9).toString('hex'), size: bytes.length, is_downloadable: true, content_hash: contentHash(bytes),
		};
		entries.set(lower, { metadata, bytes });
		return metadata;
	}

	function authorize(req, endpoint) {
		const state = oauth.check(bearerToken(req));
		if (state === 'valid') return;
		const tag = state === 'expired' ? 'expired_access_token' : 'invalid_access_token';
		throw new StandInError(401, { error_summary: `${tag}/..`, error: { '.tag': tag } }, { 'www-authenticate': `Bearer realm="${endpoint}"` });
	}

	function checkPathRoot(req, endpoint) {
		const header = req.headers['dropbox-api-path-root'];
		if (header === undefined) return;
		let root;
		try {
			root = JSON.parse(header);
		} catch {
			throw badInput(endpoint, 'Dropbox-API-Path-Root header: could not decode input as JSON');
		}
		const ok = root?.['.tag'] === 'home' || (root?.['.tag'] === 'root' && root.root === rootNamespace);
		if (!ok) throw new StandInError(422, { error_summary: 'invalid_root/..', error: { '.tag': 'invalid_root' } });
	}

	function listPage(all, offset) {
		const page = all.slice(offset.at, offset.at + offset.limit);
		const cursor = randomBytes(16).toString('base64url');
		cursors.set(cursor, { all, at: offset.at + page.length, limit: offset.limit });
		return { entries: page.map((entry) => entry.metadata), cursor, has_more: offset.at + page.length < all.length };
	}

	/** The RPC endpoints on api.dropboxapi.com: a JSON body (or none, for no arguments). */
	async function rpc(req, res, endpoint) {
		const body = await readBody(req);
		const type = (req.headers['content-type'] ?? '').trim().toLowerCase();
		let args = null;
		if (body.length > 0) {
			if (!['application/json', 'application/json; charset=utf-8', 'text/plain; charset=dropbox-cors-hack'].includes(type)) {
				throw badInput(endpoint, `Bad HTTP "Content-Type" header: "${req.headers['content-type']}".  Expecting one of "application/json", "application/json; charset=utf-8", "text/plain; charset=dropbox-cors-hack".`);
			}
			try {
				args = JSON.parse(body.toString('utf8'));
			} catch {
				throw badInput(endpoint, 'request body: could not decode input as JSON');
			}
		}
		if (endpoint === 'users/get_current_account') {
			if (args !== null) throw badInput(endpoint, 'request body: expected null, got value');
			return sendJson(res, 200, {
				account_id: 'dbid:AAStandInAccount', email: 'sandbox@example.com', email_verified: true, disabled: false,
				name: { given_name: 'Sandbox', surname: 'User', familiar_name: 'Sandbox', display_name: 'Sandbox User', abbreviated_name: 'SU' },
				account_type: { '.tag': 'basic' }, locale: 'en', country: 'GB', is_paired: false,
				root_info: { '.tag': 'user', root_namespace_id: rootNamespace, home_namespace_id: rootNamespace },
			});
		}
		if (endpoint === 'files/list_folder') {
			checkArgs(endpoint, args, LIST_ARGS);
			const limit = args.limit ?? 2000;
			if (!Number.isInteger(limit) || limit < 1 || limit > 2000) throw badInput(endpoint, `request body: limit: ${limit} is not within range [1, 2000]`);
			const folder = args.path.toLowerCase();
			if (folder !== '' && entries.get(folder)?.metadata['.tag'] !== 'folder') throw pathNotFound();
			const children = [...entries.entries()]
				.filter(([path]) => path.slice(0, path.lastIndexOf('/')) === folder)
				.map(([, entry]) => entry);
			// Dropbox lists in no documented order; here, the order the entries' ids sort in.
			children.sort((a, b) => a.metadata.id.localeCompare(b.metadata.id));
			return sendJson(res, 200, listPage(children, { at: 0, limit: Math.min(limit, PAGE) }));
		}
		if (endpoint === 'files/list_folder/continue') {
			if (!args || typeof args.cursor !== 'string' || Object.keys(args).length !== 1) throw badInput(endpoint, 'request body: missing required field "cursor"');
			const state = cursors.get(args.cursor);
			if (!state) throw conflict('reset', { '.tag': 'reset' });
			cursors.delete(args.cursor);
			return sendJson(res, 200, listPage(state.all, state));
		}
		throw new StandInError(404, `Unknown API function: "${endpoint}"`);
	}

	/** The content endpoints on content.dropboxapi.com: arguments in `arg` or Dropbox-API-Arg. */
	async function content(req, res, endpoint, query) {
		const header = req.headers['dropbox-api-arg'];
		if (header !== undefined && query.has('arg')) throw badInput(endpoint, 'give the arguments in the Dropbox-API-Arg header or the arg URL parameter, not both');
		let args;
		try {
			args = JSON.parse(header ?? query.get('arg'));
		} catch {
			throw badInput(endpoint, 'could not decode the "Dropbox-API-Arg" header or "arg" URL parameter as JSON');
		}
		const type = mimeOf(req.headers['content-type']);
		if (endpoint === 'files/download') {
			const body = await readBody(req);
			if (body.length > 0) throw badInput(endpoint, 'this function takes no request body');
			if (type && !['application/octet-stream', 'text/plain'].includes(type)) {
				throw badInput(endpoint, `Bad HTTP "Content-Type" header: "${req.headers['content-type']}".  Expecting one of "application/octet-stream", "text/plain; charset=dropbox-cors-hack".`);
			}
			checkArgs(endpoint, args, ['path', 'rev']);
			const entry = entries.get(args.path.toLowerCase());
			if (!entry) throw pathNotFound();
			if (!entry.bytes) throw conflict('path/not_file', { '.tag': 'path', path: { '.tag': 'not_file' } });
			res.writeHead(200, {
				'content-type': 'application/octet-stream',
				'content-length': entry.bytes.length,
				'dropbox-api-result': JSON.stringify(entry.metadata).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
			});
			return res.end(entry.bytes);
		}
		if (endpoint === 'files/upload') {
			if (!['application/octet-stream', 'text/plain'].includes(type)) {
				throw badInput(endpoint, `Bad HTTP "Content-Type" header: "${req.headers['content-type']}".  Expecting one of "application/octet-stream", "text/plain; charset=dropbox-cors-hack".`);
			}
			checkArgs(endpoint, args, UPLOAD_ARGS);
			const mode = typeof args.mode === 'object' ? args.mode?.['.tag'] : (args.mode ?? 'add');
			if (!['add', 'overwrite', 'update'].includes(mode)) throw badInput(endpoint, `request body: mode: unknown tag "${mode}"`);
			if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD) throw badInput(endpoint, 'upload larger than 150 MB: use an upload session');
			const bytes = await readBody(req);
			if (mode === 'add' && entries.has(args.path.toLowerCase())) throw conflict('path/conflict/file', { '.tag': 'path', reason: { '.tag': 'conflict' } });
			const metadata = addFile(args.path, bytes);
			uploads.push({ path: args.path, bytes, contentType: req.headers['content-type'] });
			const { '.tag': _tag, ...answer } = metadata;
			return sendJson(res, 200, answer);
		}
		throw new StandInError(404, `Unknown API function: "${endpoint}"`);
	}

	async function handle(req, res, url) {
		const endpoint = /^\/2\/(.+)$/.exec(url.pathname)?.[1];
		if (url.pathname === '/oauth2/token' && url.host === DROPBOX_API_HOST) return oauth.handleToken(req, res);
		if (req.method !== 'POST' || !endpoint) throw new StandInError(404, `${req.method} ${url.pathname} is not a Dropbox API v2 route the stand-in serves`);
		authorize(req, endpoint);
		checkPathRoot(req, endpoint);
		return url.host === DROPBOX_CONTENT_HOST ? content(req, res, endpoint, url.searchParams) : rpc(req, res, endpoint);
	}

	return {
		hosts: [DROPBOX_API_HOST, DROPBOX_CONTENT_HOST],
		handle,
		uploads,
		addFolder,
		addFile,
		/** The files directly in a folder: [{ metadata, bytes }]. */
		filesIn: (folder) =>
			[...entries.entries()]
				.filter(([path, entry]) => path.slice(0, path.lastIndexOf('/')) === folder.toLowerCase() && entry.bytes)
				.map(([, entry]) => entry),
	};
}
