// Google Drive v3 as n8n's Google Drive and Google Drive Trigger nodes use it (n8n-nodes-base
// 2.8): files.list with a search, files.get (metadata and alt=media), the media and resumable
// uploads and files.update; drives.list for the editor's pickers. Strict where Drive is: the
// bearer token, parameter values, the search language, field selections, the writable fields of
// a file, and the offsets and 256 KiB granularity of resumable chunks.
import { createHash, randomBytes } from 'node:crypto';
import { driveError, fileNotFound } from './drive-errors.mjs';
import { selectFile, selectList } from './drive-fields.mjs';
import { parseQuery } from './drive-query.mjs';
import { bearerToken, mimeOf, readBody, sendJson } from './responses.mjs';

export const DRIVE_HOST = 'www.googleapis.com';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
const CHUNK_GRANULARITY = 256 * 1024;
const WRITABLE = ['name', 'mimeType', 'originalFilename', 'description', 'starred', 'properties', 'appProperties', 'parents'];
const BOOLEAN_PARAMS = ['includeItemsFromAllDrives', 'supportsAllDrives', 'supportsTeamDrives', 'keepRevisionForever', 'useContentAsIndexableText'];
const CORPORA = ['user', 'drive', 'domain', 'allDrives'];
const SPACES = ['drive', 'appDataFolder', 'photos'];

const newId = () => `1${randomBytes(24).toString('base64url').slice(0, 32)}`;

function checkParams(query) {
	const invalid = (location) => driveError(400, 'invalidParameter', `Invalid value for: ${location}`, { location, locationType: 'parameter' });
	for (const name of BOOLEAN_PARAMS) if (query.has(name) && !['true', 'false'].includes(query.get(name))) throw invalid(name);
	if (query.has('corpora') && !CORPORA.includes(query.get('corpora'))) throw invalid('corpora');
	if (query.has('spaces') && !query.get('spaces').split(',').every((space) => SPACES.includes(space.trim()))) throw invalid('spaces');
	if (query.has('pageSize') && !/^\d+$/.test(query.get('pageSize'))) throw invalid('pageSize');
	if (['drive', 'allDrives'].includes(query.get('corpora')) && query.get('includeItemsFromAllDrives') !== 'true') {
		throw driveError(403, 'teamDriveSupportRequired', 'The includeItemsFromAllDrives parameter must be set to true when corpora is drive or allDrives.');
	}
}

