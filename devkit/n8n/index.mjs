/**
 * Drives a real n8n (the version ./install.mjs selects and installs) with the
 * package installed as a community package, the way users run it.
 *
 *   const home = await createN8nHome({ packageTgz: await packPackage() });
 *   await importCredential(home, exampleCredential({ apiUrl, apiKey }));
 *   const id = await importWorkflow(home, workflowJson);
 *   const execution = await executeWorkflow(home, id);
 *   execution.status;                  // 'success'
 *   execution.json('Autoenhance');     // [{ image_id, status, … }]
 *
 *   const n8n = await startN8n(home);  // { url, port, output(), stop() }
 *   const { cookie } = await setupOwner(n8n.url);
 *   await n8n.stop();
 *   await home.remove();
 *
 * Headless commands and a running n8n must not overlap on one home (one SQLite database).
 * Every process gets free ports of its own, so tests run beside a dev instance on 5678.
 */
export { importCredential, importWorkflow, importWorkflows, publishWorkflow, executeWorkflow, n8nCommand } from './cli.mjs';
export { EXAMPLE_CREDENTIAL, REAL_API_URL, exampleCredential } from './credential.mjs';
export { Execution } from './execution.mjs';
export { createN8nHome } from './home.mjs';
export { DEFAULT_OWNER, login, setupOwner } from './owner.mjs';
export { installPackage, packPackage, repoRoot } from './package.mjs';
export { freePort } from './ports.mjs';
export { startN8n } from './server.mjs';
export { n8nBin, n8nVersion } from './install.mjs';
