// Headless Chromium driven over the Chrome DevTools Protocol (CDP), with Node's own WebSocket
// client: no browser automation dependency and no browser download, just Debian's `chromium`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { killGroup, killWithParent } from '../process.mjs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// What works headless on these machines (and in containers without a GPU or user namespaces).
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--hide-scrollbars',
];

/** The Chromium to use: CHROMIUM_PATH, else the usual install locations; a clear error if none. */
export function findChromium() {
	const explicit = process.env.CHROMIUM_PATH;
	if (explicit && !existsSync(explicit)) throw new Error(`CHROMIUM_PATH is ${explicit}, which does not exist.`);
	const found = explicit || CANDIDATES.find((path) => existsSync(path));
	if (!found) {
		throw new Error(
			'Chromium is missing. Install it (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`) ' +
				'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
		);
	}
	return found;
}

/**
 * Node 20 has a WebSocket client only behind --experimental-websocket (Node 22+ by default):
 * when it is missing, runs this same script again with the flag and exits with its exit code.
 */
export function rerunWithWebSocket() {
	if (typeof globalThis.WebSocket === 'function') return;
	const args = ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)];
	const { status, signal } = spawnSync(process.execPath, args, { stdio: 'inherit' });
	process.exit(status ?? (signal ? 1 : 0));
}

/** Starts a headless Chromium with a fresh profile; resolves { newPage(viewport), close() }. */
export async function launchChromium() {
	if (typeof globalThis.WebSocket !== 'function') throw new Error('no WebSocket client: call rerunWithWebSocket() first');
	const executable = findChromium();
	const userDataDir = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
	const child = spawn(
		executable,
		[...FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', 'about:blank'],
		{ detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	killWithParent(child);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	let cdp;
	const close = async () => {
		cdp?.close();
		killGroup(child, 'SIGTERM');
		await Promise.race([exited, sleep(5_000).then(() => killGroup(child, 'SIGKILL'))]);
		await rm(userDataDir, { recursive: true, force: true });
	};
	try {
		cdp = await CdpConnection.connect(await devToolsUrl(child));
	} catch (error) {
		await close();
		throw error;
	}
	return { newPage: (viewport) => Page.open(cdp, viewport), close };
}

/** Chromium prints "DevTools listening on ws://…" on stderr once it accepts CDP connections. */
function devToolsUrl(child, timeoutMs = 30_000) {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`Chromium did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
		child.stderr.on('data', (chunk) => {
			output += chunk;
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Chromium exited during startup (exit ${code}):\n${output}`));
		});
	});
}

/** One CDP WebSocket: commands with ids, answers and events, sessions of attached pages. */
class CdpConnection {
	static connect(url) {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(url);
			socket.addEventListener('open', () => resolve(new CdpConnection(socket)), { once: true });
			socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
		});
	}

	constructor(socket) {
		this.socket = socket;
		this.nextId = 1;
		this.pending = new Map();
		this.listeners = new Set();
		socket.addEventListener('message', ({ data }) => this.receive(JSON.parse(data)));
		socket.addEventListener('close', () => {
			for (const { reject } of this.pending.values()) reject(new Error('the browser closed the connection'));
			this.pending.clear();
		});
	}

	receive(message) {
		if (message.id === undefined) {
			for (const listener of this.listeners) listener(message);
			return;
		}
		const call = this.pending.get(message.id);
		this.pending.delete(message.id);
		if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
		else call?.resolve(message.result);
	}

	send(method, params = {}, sessionId = undefined) {
		const id = this.nextId++;
		this.socket.send(JSON.stringify({ id, method, params, sessionId }));
		return new Promise((resolve, reject) => this.pending.set(id, { method, resolve, reject }));
	}

	/** Resolves the params of the next event `method` (of `sessionId`). */
	nextEvent(method, sessionId, timeoutMs = 60_000) {
		return new Promise((resolve, reject) => {
			const listener = (message) => {
				if (message.method !== method || message.sessionId !== sessionId) return;
				done();
				resolve(message.params);
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`no ${method} within ${timeoutMs} ms`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				this.listeners.delete(listener);
			};
			this.listeners.add(listener);
		});
	}

	close() {
		this.socket.close();
	}
}

/** A browser tab: navigate, run JavaScript in it, click, take screenshots. */
class Page {
	static async open(cdp, { width = 1280, height = 800 } = {}) {
		const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
		const page = new Page(cdp, sessionId);
		await page.send('Page.enable');
		await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
		return page;
	}

	constructor(cdp, sessionId) {
		this.cdp = cdp;
		this.sessionId = sessionId;
	}

	send(method, params) {
		return this.cdp.send(method, params, this.sessionId);
	}

	/** Opens a URL (a data: URL too) and resolves once its load event fired. */
	async goto(url) {
		const loaded = this.cdp.nextEvent('Page.loadEventFired', this.sessionId);
		const { errorText } = await this.send('Page.navigate', { url });
		if (errorText) throw new Error(`cannot open ${url}: ${errorText}`);
		await loaded;
	}

	/** Evaluates an expression (awaiting a promise) in the page; resolves its JSON value. */
	async evaluate(expression) {
		const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true,
		});
		if (exceptionDetails) {
			throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
		}
		return result.value;
	}

	/** Polls an expression until it is truthy; resolves its value. */
	async waitFor(expression, { timeoutMs = 30_000, what = expression } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await this.evaluate(expression);
			if (value) return value;
			if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
			await sleep(200);
		}
	}

	/** Scrolls the first element matching a CSS selector into view and clicks (or double-clicks) its middle. */
	async click(selector, { clickCount = 1 } = {}) {
		const box = await this.evaluate(`(() => {
			const element = document.querySelector(${JSON.stringify(selector)});
			if (!element) return null;
			element.scrollIntoView({ block: 'center', inline: 'center' });
			const { x, y, width, height } = element.getBoundingClientRect();
			return { x: x + width / 2, y: y + height / 2 };
		})()`);
		if (!box) throw new Error(`nothing on the page matches ${selector}`);
		const mouse = { x: box.x, y: box.y, button: 'left' };
		await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y });
		for (let count = 1; count <= clickCount; count++) {
			await this.send('Input.dispatchMouseEvent', { ...mouse, type: 'mousePressed', clickCount: count });
			await this.send('Input.dispatchMouseEvent', { ...mouse, type: 'mouseReleased', clickCount: count });
		}
	}

	/** A screenshot of the viewport (or `clip`) as a Buffer: PNG, or JPEG with `quality`. */
	async screenshot({ format = 'png', quality, clip } = {}) {
		const { data } = await this.send('Page.captureScreenshot', {
			format,
			...(quality === undefined ? {} : { quality }),
			...(clip ? { clip: { ...clip, scale: 1 } } : {}),
		});
		return Buffer.from(data, 'base64');
	}
}
