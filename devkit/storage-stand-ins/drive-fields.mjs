// Drive's partial responses: `fields` names what an answer holds (`*` everything, `files(...)`
// inside a list), and a name that is not a field of the resource is refused.
import { driveError } from './drive-errors.mjs';

export const FILE_FIELDS = [
	'kind', 'id', 'name', 'mimeType', 'parents', 'createdTime', 'modifiedTime', 'size', 'md5Checksum',
	'originalFilename', 'fullFileExtension', 'fileExtension', 'trashed', 'explicitlyTrashed', 'starred',
	'spaces', 'version', 'webViewLink', 'webContentLink', 'iconLink', 'ownedByMe', 'driveId', 'description',
	'properties', 'appProperties', 'headRevisionId', 'viewedByMe', 'shared', 'capabilities',
];
const LIST_FIELDS = ['kind', 'incompleteSearch', 'nextPageToken', 'files'];
const DEFAULT_FILE = ['kind', 'id', 'name', 'mimeType'];

/** Splits "a, b(c,d), e" at the commas outside parentheses. */
function topLevel(fields) {
	const parts = [];
	let depth = 0;
	let current = '';
	for (const char of fields) {
		if (char === '(') depth++;
		if (char === ')') depth--;
		if (char === ',' && depth === 0) {
			parts.push(current.trim());
			current = '';
		} else current += char;
	}
	parts.push(current.trim());
	return parts.filter(Boolean);
}

function invalid(name) {
	return driveError(400, 'invalidParameter', `Invalid field selection ${name}`, { location: 'fields', locationType: 'parameter' });
}

/** Picks a file's fields: `selection` undefined means the default ones. */
function pick(file, selection) {
	if (selection.includes('*')) return { ...file };
	return Object.fromEntries(selection.filter((name) => file[name] !== undefined).map((name) => [name, file[name]]));
}

function fileSelection(names) {
	for (const name of names) if (name !== '*' && !FILE_FIELDS.includes(name)) throw invalid(name);
	return names;
}

/** What a files.get or files.update answer holds for a `fields` value. */
export function selectFile(file, fields) {
	return pick(file, fields === undefined ? DEFAULT_FILE : fileSelection(topLevel(fields)));
}

/** What a files.list answer holds: { kind, incompleteSearch, nextPageToken?, files }. */
export function selectList(list, fields) {
	if (fields === undefined) return { ...list, files: list.files.map((file) => pick(file, DEFAULT_FILE)) };
	if (fields.trim() === '*') return list;
	const answer = {};
	for (const part of topLevel(fields)) {
		const match = /^files\((.*)\)$/.exec(part);
		if (match) {
			const selection = fileSelection(topLevel(match[1]));
			answer.files = list.files.map((file) => pick(file, selection));
		} else if (LIST_FIELDS.includes(part)) {
			if (list[part] !== undefined) answer[part] = part === 'files' ? list.files : list[part];
		} else throw invalid(part);
	}
	return answer;
}
