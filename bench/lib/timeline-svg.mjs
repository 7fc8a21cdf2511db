// Time lines of requests as an SVG picture: one panel per variant on a shared time axis, one lane
// per kind of request, one bar per request (requests that overlap stack inside their lane, so
// the height of a lane shows how many ran at once).
import { HOSTS, inFlight, KINDS } from './request-log.mjs';

const WIDTH = 960;
const LABEL_WIDTH = 110;
const RIGHT = 20;
const BAR = 4;
const BAR_GAP = 1;
const LANE_GAP = 6;
const MIN_LANE = 12;
const PANEL_TITLE = 22;
const AXIS = 30;
const FONT = 'font-family="sans-serif"';

const IN_FLIGHT_LANE = 40;
/** Requests the server refused for load (429, 503) are drawn in this colour. */
const PUSHBACK = '#d62728';

const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948', '#9c755f', '#bab0ac'];

/**
 * @param title     the picture's heading, and under it `subtitle`
 * @param panels    [{ title, spans: [{ kind, start, end }] (ms), marks: [{ at, label, colour }] }]
 * @returns the SVG document as text
 */
export function renderTimelines({ title, subtitle, panels }) {
	const kinds = laneOrder(panels.flatMap((panel) => panel.spans));
	const colourOf = (kind) => COLOURS[kinds.indexOf(kind) % COLOURS.length];
	const endMs = Math.max(1, ...panels.flatMap((panel) => [...panel.spans.map((span) => span.end), ...panel.marks.map((mark) => mark.at)]));
	const x = (ms) => LABEL_WIDTH + (ms / endMs) * (WIDTH - LABEL_WIDTH - RIGHT);

	const parts = [];
	let top = 44;
	parts.push(text(8, 18, title, 'font-weight="bold"', 13));
	parts.push(text(8, 34, subtitle));
	for (const panel of panels) {
		const panelTop = top;
		parts.push(text(8, top + 14, panel.title, 'font-weight="bold"'));
		top += PANEL_TITLE;
		for (const kind of kinds) {
			const rows = packRows(panel.spans.filter((span) => span.kind === kind));
			const height = Math.max(MIN_LANE, rows.length * (BAR + BAR_GAP));
			parts.push(text(8, top + Math.min(height, MIN_LANE) - 2, kind));
			parts.push(`<line x1="${LABEL_WIDTH}" x2="${WIDTH - RIGHT}" y1="${top + height + LANE_GAP / 2}" y2="${top + height + LANE_GAP / 2}" stroke="#eee"/>`);
			rows.forEach((row, index) => {
				for (const span of row) {
					const width = Math.max(1, x(span.end) - x(span.start));
					const fill = span.status === 429 || span.status === 503 ? PUSHBACK : colourOf(kind);
					parts.push(`<rect x="${x(span.start).toFixed(1)}" y="${top + index * (BAR + BAR_GAP)}" width="${width.toFixed(1)}" height="${BAR}" fill="${fill}"/>`);
				}
			});
			top += height + LANE_GAP;
		}
		for (const host of Object.keys(HOSTS).filter((name) => panel.spans.some((span) => span.host === name))) {
			parts.push(inFlightLane(inFlight(panel.spans, host), `${HOSTS[host]} in flight`, x, top));
			top += IN_FLIGHT_LANE + LANE_GAP;
		}
		for (const [index, mark] of panel.marks.entries()) {
			const at = x(mark.at).toFixed(1);
			parts.push(`<line x1="${at}" x2="${at}" y1="${panelTop + PANEL_TITLE - 4}" y2="${top}" stroke="${mark.colour}" stroke-dasharray="4 3"/>`);
			const nearRightEdge = Number(at) > WIDTH - RIGHT - 140;
			const labelX = nearRightEdge ? Number(at) - 3 : Number(at) + 3;
			const anchor = nearRightEdge ? ' text-anchor="end"' : '';
			parts.push(text(labelX, panelTop + 12 + index * 11, mark.label, `fill="${mark.colour}"${anchor}`));
		}
		top += 10;
	}
	parts.push(axis(endMs, x, top));
	const height = top + AXIS;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
		`<rect width="100%" height="100%" fill="white"/>`,
		...parts,
		'</svg>',
		'',
	].join('\n');
}

/** A step line of the count in flight, scaled to its own peak, which the label gives. */
function inFlightLane(steps, label, x, top) {
	const peak = Math.max(1, ...steps.map((step) => step.count));
	const y = (count) => (top + IN_FLIGHT_LANE - (count / peak) * (IN_FLIGHT_LANE - 4)).toFixed(1);
	let points = `${x(0).toFixed(1)},${y(0)}`;
	let previous = 0;
	for (const { at, count } of steps) {
		points += ` ${x(at).toFixed(1)},${y(previous)} ${x(at).toFixed(1)},${y(count)}`;
		previous = count;
	}
	return [
		text(8, top + 12, label),
		text(8, top + 24, `(peak ${peak})`),
		`<polyline points="${points}" fill="none" stroke="#333" stroke-width="1"/>`,
		`<line x1="${LABEL_WIDTH}" x2="${WIDTH - RIGHT}" y1="${top + IN_FLIGHT_LANE}" y2="${top + IN_FLIGHT_LANE}" stroke="#ccc"/>`,
	].join('\n');
}

/** Known kinds in job order, then any others in the order they appear. */
function laneOrder(spans) {
	const present = new Set(spans.map((span) => span.kind));
	const known = KINDS.map((entry) => entry.kind).filter((kind) => present.has(kind));
	return [...known, ...[...present].filter((kind) => !known.includes(kind))];
}

/** Greedy interval packing: each span goes into the first row free by its start. */
function packRows(spans) {
	const rows = [];
	for (const span of [...spans].sort((a, b) => a.start - b.start)) {
		const row = rows.find((candidate) => candidate.at(-1).end <= span.start);
		if (row) row.push(span);
		else rows.push([span]);
	}
	return rows;
}

function axis(endMs, x, top) {
	const step = [100, 250, 500, 1000, 2000, 5000].find((candidate) => endMs / candidate <= 12) ?? 10_000;
	const parts = [`<line x1="${LABEL_WIDTH}" x2="${WIDTH - RIGHT}" y1="${top}" y2="${top}" stroke="#333"/>`];
	for (let ms = 0; ms <= endMs; ms += step) {
		parts.push(`<line x1="${x(ms).toFixed(1)}" x2="${x(ms).toFixed(1)}" y1="${top}" y2="${top + 4}" stroke="#333"/>`);
		parts.push(text(x(ms) - 8, top + 16, `${(ms / 1000).toFixed(step < 1000 ? 2 : 0)} s`));
	}
	return parts.join('\n');
}

function text(x, y, content, attributes = '', size = 11) {
	return `<text x="${Number(x).toFixed(1)}" y="${y}" ${FONT} font-size="${size}" ${attributes}>${escapeXml(content)}</text>`;
}

function escapeXml(value) {
	return String(value).replace(/[<>&"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char]);
}
