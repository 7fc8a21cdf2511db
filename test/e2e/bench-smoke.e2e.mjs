// The benchmark (bench/, `npm run bench`) is too slow and too noisy for CI, so this runs it once
// on tiny inputs (`--smoke`) to keep it working: a real n8n, the fake server, all four cases.
import { readFile } from 'node:fs/promises';
import { repoRoot } from '../../devkit/n8n/index.mjs';
import { runProcess, tail } from '../../devkit/process.mjs';

const CASES = ['1. Memory', '2a. HDR', '2b. HDR', '2c. HDR', '3. Per-item overhead', '4. Wait', '5. Orders'];

/** The rows of the Markdown table the benchmark prints, as { case, ours, baseline, ratio, … }. */
function tableRows(stdout) {
	const lines = stdout.split('\n').filter((line) => line.startsWith('| '));
	const [header, ...rows] = lines.map((line) => line.slice(2, -2).split(' | ').map((cell) => cell.trim()));
	const keys = header.map((title) => ({ 'Autoenhance node': 'ours', 'HTTP Request chain': 'baseline' })[title] ?? title);
	return rows.map((cells) => Object.fromEntries(keys.map((key, index) => [key, cells[index]])));
}

const NUMBER = /\d+(\.\d+)?/;

test('npm run bench -- --smoke: every case measured, ours and the HTTP Request baseline', async () => {
	const started = Date.now();
	const result = await runProcess(process.execPath, ['bench/run.mjs', '--smoke'], { cwd: repoRoot, timeoutMs: 240_000 });
	console.log(`bench --smoke: ${Math.round((Date.now() - started) / 1000)} s\n${tail(result.stdout, result.stderr)}`);

	expect(result.code).toBe(0);
	const rows = tableRows(result.stdout);
	expect(rows.map((row) => CASES.find((name) => row.case.startsWith(name)))).toEqual(CASES);
	for (const row of rows) {
		expect(row.ours).toMatch(NUMBER);
		expect(row.baseline).toMatch(NUMBER);
		// Case 5 compares with version 1 on two measures: "0.63× requests, 0.98× time of version 1".
		expect(row.ratio).toMatch(/^(\d+\.\d\d×|\d+\.\d\d× requests, \d+\.\d\d× time of version 1|—)$/);
		expect(row.result).toMatch(/^\((pass|fail)\)$/);
	}
	// Case 2 counts the requests of each variant and draws their time lines.
	expect(result.stdout).toMatch(/Autoenhance node: API \d+ \(create order 1, register 6, .*\), upload host 6, download host 2;/);
	const picture = /Time lines: (\S+\.svg)/.exec(result.stdout)?.[1];
	expect(picture).toBeDefined();
	const svg = await readFile(picture, 'utf8');
	expect(svg.match(/<rect x=/g)?.length).toBeGreaterThanOrEqual(2 * (1 + 6 + 6 + 1 + 2 + 2 + 2));
});
