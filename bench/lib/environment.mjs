// Everything a benchmark run needs, started once: the fake Autoenhance server in its own process,
// an n8n home with the packed package, n8n running (in its default filesystem binary mode), and
// the credentials and workflows saved and published through n8n's REST API, as the editor does
// (one n8n boot instead of one per import command).
import { createN8nHome, n8nVersion, setupOwner, startN8n } from '../../devkit/n8n/index.mjs';
import { startFake } from './fake-client.mjs';
import { N8nClient } from './n8n-client.mjs';
import { packBenchedPackage } from './package.mjs';
import { benchCredentials } from './workflow.mjs';

/**
 * @param workflowsFor (fake) => { key: workflow }: what to save and publish
 * @returns {{ fake, home, n8n, run(key, body), stop() }}  run: calls a workflow's webhook and
 *          resolves its execution
 */
export async function startEnvironment(workflowsFor, log) {
	const cleanups = [];
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(`cleanup: ${error.message}`));
	};
	try {
		log('packing the package, starting the fake Autoenhance server');
		const [pack, fake] = await Promise.all([packBenchedPackage(), startFake()]);
		cleanups.push(pack.remove, () => fake.stop());
		const home = await createN8nHome({ packageTgz: pack.tgz });
		cleanups.push(home.remove);

		log(`starting n8n ${n8nVersion}`);
		const n8n = await startN8n(home);
		cleanups.push(() => n8n.stop());
		const { cookie } = await setupOwner(n8n.url);
		const client = new N8nClient(n8n.url, cookie);
		for (const credential of benchCredentials(fake)) await client.createCredential(credential);
		const webhooks = {};
		for (const [key, workflow] of Object.entries(workflowsFor(fake))) {
			const id = await client.createWorkflow(workflow);
			await client.publish(id);
			webhooks[key] = { id, path: webhookPath(workflow) };
		}
		const run = (key, body) => client.runWebhook(webhooks[key].id, webhooks[key].path, body);
		return { fake, home, n8n, run, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

function webhookPath(workflow) {
	return workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook').parameters.path;
}
