#!/usr/bin/env node
// Regenerates the sample photos of the examples (examples/files/in/): small real JPEGs of
// drawn rooms, rendered by headless Chromium. The HDR brackets are one scene at three
// exposures (dark, normal, bright), named so that sorting by name keeps each set together.
// Run it only to change the samples; the generated files are committed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../devkit/browser/chromium.mjs';
import { repoRoot } from '../devkit/n8n/index.mjs';

const WIDTH = 360;
const HEIGHT = 240;
const QUALITY = 70;

const box = (style) => `<div style="position:absolute;${style}"></div>`;
const windowPane = (left, top, sky) =>
	box(`left:${left}px;top:${top}px;width:90px;height:110px;background:${sky};border:6px solid #f4f1ea;box-shadow:inset 0 0 0 2px #ccc`);

const SCENES = {
	'living-room': [
		box('inset:0 0 70px 0;background:linear-gradient(#d9c9ad,#c2ad8c)'),
		box('left:0;right:0;bottom:0;height:70px;background:repeating-linear-gradient(90deg,#8a5a33 0 38px,#7a4e2b 38px 40px)'),
		windowPane(40, 40, 'linear-gradient(#9fb4c7,#d6dde2)'),
		box('left:170px;top:120px;width:150px;height:60px;background:#4f6d7a;border-radius:10px 10px 4px 4px'),
		box('left:180px;top:100px;width:40px;height:30px;background:#e2b04a;border-radius:6px'),
	],
	kitchen: [
		box('inset:0;background:linear-gradient(#eeeae3,#d8d3ca)'),
		box('left:0;right:0;top:20px;height:60px;background:#6f8f7b'),
		windowPane(135, 30, 'linear-gradient(#a7c0d6,#e8eef2)'),
		box('left:0;right:0;top:150px;height:14px;background:#3b3b3b'),
		box('left:0;right:0;top:164px;bottom:0;background:repeating-linear-gradient(90deg,#6f8f7b 0 88px,#5d7a68 88px 90px)'),
	],
	garden: [
		box('inset:0 0 90px 0;background:linear-gradient(#b8bcc0,#d7d9db)'),
		box('left:60px;top:60px;width:240px;height:110px;background:#c98e6b'),
		box('left:50px;top:30px;width:260px;height:40px;background:#5b4a42;clip-path:polygon(10% 0,90% 0,100% 100%,0 100%)'),
		box('left:160px;top:110px;width:40px;height:60px;background:#3d5a80'),
		box('left:0;right:0;bottom:0;height:90px;background:linear-gradient(#6f9a4c,#4f7a34)'),
	],
	bedroom: [
		box('inset:0 0 60px 0;background:linear-gradient(#c8d3d8,#aebcc3)'),
		box('left:0;right:0;bottom:0;height:60px;background:#9c8770'),
		windowPane(230, 35, 'linear-gradient(#fdfdf8,#ffffff)'),
		box('left:30px;top:120px;width:170px;height:70px;background:#f1efe9;border-top:14px solid #7d5a44'),
		box('left:40px;top:110px;width:60px;height:24px;background:#ffffff;border-radius:8px'),
	],
	hallway: [
		box('inset:0;background:linear-gradient(90deg,#b9a88f,#e3d7c3 50%,#b9a88f)'),
		box('left:130px;top:40px;width:100px;height:160px;background:#fffdf5;border:8px solid #8b6b4f'),
		box('left:0;right:0;bottom:0;height:40px;background:linear-gradient(90deg,#5b3f2b,#7a5538 50%,#5b3f2b)'),
		box('left:20px;top:70px;width:30px;height:110px;background:#55606b'),
	],
};

/** Exposure of a bracket: a CSS filter standing in for −2, 0 and +2 EV. */
const EXPOSURES = [
	['1-dark', 'brightness(0.35) contrast(1.1)'],
	['2-normal', 'none'],
	['3-bright', 'brightness(1.6) contrast(0.9)'],
];

const PHOTOS = ['living-room', 'kitchen', 'garden'];
const BRACKET_SETS = ['bedroom', 'hallway'];

function html(scene, filter = 'none') {
	return `<!doctype html><html><body style="margin:0;width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden">
		<div style="position:relative;width:${WIDTH}px;height:${HEIGHT}px;filter:${filter}">${SCENES[scene].join('')}</div>
	</body></html>`;
}

async function render(page, markup) {
	await page.goto(`data:text/html;base64,${Buffer.from(markup).toString('base64')}`);
	return page.screenshot({ type: 'jpeg', quality: QUALITY, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
}

const inDir = join(repoRoot, 'examples', 'files', 'in');
const browser = await launchChromium();
try {
	const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
	const outputs = [
		...PHOTOS.map((scene) => [join('photos', `${scene}.jpg`), html(scene)]),
		...BRACKET_SETS.flatMap((scene) =>
			EXPOSURES.map(([suffix, filter]) => [join('brackets', `${scene}-${suffix}.jpg`), html(scene, filter)]),
		),
	];
	for (const [file, markup] of outputs) {
		const jpeg = await render(page, markup);
		await mkdir(join(inDir, file, '..'), { recursive: true });
		await writeFile(join(inDir, file), jpeg);
		console.log(`${join('examples/files/in', file)}  ${jpeg.length} bytes`);
	}
} finally {
	await browser.close();
}
