// GET /v3/orders/: cursor pagination, in the order the orderList variant says: newest first,
// oldest first, or unordered (walked by a key unrelated to time, each page shuffled anew).
import { createHash } from 'node:crypto';
import { validationError } from './http.mjs';
import { orderOut } from './state.mjs';

const DEFAULT_PER_PAGE = 5;

const SORT_KEYS = {
	newestFirst: (order) => -order.seq,
	oldestFirst: (order) => order.seq,
	unordered: (order) => createHash('sha256').update(order.order_id).digest('hex'),
};

const byKey = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

// The offset is an opaque cursor (orders past a position), never a plain number.
const encodeCursor = (key) => Buffer.from(JSON.stringify({ after: key })).toString('base64url');

function decodeCursor(token) {
	try {
		const { after } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		if ((typeof after === 'number' || typeof after === 'string') && encodeCursor(after) === token) return after;
	} catch {
		// falls through to the validation error
	}
	throw validationError('query', { offset: ['Not a valid offset token.'] });
}

function shuffle(list, random) {
	for (let i = list.length - 1; i > 0; i -= 1) {
		const j = Math.floor(random() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

export function listOrders({ core, query }) {
	const perPage = Math.min(query.per_page ?? DEFAULT_PER_PAGE, core.config.maxPerPage);
	const after = query.offset === undefined ? undefined : decodeCursor(query.offset);
	const keyOf = SORT_KEYS[core.variants.orderList];
	const rest = [...core.orders.values()]
		.map((order) => ({ order, key: keyOf(order) }))
		.filter(({ key }) => after === undefined || key > after)
		.sort(byKey);
	const page = rest.slice(0, perPage);
	const orders = page.map(({ order }) => orderOut(core, order));
	return {
		json: {
			orders: core.variants.orderList === 'unordered' ? shuffle(orders, core.listRandom) : orders,
			pagination: {
				next_offset: rest.length > perPage ? encodeCursor(page.at(-1).key) : null,
				per_page: perPage,
			},
		},
	};
}
