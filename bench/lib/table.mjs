const COLUMNS = [
	['case', 'case'],
	['ours', 'Autoenhance node'],
	['baseline', 'HTTP Request chain'],
	['ratio', 'ratio'],
	['target', 'target'],
	['result', 'result'],
];

/** A Markdown table (readable in a terminal, pasteable into the README). */
export function formatTable(rows, { enforce }) {
	const cells = rows.map((row) => ({ ...row, result: enforce ? (row.pass ? 'pass' : 'FAIL') : row.pass ? '(pass)' : '(fail)' }));
	const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...cells.map((row) => String(row[key]).length)));
	const line = (values) => `| ${values.map((value, index) => String(value).padEnd(widths[index])).join(' | ')} |`;
	return [
		line(COLUMNS.map(([, title]) => title)),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...cells.map((row) => line(COLUMNS.map(([key]) => row[key]))),
	].join('\n');
}
