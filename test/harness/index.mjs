// Runs n8n nodes outside n8n on n8n-core's real contexts, request and binary helpers.
// Usage: test/harness/README.md
export { runNode } from './run-node.mjs';
export { runListSearch } from './run-list-search.mjs';
export { runPoll } from './run-poll.mjs';
export { startWebhookHost } from './webhook-host.mjs';
export { binaryBuffer, binaryStream } from './binary.mjs';
export { core, n8nWorkflow } from './n8n.mjs';
