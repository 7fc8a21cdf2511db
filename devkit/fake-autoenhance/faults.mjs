// Fault injection. Rules are checked in order for every request on every listener; all
// matching rules whose chance (seeded) comes up apply: 'latency' and 'slowBody' add up and
// let the request through, 'status', 'drop' and 'redirect' end it. With `after: true`, a
// 'status' or 'drop' lets the request take effect first and spoils only its answer.

const KINDS = ['status', 'drop', 'slowBody', 'latency', 'redirect'];
/** Kinds that end a request without its real answer. */
const ENDING = new Set(['status', 'drop', 'redirect']);
const LISTENERS = ['api', 'upload', 'asset'];
const SLOW_BODY_PIECES = 10;

/** mulberry32: a tiny seeded PRNG, so a run with the same seed injects the same faults. */
export function mulberry32(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let x = state;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

function fail(message) {
	throw new TypeError(`fault rule: ${message}`);
}

/** Checks a rule and turns its JSON form ({"pathRegex": "…"}) into the in-process one. */
function normalizeRule(rule) {
	if (typeof rule !== 'object' || rule === null) fail('must be an object');
	const { kind, listener, status, probability = 1, times = Infinity } = rule;
	if (!KINDS.includes(kind)) fail(`kind must be one of ${KINDS.join(', ')}`);
	if (listener !== undefined && !LISTENERS.includes(listener)) fail(`unknown listener ${listener}`);
	if (kind === 'status' && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
		fail('status must be an HTTP error code (e.g. 429, 500, 502, 503)');
	}
	if (!(probability >= 0 && probability <= 1)) fail('probability must be within 0..1');
	if (rule.after && kind !== 'status' && kind !== 'drop') fail('after applies to status and drop only');
	if (rule.maxInARow !== undefined && !(Number.isInteger(rule.maxInARow) && rule.maxInARow >= 0)) {
		fail('maxInARow must be a whole number');
	}
	if (rule.forMs !== undefined && !(Number.isFinite(rule.forMs) && rule.forMs >= 0)) fail('forMs must be a number of ms');
	const path = rule.pathRegex !== undefined ? new RegExp(rule.pathRegex) : rule.path;
	const retryAfter = rule.retryAfter ?? (status === 429 ? 1 : undefined);
	return { ...rule, path, probability, times: times ?? Infinity, retryAfter, delayMs: rule.delayMs ?? 0 };
}

function matches(rule, listener, method, path) {
	if (rule.listener && rule.listener !== listener) return false;
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.path instanceof RegExp) return rule.path.test(path);
	return rule.path === undefined || path.startsWith(rule.path);
}

export class FaultInjector {
	#seed;
	#random;
	#rules = [];
	/** listener + method + path → how many requests to it in a row ended in a fault. */
	#streaks = new Map();
	injected = 0;

	constructor(seed) {
		this.#seed = seed;
		this.#random = mulberry32(seed);
	}

	/** Replaces the rules and restarts the seeded sequence, so each set of rules repeats. */
	set(rules) {
		this.#rules = rules.map(normalizeRule).map((rule) => ({ ...rule, used: 0 }));
		this.#random = mulberry32(this.#seed);
		this.#streaks.clear();
	}

	/**
	 * The rules that fire for this request (each firing counts towards `times`). A rule with
	 * `forMs` applies only that long from the first request it matches: an episode of push-back. A rule with
	 * `maxInARow` does not end a request when that many requests to the same listener, method
	 * and path in a row were already ended by a fault: a client with bounded retries gets through.
	 */
	draw(listener, method, path, now = Date.now()) {
		const key = `${listener} ${method} ${path}`;
		const streak = this.#streaks.get(key) ?? 0;
		const fired = [];
		for (const rule of this.#rules) {
			if (rule.used >= rule.times || !matches(rule, listener, method, path)) continue;
			rule.firstMatchAt ??= now;
			if (now - rule.firstMatchAt > (rule.forMs ?? Infinity)) continue;
			if (rule.probability < 1 && this.#random() >= rule.probability) continue;
			if (ENDING.has(rule.kind) && streak >= (rule.maxInARow ?? Infinity)) continue;
			rule.used += 1;
			this.injected += 1;
			fired.push(rule);
			if (ENDING.has(rule.kind)) break;
		}
		if (fired.some((rule) => ENDING.has(rule.kind))) this.#streaks.set(key, streak + 1);
		else this.#streaks.delete(key);
		return fired;
	}
}

/** Label of a fired rule in the request record: '429', '503', 'drop', '503 after', 'drop after', 'slowBody'… */
export function faultLabel(rule) {
	const label = rule.kind === 'status' ? String(rule.status) : rule.kind;
	return rule.after ? `${label} after` : label;
}

const lastFunction = (...args) => args.findLast((arg) => typeof arg === 'function');
const toBuffer = (chunk, encoding) =>
	Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined);

