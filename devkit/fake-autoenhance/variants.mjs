// Named behaviour variants: for each behaviour the Autoenhance docs leave open, every reading
// the fake can take. A client must give the same result under each (README: "Variants").
// Selected per fake (`variants` option, `setVariants`, POST /__fake/variants) or, in the
// sandbox, with FAKE_AUTOENHANCE_VARIANTS="orderList=oldestFirst,download=json" or "leastConvenient".

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Each variant: its readings, the first being the default. */
export const VARIANTS = {
	/** GET /v3/orders/: which order the list (and its pages) come in. */
	orderList: ['newestFirst', 'oldestFirst', 'unordered'],
	/** POST /v3/orders/{id}/process|merge: is_merging true at once, or false (no images) for mergeStartDelayMs. */
	mergeStart: ['immediate', 'delayed'],
	/** A bracket's is_uploaded after its PUT: at once, or after uploadFlagDelayMs. */
	bracketUploadFlag: ['immediate', 'delayed'],
	/** A bracket's image_id before its merge: null, or already set (to the ID its merged image will get). */
	bracketImageId: ['unset', 'preassigned'],
	/** An order's `images`: every image at once, or a new image only orderListingLagMs after its creation. */
	orderImages: ['immediate', 'lagging'],
	/** DELETE: the object is gone (404, ID free again), or kept with is_deleted: true (GET 200, ID taken). */
	deletion: ['hard', 'soft'],
	/** /enhanced and /original: a 302 to the file, the file itself, JSON with its URL, or an HTML page (no file). */
	download: ['redirect', 'bytes', 'json', 'html'],
	/** Where a webhook delivery carries the token: Authorization as is, `Bearer <token>`, or X-Autoenhance-Token. */
	webhookToken: ['raw', 'bearer', 'header'],
	/** Setting enums on the newest API versions: the docs pages' values too, or only the official SDK's. */
	settingEnums: ['documented', 'sdk'],
	/** The window pull style key the API reads (the other is an unknown property, ignored). */
	windowPullKey: ['window_pull_type', 'window_pull_style'],
	/** The version a request without x-api-version gets: none in particular (lenient), or a date. */
	accountApiVersion: ['unpinned', DATE],
};

/**
 * The combination that makes a client work hardest; the e2e examples run once under it. Not the
 * lagging order list: the step-by-step HDR example counts its status rounds, and that variant is
 * exercised by the tests of waiting by order.
 */
export const LEAST_CONVENIENT = {
	orderList: 'unordered',
	mergeStart: 'delayed',
	bracketUploadFlag: 'delayed',
	bracketImageId: 'preassigned',
	deletion: 'soft',
	download: 'json',
	webhookToken: 'bearer',
	settingEnums: 'sdk',
	windowPullKey: 'window_pull_style',
	accountApiVersion: '2024-10-01',
};

export const WEBHOOK_TOKEN_HEADER = 'x-autoenhance-token';

export const defaultVariants = () => Object.fromEntries(Object.entries(VARIANTS).map(([name, [first]]) => [name, first]));

function accepts(readings, value) {
	return readings.some((reading) => (reading instanceof RegExp ? reading.test(value) : reading === value));
}

/** Checks a patch ({ name: reading }) and returns the variants with it applied. */
export function withVariants(current, patch = {}) {
	for (const [name, value] of Object.entries(patch)) {
		const readings = VARIANTS[name];
		if (!readings) throw new TypeError(`variants: unknown variant ${name} (known: ${Object.keys(VARIANTS).join(', ')})`);
		if (typeof value !== 'string' || !accepts(readings, value)) {
			throw new TypeError(`variants: ${name} must be one of ${readings.map(String).join(', ')}; got ${JSON.stringify(value)}`);
		}
	}
	return { ...current, ...patch };
}

/** "leastConvenient", or "name=reading,name=reading" (FAKE_AUTOENHANCE_VARIANTS). */
export function parseVariants(text = '') {
	if (text.trim() === 'leastConvenient') return { ...LEAST_CONVENIENT };
	const pairs = text.split(',').map((pair) => pair.trim()).filter(Boolean);
	return Object.fromEntries(
		pairs.map((pair) => {
			const [name, value] = pair.split('=').map((part) => part?.trim());
			if (!value) throw new TypeError(`variants: expected name=reading, got "${pair}"`);
			return [name, value];
		}),
	);
}
