// n8n 3.0's announced rules, as settings today's n8n 2.x already takes: an unverified community
// package loads only when allowed explicitly, and SSRF protection is on, with the fake
// Autoenhance's address allowed as a user allows a private API base or proxy. (The other rules,
// no in-memory binary mode and manual executions on workers in queue mode, are binary-mode and
// queue settings: see their users.)
export const N8N_3_RULES = {
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
};
