// n8n's REST API as the editor uses it, signed in with the owner's cookie.

/** A workflow's executions, newest first: [{ id, status, mode, … }]. */
export async function listExecutions(url, cookie, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await fetch(`${url}/rest/executions?filter=${filter}`, { headers: { cookie } });
	if (response.status !== 200) throw new Error(`GET /rest/executions: ${response.status} ${await response.text()}`);
	return (await response.json()).data.results;
}

/** An execution's saved data, as n8n stores it (flatted JSON text). */
export async function executionData(url, cookie, executionId) {
	const response = await fetch(`${url}/rest/executions/${executionId}`, { headers: { cookie } });
	if (response.status !== 200) throw new Error(`GET /rest/executions/${executionId}: ${response.status}`);
	return (await response.json()).data.data;
}

/** True once an execution has ended, whatever its outcome. */
export const finished = (execution) => !['new', 'running', 'waiting'].includes(execution.status);
