// The instance owner account, which n8n asks for on first visit of the editor.

export const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-Password-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/**
 * Creates the owner account (POST /rest/owner/setup) unless it exists, then signs in.
 * Resolves { owner, created, cookie }: send `cookie` as the Cookie header of REST calls.
 */
export async function setupOwner(url, owner = DEFAULT_OWNER) {
	const settings = await getJson(`${url}/rest/settings`);
	const created = settings.data.userManagement.showSetupOnFirstLoad === true;
	if (created) {
		await postJson(`${url}/rest/owner/setup`, owner);
	}
	return { owner, created, cookie: await login(url, owner) };
}

/** Signs in; resolves the n8n-auth cookie as a Cookie header value. */
export async function login(url, { email, password }) {
	const response = await postJson(`${url}/rest/login`, { emailOrLdapLoginId: email, password });
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n answered the login without an n8n-auth cookie');
	return cookie.split(';')[0];
}

async function getJson(url) {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
	return response.json();
}

async function postJson(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
	return response;
}
