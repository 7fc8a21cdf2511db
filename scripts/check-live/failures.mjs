// A request the check cannot go on without, answered with an error.

export class CheckFailed extends Error {}

/** The answer's JSON, or CheckFailed naming the step, the status and the start of the body. */
export function expectJson(response, step) {
	if (response.status >= 200 && response.status < 300 && response.json !== undefined) return response.json;
	throw new CheckFailed(`${step}: HTTP ${response.status} ${response.bytes.toString('utf8').slice(0, 300)}`);
}

export function expectOk(response, step) {
	if (response.status >= 200 && response.status < 300) return;
	throw new CheckFailed(`${step}: HTTP ${response.status} ${response.bytes.toString('utf8').slice(0, 300)}`);
}
