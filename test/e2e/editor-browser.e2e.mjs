// The editor as a user meets it, in headless Chromium (playwright-core with Debian's chromium):
// open the photo example, open its Autoenhance node, choose to put the images into an existing
// order and pick one from the list (the fake's orders appear there), execute the node and see an enhanced image in the output's binary view.
// Takes the two screenshots the README shows: into docs/ with UPDATE_SCREENSHOTS=1
// (docs/order-list.png, docs/enhanced-output.png), else into the temp folder.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../devkit/browser/chromium.mjs';
import { chooseOption } from '../../devkit/browser/n8n-editor.mjs';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { repoRoot, setupOwner, startN8n } from '../../devkit/n8n/index.mjs';
import { fakeClient } from './fake-client.mjs';

const EXAMPLE = 'enhance-photos.json';
const NODE = 'Enhance photos';
const ORDER_NAME = '12 High Street';

const byTestId = (id) => `[data-test-id="${id}"]`;
const screenshotDir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs') : tmpdir();

let fake;
let home;
let n8n;
let browser;
let page;
let order;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-editor-api-key' });
	const client = fakeClient(fake);
	order = await client.createOrder({ name: ORDER_NAME });
	await client.createOrder({ name: '4 Mill Lane' });
	const examples = await loadExamples();
	home = await prepareExampleHome(fake, { workflows: Object.values(examples) });
	n8n = await startN8n(home);
	const { owner } = await setupOwner(n8n.url);
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	await page.goto(`${n8n.url}/signin`);
	const signedIn = await page.request.post(`${n8n.url}/rest/login`, {
		data: { emailOrLdapLoginId: owner.email, password: owner.password },
	});
	expect(signedIn.status()).toBe(200);
	await page.goto(`${n8n.url}/workflow/${examples[EXAMPLE].id}`);
});

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await fake?.close();
	await home?.remove();
});

/** On failure, what the page looked like, for the error message. */
async function capture(error) {
	const file = join(tmpdir(), `editor-browser-failed-${Date.now()}.png`);
	await page?.screenshot({ path: file }).catch(() => undefined);
	error.message += `\n(the page at that moment: ${file})`;
	throw error;
}

test('pick an order from the list, execute the node, see the enhanced image', async () => {
	try {
		const canvasNode = page.locator(`${byTestId('canvas-node')}[data-node-name="${NODE}"]`);
		// The subtitle under the node says what it does in words.
		await canvasNode.getByText('Enhance: Image', { exact: true }).waitFor({ timeout: 30_000 });
		await canvasNode.dblclick();
		await chooseOption(page, 'orderGrouping', 'Existing Order');
		const locator = page.locator(byTestId('resource-locator-orderId'));
		await locator.locator(byTestId('rlc-input')).click();

		const listed = page.locator(byTestId('rlc-item')).filter({ hasText: ORDER_NAME });
		await listed.waitFor({ timeout: 30_000 });
		await writeFile(join(screenshotDir, 'order-list.png'), await page.screenshot());
		await listed.click();
		expect(await locator.locator(byTestId('rlc-input')).inputValue()).toBe(ORDER_NAME);

		await page.locator(byTestId('node-execute-button')).first().click();
		const output = page.locator(byTestId('output-panel'));
		await output.getByText('Binary', { exact: true }).click();
		const file = output.locator('[data-test-id^="ndv-binary-data_"]').first();
		await file.locator(byTestId('ndv-view-binary-data')).click();
		await page.waitForFunction(() =>
			[...document.querySelectorAll('.binary-data-window img')].some((img) => img.complete && img.naturalWidth > 0),
		);
		await writeFile(join(screenshotDir, 'enhanced-output.png'), await page.screenshot());
	} catch (error) {
		await capture(error);
	}
	// The images went into the order picked from the list.
	expect(fake.orders.get(order.order_id).image_ids.length).toBeGreaterThan(0);
});
