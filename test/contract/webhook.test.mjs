// Where Autoenhance puts the webhook token is undocumented: the trigger accepts it raw in
// Authorization, as `Bearer <token>`, or in the header named in its options.
import { VARIANTS, WEBHOOK_TOKEN_HEADER } from '../../devkit/fake-autoenhance/variants.mjs';
import { startWebhookHost } from '../harness/index.mjs';
import { startFake } from '../support/image-fixtures.mjs';
import { loadNode } from '../support/package.mjs';
import { credentialsFor } from '../support/trigger-fixtures.mjs';

const { AutoenhanceTrigger } = loadNode('AutoenhanceTrigger.node.js');
const TOKEN = 'whk-7d41c9e2a05b';

let fake;
let host;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake?.close());
afterEach(async () => await host?.close());

test.each(VARIANTS.webhookToken)('token sent %s: the delivery starts the workflow; a wrong one does not', async (webhookToken) => {
	fake.setVariants({ webhookToken });
	const options = webhookToken === 'header' ? { headerName: WEBHOOK_TOKEN_HEADER } : {};
	host = await startWebhookHost({
		node: new AutoenhanceTrigger(),
		parameters: { events: ['webhookUpdated'], options },
		...credentialsFor(fake, { webhookToken: TOKEN }),
		activate: true,
	});
	expect((await fake.setWebhook({ url: host.url, token: 'not-the-token' })).status).toBe(401);
	expect((await fake.setWebhook({ url: host.url, token: TOKEN })).status).toBe(200);
	expect(host.deliveries.map((delivery) => Boolean(delivery.workflowData))).toEqual([false, true]);
	expect(host.deliveries[1].workflowData[0][0].json).toEqual({ event: 'webhook_updated' });
});
