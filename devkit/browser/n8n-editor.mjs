// Steps in the n8n editor (2.8), for a Page from chromium.mjs. Elements are found by the
// data-test-id attributes n8n's own end-to-end tests use.
const byTestId = (id) => `[data-test-id=${JSON.stringify(id)}]`;
const canvasNode = (name) => `${byTestId('canvas-node')}[data-node-name=${JSON.stringify(name)}]`;
const exists = (selector) => `!!document.querySelector(${JSON.stringify(selector)})`;

/** Signs in with the same REST call the sign-in form makes; the browser keeps the cookie. */
export async function signIn(page, url, { email, password }) {
	await page.goto(`${url}/signin`);
	const status = await page.evaluate(`fetch('/rest/login', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(${JSON.stringify({ emailOrLdapLoginId: email, password })}),
	}).then((response) => response.status)`);
	if (status !== 200) throw new Error(`signing in as ${email} failed: HTTP ${status}`);
}

/** Opens a workflow and runs it with "Execute workflow"; resolves once `lastNode` succeeded. */
export async function runWorkflow(page, url, workflow, lastNode) {
	await page.goto(`${url}/workflow/${workflow.id}`);
	await page.waitFor(exists(canvasNode(lastNode)), { what: `the canvas of "${workflow.name}"`, timeoutMs: 60_000 });
	await page.click(byTestId('execute-workflow-button'));
	const failed = `${byTestId('canvas-node')} ${byTestId('canvas-node-status-error')}`;
	const done = `${canvasNode(lastNode)} ${byTestId('canvas-node-status-success')}`;
	const outcome = await page.waitFor(
		`document.querySelector(${JSON.stringify(failed)}) ? 'failed' : document.querySelector(${JSON.stringify(done)}) ? 'done' : ''`,
		{ what: `"${workflow.name}" to finish`, timeoutMs: 120_000 },
	);
	if (outcome === 'failed') throw new Error(`"${workflow.name}" failed in the editor`);
}

/** Double-clicks a node on the canvas; resolves once its parameter panel shows `operation`. */
export async function openNode(page, name, { operation }) {
	await page.click(canvasNode(name), { clickCount: 2 });
	const shown = `document.querySelector(${JSON.stringify(`${byTestId('ndv')} ${byTestId('parameter-input-operation')} input`)})?.value`;
	const value = await page.waitFor(shown, { what: `the parameter panel of "${name}"` });
	if (value !== operation) throw new Error(`"${name}" shows operation "${value}", not "${operation}"`);
}

/** In the open node's output panel, views the output file named `fileName` and waits for it to load. */
export async function viewOutputFile(page, fileName) {
	const marked = await page.evaluate(`(() => {
		const panel = document.querySelector(${JSON.stringify(byTestId('output-panel'))});
		const file = [...(panel?.querySelectorAll('[data-test-id^="ndv-binary-data_"]') ?? [])]
			.find((element) => element.textContent.includes(${JSON.stringify(fileName)}));
		file?.querySelector(${JSON.stringify(byTestId('ndv-view-binary-data'))})?.setAttribute('data-screenshot-target', '');
		return !!file;
	})()`);
	if (!marked) throw new Error(`the output panel shows no file "${fileName}"`);
	await page.click('[data-screenshot-target]');
	await page.waitFor(
		"[...document.querySelectorAll('.binary-data-window img')].some((img) => img.complete && img.naturalWidth > 0)",
		{ what: `"${fileName}" to show in the output panel` },
	);
	await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 0, y: 0 }); // no hover effects in the picture
}
