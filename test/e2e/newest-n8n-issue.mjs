// Where the check of the newest n8n release reports a failure: a GitHub issue per n8n version and
// outcome, opened the first time and commented on by every later run that finds the same, through
// the GitHub CLI (`gh`, authenticated by GH_TOKEN in the workflow).
import { execFileSync } from 'node:child_process';

export const issueTitle = (version, outcome) => `Newest n8n check: n8n ${version} ${outcome}`;

/** Comments on the open issue titled `title`, else opens it; resolves { action, number? }. */
export function reportToIssue({ title, body, gh = 'gh', env = process.env }) {
	const call = (args) => execFileSync(gh, args, { encoding: 'utf8', env });
	const open = JSON.parse(call(['issue', 'list', '--state', 'open', '--search', `"${title}" in:title`, '--json', 'number,title']));
	const same = open.find((issue) => issue.title === title);
	if (same) {
		call(['issue', 'comment', String(same.number), '--body', body]);
		return { action: 'commented', number: same.number };
	}
	call(['issue', 'create', '--title', title, '--body', body]);
	return { action: 'opened' };
}
