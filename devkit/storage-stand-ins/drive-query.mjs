// The part of Drive v3's search language (the `q` of files.list) that n8n's Google Drive nodes
// write: terms joined by `and`. Any other term is refused, as Drive refuses what it cannot parse.
import { driveError } from './drive-errors.mjs';

const STRING = String.raw`'((?:[^'\\]|\\.)*)'`;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const COMPARE = { '=': (a, b) => a === b, '!=': (a, b) => a !== b, '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b };

const unescape = (text) => text.replace(/\\(.)/g, '$1');

const TERMS = [
	[/^trashed\s*(=|!=)\s*(true|false)$/i, ([, op, value]) => (file) => COMPARE[op](file.trashed, value.toLowerCase() === 'true')],
	[new RegExp(`^${STRING}\\s+in\\s+parents$`, 'i'), ([, id]) => (file) => file.parents.includes(unescape(id))],
	[new RegExp(`^(mimeType|name)\\s*(=|!=)\\s*${STRING}$`), ([, field, op, value]) => (file) => COMPARE[op](file[field], unescape(value))],
	[new RegExp(`^name\\s+contains\\s+${STRING}$`), ([, value]) => (file) => file.name.toLowerCase().includes(unescape(value).toLowerCase())],
	[
		new RegExp(`^(createdTime|modifiedTime)\\s*(<=|<|=|!=|>=|>)\\s*${STRING}$`),
		([, field, op, value]) => {
			if (!RFC3339.test(value)) return undefined;
			const limit = Date.parse(value);
			return (file) => COMPARE[op](Date.parse(file[field]), limit);
		},
	],
];

/** Splits on ` and ` outside quoted strings. */
function splitTerms(q) {
	const terms = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < q.length; i++) {
		const char = q[i];
		if (char === '\\' && quoted) {
			current += char + (q[++i] ?? '');
			continue;
		}
		if (char === "'") quoted = !quoted;
		if (!quoted && /^\s+and\s+/i.test(q.slice(i)) && /\s/.test(char)) {
			terms.push(current);
			current = '';
			i += /^\s+and\s+/i.exec(q.slice(i))[0].length - 1;
			continue;
		}
		current += char;
	}
	terms.push(current);
	return terms.map((term) => term.trim());
}

/** A predicate over stored files for a `q` value; a 400 "Invalid Value" for what Drive would refuse. */
export function parseQuery(q) {
	if (q === undefined || q.trim() === '') return () => true;
	const predicates = splitTerms(q).map((term) => {
		for (const [pattern, build] of TERMS) {
			const match = pattern.exec(term);
			const predicate = match && build(match);
			if (predicate) return predicate;
		}
		throw driveError(400, 'invalid', 'Invalid Value', { location: 'q', locationType: 'parameter' });
	});
	return (file) => predicates.every((predicate) => predicate(file));
}
