#!/usr/bin/env node
// `npm run check:live`: a live contract check for maintainers with an Autoenhance API key. Settles
// the API's undocumented corners (the reference's §9) against the real API in development mode,
// which spends no credits, and says which reading of the fake server each one matches.
// AUTOENHANCE_API_KEY (required), AUTOENHANCE_BASE_URL (default the real API),
// --json FILE (the report as JSON), --pace-ms N (least gap between requests, default 500).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const DEFAULT_BASE_URL = 'https://api.autoenhance.ai';

const { values } = parseArgs({ options: { json: { type: 'string' }, 'pace-ms': { type: 'string', default: '500' } } });
const write = (text) => process.stdout.write(text);

const apiKey = process.env.AUTOENHANCE_API_KEY?.trim();
if (!apiKey) {
	process.stderr.write('check:live needs an Autoenhance API key in AUTOENHANCE_API_KEY; not starting without one.\n');
	process.exit(2);
}
const paceMs = Number(values['pace-ms']);
if (!Number.isInteger(paceMs) || paceMs < 0) {
	process.stderr.write(`--pace-ms must be a whole number of milliseconds, got "${values['pace-ms']}"\n`);
	process.exit(2);
}
const baseUrl = (process.env.AUTOENHANCE_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');

// Loaded only now: they need the built node (dist/), which a refusal does not.
const { runCheck } = await import('./run.mjs');
const { printReport } = await import('./report.mjs');

const report = await runCheck({ baseUrl, apiKey, paceMs, write });
printReport(report, write);
if (values.json) {
	await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
	write(`  report: ${values.json}\n`);
}
process.exitCode = report.outcome === 'interrupted' ? 130 : report.outcome === 'completed' && report.cleanup.complete ? 0 : 1;
