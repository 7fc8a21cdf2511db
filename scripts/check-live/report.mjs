// The report: printed for the maintainer, and as JSON for tools and for attaching to an issue.
// The top-level reading keys (listOrder … uploadFlagLagMs) keep their names; null = not observed.
import { classify, unobservableVariants } from './classify.mjs';

const STABLE_KEYS = [
	'listOrder',
	'downloadBody',
	'uploadUrlKey',
	'softDelete',
	'bracketImageIdBeforeMerge',
	'mergeStartLagMs',
	'uploadFlagLagMs',
	'accountApiVersion',
];

export function buildReport({ raw, run, cleanup, requests }) {
	const readings = classify(raw, run);
	const byKey = Object.fromEntries(readings.map((entry) => [entry.key, entry.observed ?? null]));
	return {
		checkedAt: run.startedAt,
		baseUrl: run.baseUrl,
		apiVersionSent: run.apiVersion,
		devMode: true,
		outcome: run.outcome,
		error: run.error ?? null,
		...Object.fromEntries(STABLE_KEYS.map((key) => [key, byKey[key]])),
		// webhookTokenHeader: deliveries go to the URL set in the web app, so no API call shows it.
		readings,
		unmatched: readings.filter((entry) => entry.observed !== null && entry.matches?.length === 0).map((entry) => entry.key),
		notObserved: readings.filter((entry) => entry.observed === null).map((entry) => entry.key),
		notObservable: unobservableVariants(readings),
		requests,
		cleanup,
	};
}

function show(value) {
	if (value === null || value === undefined) return '—';
	if (Array.isArray(value)) return value.join(', ');
	if (typeof value === 'object') return value.pinned ?? JSON.stringify(value);
	return String(value);
}

export function printReport(report, write) {
	write(`\nAutoenhance contract check: ${report.outcome} (${report.baseUrl}, x-api-version ${report.apiVersionSent}, dev mode)\n`);
	if (report.error) write(`  stopped by: ${report.error}\n`);
	write('\n  reading                      observed                         fake behaviour matched\n');
	for (const entry of report.readings) {
		const match = entry.observed === null ? 'not observed' : entry.matches.length ? entry.matches.join(' | ') : 'NONE: a new reading';
		const variant = entry.variant ? `${entry.variant}: ` : '';
		write(`  ${entry.key.padEnd(29)}${show(entry.observed).padEnd(33)}${variant}${match}\n`);
		write(`      ${entry.unknown}${entry.note ? ` (${entry.note})` : ''}\n`);
	}
	write(`\n  not observable by API calls: ${report.notObservable.join(', ')}\n`);
	write(`  requests: ${report.requests.made} of a budget of ${report.requests.budget}\n`);
	const left = Object.entries(report.cleanup.left).filter(([, ids]) => ids.length);
	write(left.length ? `  NOT CLEANED UP (delete by hand): ${JSON.stringify(Object.fromEntries(left))}\n` : '  cleaned up: everything this run created is deleted\n');
	if (report.unmatched.length) {
		write(`\n  Readings no fake variant has: ${report.unmatched.join(', ')}. Add the variant to devkit/fake-autoenhance`);
		write(' and a test of the node under it first, then fix the node (README: "Checking against the real API").\n');
	}
}