/**
 * Makes `res` send its body in SLOW_BODY_PIECES pieces with pauses adding up to `delayMs`
 * (headers go out at once). Writes are queued and acknowledged with 'drain', so piped
 * streams keep their backpressure.
 */
export function paceResponse(res, delayMs, sleep) {
	const [write, end, writeHead] = [res.write, res.end, res.writeHead].map((f) => f.bind(res));
	let declaredLength = NaN;
	let pausesLeft = SLOW_BODY_PIECES;
	let queue = Promise.resolve();

	const trickle = async (chunk, encoding) => {
		const bytes = toBuffer(chunk, encoding);
		const size = declaredLength > 0 ? Math.ceil(declaredLength / SLOW_BODY_PIECES) : 16384;
		for (let at = 0; at < bytes.length && !res.destroyed; at += size) {
			write(bytes.subarray(at, at + size));
			if (pausesLeft > 0) {
				pausesLeft -= 1;
				await sleep(delayMs / SLOW_BODY_PIECES);
			}
		}
	};
	const enqueue = (step) => {
		queue = queue.then(step).catch((error) => res.destroy(error));
		return queue;
	};

	res.writeHead = (status, ...rest) => {
		const headers = rest.find((arg) => typeof arg === 'object' && arg !== null) ?? {};
		declaredLength = Number(headers['content-length'] ?? res.getHeader('content-length'));
		return writeHead(status, ...rest);
	};
	res.write = (chunk, encoding, callback) => {
		enqueue(async () => {
			await trickle(chunk, encoding);
			lastFunction(encoding, callback)?.();
			res.emit('drain');
		});
		return false;
	};
	res.end = (chunk, encoding, callback) => {
		const hasChunk = chunk !== undefined && chunk !== null && typeof chunk !== 'function';
		enqueue(async () => {
			if (hasChunk) await trickle(chunk, encoding);
			end(lastFunction(chunk, encoding, callback));
		});
		return res;
	};
}

/**
 * The handler runs, and takes effect, but its answer never reaches the client: `answer` sends
 * another one in its place once the handler has finished.
 */
export function replaceResponse(res, answer) {
	const own = { writeHead: res.writeHead, write: res.write, end: res.end };
	res.writeHead = () => res;
	res.write = (chunk, encoding, callback) => {
		lastFunction(encoding, callback)?.();
		return true;
	};
	res.end = () => {
		Object.assign(res, own);
		answer();
		return res;
	};
}

/**
 * The handler runs, takes effect and starts answering; the connection breaks halfway through the
 * response body (a body of unknown length: before its first byte).
 */
export function cutResponse(res) {
	const [write, writeHead] = [res.write, res.writeHead].map((f) => f.bind(res));
	let room = 0;
	let cut = false;
	const breakOff = (bytes) => {
		cut = true;
		write(bytes, () => res.socket?.destroy());
	};
	const pass = (chunk, encoding) => {
		const bytes = toBuffer(chunk, encoding);
		if (bytes.length >= room) return breakOff(bytes.subarray(0, room));
		room -= bytes.length;
		write(bytes);
	};
	res.writeHead = (status, ...rest) => {
		const headers = rest.find((arg) => typeof arg === 'object' && arg !== null) ?? {};
		const length = Number(headers['content-length'] ?? res.getHeader('content-length'));
		room = Number.isFinite(length) ? Math.floor(length / 2) : 0;
		return writeHead(status, ...rest);
	};
	res.write = (chunk, encoding, callback) => {
		if (!cut) pass(chunk, encoding);
		lastFunction(encoding, callback)?.();
		return true;
	};
	res.end = (chunk, encoding) => {
		const hasChunk = chunk !== undefined && chunk !== null && typeof chunk !== 'function';
		if (!cut && hasChunk) pass(chunk, encoding);
		if (!cut) breakOff(Buffer.alloc(0));
		return res;
	};
}
