#!/usr/bin/env node
// `npm run screenshot`: docs/node-in-editor.png, the single-image example in the n8n editor with
// the Autoenhance node open. Starts everything itself (the fake Autoenhance, a fresh n8n home with
// the packed package, the examples and an owner), runs the example from the editor in headless
// Chromium, opens the node and shows an enhanced photo in its output panel. Needs `npm run build`
// first and Debian's chromium (or CHROMIUM_PATH).
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, launchChromium } from '../devkit/browser/chromium.mjs';
import { openNode, runWorkflow, signIn, viewOutputFile } from '../devkit/browser/n8n-editor.mjs';
import { loadExamples, prepareExampleHome } from '../devkit/examples.mjs';
import { startFakeAutoenhance } from '../devkit/fake-autoenhance/index.mjs';
import { repoRoot, setupOwner, startN8n } from '../devkit/n8n/index.mjs';

const EXAMPLE = 'enhance-photos.json';
const NODE = 'Enhance photos';
const LAST_NODE = 'Save enhanced photos';
const SHOWN_FILE = 'living-room.jpg';
const VIEWPORT = { width: 1600, height: 1000 };
const target = join(repoRoot, 'docs', 'node-in-editor.png');

const step = (message) => console.log(`▶ ${message}`);

/** Undo steps, run last first, once, also on Ctrl-C. */
const cleanups = [];
let cleaning;
const cleanUp = () =>
	(cleaning ??= (async () => {
		for (const undo of cleanups.reverse()) await undo().catch((error) => console.error(error.message));
	})());
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => cleanUp().then(() => process.exit(130)));

async function prepareN8n() {
	step('Starting the fake Autoenhance and a fresh n8n with the packed package and the examples');
	const fake = await startFakeAutoenhance();
	cleanups.push(() => fake.close());
	const examples = await loadExamples();
	const home = await prepareExampleHome(fake, { workflows: Object.values(examples) });
	cleanups.push(() => home.remove());
	const n8n = await startN8n(home);
	cleanups.push(() => n8n.stop());
	const { owner } = await setupOwner(n8n.url);
	return { n8n, owner, workflow: examples[EXAMPLE] };
}

async function main() {
	findChromium(); // says how to install it before anything slow starts
	const started = Date.now();
	const { n8n, owner, workflow } = await prepareN8n();

	step('Opening the example in headless Chromium');
	const browser = await launchChromium();
	cleanups.push(() => browser.close());
	const page = await browser.newPage({ viewport: VIEWPORT });
	try {
		await signIn(page, n8n.url, owner);
		await runWorkflow(page, n8n.url, workflow, LAST_NODE);
		await openNode(page, NODE, { operation: 'Enhance' });
		await viewOutputFile(page, SHOWN_FILE);
	} catch (error) {
		const failure = join(tmpdir(), 'node-in-editor.failed.png');
		await writeFile(failure, await page.screenshot());
		error.message += `\n(the page at that moment: ${failure})`;
		throw error;
	}

	await writeFile(target, await page.screenshot());
	step(`Saved ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
}

try {
	await main();
} catch (error) {
	console.error(`\nscreenshot: ${error.message}`);
	process.exitCode = 1;
} finally {
	await cleanUp();
}
