// /v3/brackets (newer HDR flow): register a bracket of an existing order, get, delete.
import { randomUUID } from 'node:crypto';
import { NO_CONTENT } from './router.mjs';
import { BRACKET_CREATE } from './schemas.mjs';
import { bracketOut, createBlob, createBracket, getBracket, getOrder, removeBracket } from './state.mjs';
import { OCTET_STREAM, uploadUrl } from './uploads.mjs';

function createBracketRoute({ core, body }) {
	const order = getOrder(core, body.order_id);
	const bracketId = randomUUID();
	const blob = createBlob(core, order.order_id, bracketId, OCTET_STREAM);
	const bracket = createBracket(core, order, { ...body, bracket_id: bracketId, blob });
	return { json: { ...bracketOut(bracket), upload_url: uploadUrl(core, blob) } };
}

export const bracketRoutes = [
	{ methods: ['POST'], path: '/v3/brackets', body: BRACKET_CREATE, handler: createBracketRoute },
	{
		methods: ['GET'],
		path: '/v3/brackets/:id',
		handler: ({ core, params }) => ({ json: bracketOut(getBracket(core, params.id, { withDeleted: true })) }),
	},
	{
		methods: ['DELETE'],
		path: '/v3/brackets/:id',
		handler: ({ core, params }) => (removeBracket(core, getBracket(core, params.id)), NO_CONTENT),
	},
];