export function createDrive({ oauth }) {
	const rootId = `0A${randomBytes(12).toString('base64url')}Uk9PVA`;
	const files = new Map();
	const sessions = new Map();
	let sequence = 0;

	/** Stores a file or folder as Drive describes it; `bytes` for files. */
	function store({ name, mimeType, parents = [rootId], bytes, createdTime, id = newId() }) {
		const now = createdTime ?? new Date(Date.now() + sequence++ / 1000).toISOString();
		const file = {
			kind: 'drive#file', id, name, mimeType, parents, createdTime: now, modifiedTime: now, trashed: false,
			explicitlyTrashed: false, starred: false, spaces: ['drive'], version: '1', ownedByMe: true,
			webViewLink: `https://drive.google.com/${mimeType === FOLDER_MIME ? 'drive/folders' : 'file/d'}/${id}`,
		};
		if (bytes) {
			Object.assign(file, {
				size: String(bytes.length),
				md5Checksum: createHash('md5').update(bytes).digest('hex'),
				webContentLink: `https://drive.google.com/uc?id=${id}&export=download`,
			});
			const extension = /\.([^.]+)$/.exec(name)?.[1];
			if (extension) Object.assign(file, { fileExtension: extension, fullFileExtension: extension });
		}
		files.set(id, { file, bytes });
		return file;
	}

	function existing(id) {
		const entry = files.get(id === 'root' ? rootId : id);
		if (!entry || entry.file.trashed) throw fileNotFound(id);
		return entry;
	}

	function authorize(req) {
		const state = oauth.check(bearerToken(req));
		if (state !== 'valid') {
			const error = driveError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', {
				location: 'Authorization',
				locationType: 'header',
			});
			error.headers = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' };
			throw error;
		}
	}

	function list(query) {
		const matches = parseQuery(query.get('q'));
		const pageSize = Math.min(Number(query.get('pageSize') ?? 100), 1000);
		if (pageSize < 1) throw driveError(400, 'invalidParameter', 'Invalid value for: pageSize', { location: 'pageSize' });
		const all = [...files.values()]
			.map((entry) => entry.file)
			.filter((file) => file.id !== rootId && matches(file))
			.sort(query.get('orderBy')?.startsWith('name') ? (a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }) : (a, b) => b.createdTime.localeCompare(a.createdTime));
		const start = Number(query.get('pageToken') ?? 0);
		if (!Number.isInteger(start)) throw driveError(400, 'invalid', 'Invalid Value', { location: 'pageToken' });
		const page = all.slice(start, start + pageSize);
		const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
		return selectList({ kind: 'drive#fileList', incompleteSearch: false, ...(next && { nextPageToken: next }), files: page }, query.get('fields') ?? undefined);
	}

	function update(id, query, metadata) {
		const { file } = existing(id);
		const unknown = Object.keys(metadata).filter((key) => !WRITABLE.includes(key));
		if (unknown.length > 0) {
			throw driveError(400, 'badRequest', `Invalid JSON payload received. Unknown name "${unknown[0]}": Cannot find field.`);
		}
		if (metadata.parents) throw driveError(403, 'fieldNotWritable', 'The resource body includes fields which are not directly writable.');
		const added = query.get('addParents')?.split(',').filter(Boolean) ?? [];
		for (const parent of added) {
			const folder = existing(parent).file;
			if (folder.mimeType !== FOLDER_MIME) throw driveError(403, 'cannotAddParent', 'A shortcut or file cannot be a parent.');
		}
		const removed = query.get('removeParents')?.split(',').filter(Boolean) ?? [];
		let parents = file.parents.filter((parent) => !removed.includes(parent));
		// A file created without parents sits in My Drive's root; adding a folder moves it there
		// (what n8n's upload relies on: create, then add the folder). Drive keeps one parent a file.
		if (added.length > 0) parents = parents.filter((parent) => parent !== rootId);
		parents = [...new Set([...parents, ...added.map((parent) => (parent === 'root' ? rootId : parent))])];
		if (parents.length > 1) throw driveError(403, 'cannotAddParent', 'Increasing the number of parents is not allowed.');
		Object.assign(file, metadata, { parents, modifiedTime: new Date().toISOString() });
		return selectFile(file, query.get('fields') ?? undefined);
	}

	function startResumable(req, query, metadataBytes) {
		const metadata = metadataBytes.length > 0 ? JSON.parse(metadataBytes.toString('utf8')) : {};
		const uploadId = randomBytes(24).toString('base64url');
		sessions.set(uploadId, {
			metadata,
			mimeType: req.headers['x-upload-content-type'] ?? metadata.mimeType,
			total: req.headers['x-upload-content-length'] === undefined ? undefined : Number(req.headers['x-upload-content-length']),
			chunks: [],
			received: 0,
		});
		return `https://${DRIVE_HOST}/upload/drive/v3/files?uploadType=resumable&upload_id=${uploadId}`;
	}

	/** One PUT of a resumable session: 308 with the Range so far, or the file once complete. */
	async function putChunk(req, res, uploadId) {
		const session = sessions.get(uploadId);
		const body = await readBody(req);
		if (!session) throw driveError(404, 'notFound', 'Upload session not found or expired.');
		const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(req.headers['content-range'] ?? '');
		if (!range) throw driveError(400, 'badContent', 'Missing or invalid Content-Range header.');
		const [start, end] = [Number(range[1]), Number(range[2])];
		const total = range[3] === '*' ? undefined : Number(range[3]);
		if (start !== session.received) {
			throw driveError(400, 'badContent', `Invalid request. According to the Content-Range header, the upload offset is ${start} byte(s), which does not match the ${session.received} byte(s) already uploaded.`);
		}
		if (end - start + 1 !== body.length) throw driveError(400, 'badContent', 'The Content-Range does not match the length of the body.');
		const last = total !== undefined && end + 1 === total;
		if (!last && body.length % CHUNK_GRANULARITY !== 0) {
			throw driveError(400, 'badContent', `Invalid request. The number of bytes uploaded is required to be equal or greater than 262144, except for the final request (it's recommended to be the exact multiple of 262144). The received request contained ${body.length} bytes.`);
		}
		session.chunks.push(body);
		session.received += body.length;
		session.puts = (session.puts ?? 0) + 1;
		if (!last) {
			res.writeHead(308, { range: `bytes=0-${session.received - 1}`, 'content-length': 0 });
			return res.end();
		}
		sessions.delete(uploadId);
		const file = store({
			name: session.metadata.name ?? 'Untitled',
			mimeType: session.mimeType ?? 'application/octet-stream',
			bytes: Buffer.concat(session.chunks),
		});
		uploads.push({ id: file.id, kind: 'resumable', puts: session.puts });
		sendJson(res, 200, selectFile(file));
	}

	const uploads = [];

	async function handle(req, res, url) {
		const { pathname: path, searchParams: query } = url;
		const session = query.get('upload_id');
		if (req.method === 'PUT' && path === '/upload/drive/v3/files' && session) {
			// The session URL is its own credential: Drive asks no token for it (n8n sends none).
			return putChunk(req, res, session);
		}
		authorize(req);
		checkParams(query);
		const fileId = /^\/drive\/v3\/files\/([^/]+)$/.exec(path)?.[1];
		if (req.method === 'GET' && path === '/drive/v3/files') return sendJson(res, 200, list(query));
		if (req.method === 'GET' && path === '/drive/v3/drives') return sendJson(res, 200, { kind: 'drive#driveList', drives: [] });
		if (req.method === 'GET' && fileId) {
			const { file, bytes } = existing(decodeURIComponent(fileId));
			if (query.get('alt') === 'media') {
				if (!bytes) throw driveError(403, 'fileNotDownloadable', 'Only files with binary content can be downloaded.');
				res.writeHead(200, { 'content-type': file.mimeType, 'content-length': bytes.length });
				return res.end(bytes);
			}
			if (query.has('alt') && query.get('alt') !== 'json') throw driveError(400, 'invalidParameter', 'Invalid value for: alt');
			return sendJson(res, 200, selectFile(file, query.get('fields') ?? undefined));
		}
		if (req.method === 'PATCH' && fileId) {
			const body = await readBody(req);
			if (body.length > 0 && mimeOf(req.headers['content-type']) !== 'application/json') {
				throw driveError(400, 'badContent', 'Metadata must be JSON (Content-Type: application/json).');
			}
			return sendJson(res, 200, update(decodeURIComponent(fileId), query, body.length > 0 ? JSON.parse(body.toString('utf8')) : {}));
		}
		if (req.method === 'POST' && path === '/upload/drive/v3/files') {
			const body = await readBody(req);
			const uploadType = query.get('uploadType');
			if (uploadType === 'resumable') {
				const location = startResumable(req, query, body);
				res.writeHead(200, { location, 'x-guploader-uploadid': location.split('upload_id=')[1], 'content-length': 0 });
				return res.end();
			}
			if (uploadType === 'media') {
				if (body.length === 0) throw driveError(400, 'badContent', 'Media upload without content.');
				const file = store({ name: 'Untitled', mimeType: mimeOf(req.headers['content-type']) || 'application/octet-stream', bytes: body });
				uploads.push({ id: file.id, kind: 'media', puts: 1 });
				return sendJson(res, 200, selectFile(file));
			}
			// Multipart is Drive's too, but n8n's nodes never send it: say so rather than guess.
			throw driveError(501, 'notImplemented', `uploadType=${uploadType} is not served by the local Drive stand-in (n8n sends media or resumable).`);
		}
		throw driveError(404, 'notFound', `${req.method} ${path} is not a Drive v3 route the stand-in serves.`);
	}

	return {
		host: DRIVE_HOST,
		rootId,
		uploads,
		handle,
		/** `id`: a fixed one (the sandbox keeps its folders' ids across restarts); default a new one. */
		addFolder: (name, { parent = rootId, id } = {}) => store({ name, mimeType: FOLDER_MIME, parents: [parent], id }),
		addFile: ({ name, mimeType, bytes, parent = rootId }) => store({ name, mimeType, bytes, parents: [parent] }),
		/** The files in a folder: [{ file, bytes }] (the stored file and its content). */
		filesIn: (folderId) => [...files.values()].filter(({ file }) => file.parents.includes(folderId) && file.mimeType !== FOLDER_MIME),
		file: (id) => files.get(id),
	};
}
