// Steps in the n8n editor (2.8 and later), for a playwright Page. Elements are found by the
// data-test-id attributes n8n's own end-to-end tests use.
const byTestId = (id) => `[data-test-id=${JSON.stringify(id)}]`;
const canvasNode = (name) => `${byTestId('canvas-node')}[data-node-name=${JSON.stringify(name)}]`;

/** Signs in with the same REST call the sign-in form makes; the browser keeps the cookie. */
export async function signIn(page, url, { email, password }) {
	await page.goto(`${url}/signin`);
	const status = await page.evaluate(
		(body) =>
			fetch('/rest/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
				(response) => response.status,
			),
		JSON.stringify({ emailOrLdapLoginId: email, password }),
	);
	if (status !== 200) throw new Error(`signing in as ${email} failed: HTTP ${status}`);
}

/** Opens a workflow and runs it with "Execute workflow"; resolves once `lastNode` succeeded. */
export async function runWorkflow(page, url, workflow, lastNode) {
	await page.goto(`${url}/workflow/${workflow.id}`);
	await page.locator(canvasNode(lastNode)).waitFor({ timeout: 60_000 });
	await page.locator(byTestId('execute-workflow-button')).click();
	const failed = page.locator(`${byTestId('canvas-node')} ${byTestId('canvas-node-status-error')}`);
	const done = page.locator(`${canvasNode(lastNode)} ${byTestId('canvas-node-status-success')}`);
	await failed.or(done).first().waitFor({ timeout: 120_000 });
	if (await failed.count()) throw new Error(`"${workflow.name}" failed in the editor`);
}

/** Double-clicks a node on the canvas; resolves once its parameter panel shows `operation`. */
export async function openNode(page, name, { operation }) {
	await page.locator(canvasNode(name)).dblclick();
	const shown = page.locator(`${byTestId('ndv')} ${byTestId('parameter-input-operation')} input`);
	await shown.waitFor();
	const value = await shown.inputValue();
	if (value !== operation) throw new Error(`"${name}" shows operation "${value}", not "${operation}"`);
}

/** In the open node's panel, sets the options parameter `parameter` to the option shown as `optionName`. */
export async function chooseOption(page, parameter, optionName) {
	await page.locator(`${byTestId('ndv')} ${byTestId(`parameter-input-${parameter}`)}`).click();
	await page.locator('.el-select-dropdown__item:visible').filter({ hasText: optionName }).first().click();
}

/** In the open node's output panel, views the output file named `fileName` and waits for it to load. */
export async function viewOutputFile(page, fileName) {
	const file = page
		.locator(`${byTestId('output-panel')} [data-test-id^="ndv-binary-data_"]`)
		.filter({ hasText: fileName });
	if ((await file.count()) === 0) throw new Error(`the output panel shows no file "${fileName}"`);
	await file.first().locator(byTestId('ndv-view-binary-data')).click();
	await page.waitForFunction(() =>
		[...document.querySelectorAll('.binary-data-window img')].some((img) => img.complete && img.naturalWidth > 0),
	);
	await page.mouse.move(0, 0); // no hover effects in the picture
}
