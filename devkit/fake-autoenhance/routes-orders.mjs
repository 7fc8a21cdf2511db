// /v3/orders: create, list (cursor pagination), get, rename, delete, HDR merge/process, brackets.
import { mergeOrder } from './hdr.mjs';
import { validationError } from './http.mjs';
import { NO_CONTENT } from './router.mjs';
import { ORDER_CREATE, ORDER_LIST_QUERY, ORDER_MERGE, ORDER_PROCESS, ORDER_UPDATE } from './schemas.mjs';
import {
	bracketOut,
	createOrder,
	getOrder,
	orderBrackets,
	orderOut,
	rejectTakenId,
	removeOrder,
	touchOrder,
} from './state.mjs';

const DEFAULT_PER_PAGE = 5;

// The offset is an opaque cursor (orders older than a position), never a plain number.
const encodeCursor = (seq) => Buffer.from(JSON.stringify({ before: seq })).toString('base64url');

function decodeCursor(token) {
	try {
		const { before } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		if (Number.isInteger(before) && encodeCursor(before) === token) return before;
	} catch {
		// falls through to the validation error
	}
	throw validationError('query', { offset: ['Not a valid offset token.'] });
}

function listOrders({ core, query }) {
	const perPage = Math.min(query.per_page ?? DEFAULT_PER_PAGE, core.config.maxPerPage);
	const before = query.offset === undefined ? Infinity : decodeCursor(query.offset);
	const older = [...core.orders.values()].filter((order) => order.seq < before).sort((a, b) => b.seq - a.seq);
	const page = older.slice(0, perPage);
	return {
		json: {
			orders: page.map((order) => orderOut(core, order)),
			pagination: {
				next_offset: older.length > perPage ? encodeCursor(page.at(-1).seq) : null,
				per_page: perPage,
			},
		},
	};
}

function createOrderRoute({ core, body }) {
	rejectTakenId(core, 'order_id', body.order_id, (id) => core.orders.has(id));
	const order = createOrder(core, { order_id: body.order_id, name: body.name ?? undefined });
	return { json: orderOut(core, order) };
}

function updateOrder({ core, params, body }) {
	const order = getOrder(core, params.id);
	if (body.name !== undefined) order.name = body.name;
	if (body.default_image_sort_order !== undefined) {
		order.default_image_sort_order = body.default_image_sort_order;
	}
	touchOrder(order);
	return { json: orderOut(core, order) };
}

function merge({ allowExplicit }) {
	return ({ core, params, body }) => {
		const order = getOrder(core, params.id);
		mergeOrder(core, order, body, { allowExplicit });
		return { json: orderOut(core, order) };
	};
}

const withOrder = (respond) => ({ core, params }) => respond(core, getOrder(core, params.id));

export const orderRoutes = [
	{ methods: ['POST'], path: '/v3/orders', body: ORDER_CREATE, handler: createOrderRoute },
	{ methods: ['GET'], path: '/v3/orders', query: ORDER_LIST_QUERY, handler: listOrders },
	{
		methods: ['GET'],
		path: '/v3/orders/:id',
		auth: 'optional',
		handler: withOrder((core, order) => ({ json: orderOut(core, order) })),
	},
	{ methods: ['PATCH'], path: '/v3/orders/:id', body: ORDER_UPDATE, handler: updateOrder },
	{
		methods: ['DELETE'],
		path: '/v3/orders/:id',
		handler: withOrder((core, order) => (removeOrder(core, order), NO_CONTENT)),
	},
	// Both HDR triggers are live; only /process takes explicit groups.
	{ methods: ['POST'], path: '/v3/orders/:id/merge', body: ORDER_MERGE, handler: merge({ allowExplicit: false }) },
	{ methods: ['POST'], path: '/v3/orders/:id/process', body: ORDER_PROCESS, handler: merge({ allowExplicit: true }) },
	{
		methods: ['GET'],
		path: '/v3/orders/:id/brackets',
		auth: 'optional',
		handler: withOrder((core, order) => ({ json: { brackets: orderBrackets(core, order).map(bracketOut) } })),
	},
];
