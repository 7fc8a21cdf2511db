// /v3/orders: create, list (order-list.mjs), get, rename, delete, HDR merge/process, brackets.
import { mergeOrder } from './hdr.mjs';
import { listOrders } from './order-list.mjs';
import { NO_CONTENT } from './router.mjs';
import { ORDER_CREATE, ORDER_LIST_QUERY, orderMerge, orderProcess, ORDER_UPDATE } from './schemas.mjs';
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
	return ({ core, params, body, fields }) => {
		const order = getOrder(core, params.id);
		mergeOrder(core, order, body, { allowExplicit, fields });
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
		handler: ({ core, params }) => ({ json: orderOut(core, getOrder(core, params.id, { withDeleted: true })) }),
	},
	{ methods: ['PATCH'], path: '/v3/orders/:id', body: ORDER_UPDATE, handler: updateOrder },
	{
		methods: ['DELETE'],
		path: '/v3/orders/:id',
		handler: withOrder((core, order) => (removeOrder(core, order), NO_CONTENT)),
	},
	// Both HDR triggers are live; only /process takes explicit groups.
	{ methods: ['POST'], path: '/v3/orders/:id/merge', body: orderMerge, handler: merge({ allowExplicit: false }) },
	{ methods: ['POST'], path: '/v3/orders/:id/process', body: orderProcess, handler: merge({ allowExplicit: true }) },
	{
		methods: ['GET'],
		path: '/v3/orders/:id/brackets',
		auth: 'optional',
		handler: withOrder((core, order) => ({ json: { brackets: orderBrackets(core, order).map(bracketOut) } })),
	},
];
