// The credential every example workflow references. Examples carry
// "credentials": { "autoenhanceApi": { "id": "AutoenhanceCred1", "name": "Autoenhance account" } },
// so they run as imported once this credential exists (the editor asks for one otherwise).

export const EXAMPLE_CREDENTIAL = { id: 'AutoenhanceCred1', name: 'Autoenhance account', type: 'autoenhanceApi' };

export const REAL_API_URL = 'https://api.autoenhance.ai';

/** The example credential pointing at an API: the fake sandbox's or the real one. */
export function exampleCredential({ apiUrl, apiKey, devMode = false, webhookToken = '' }) {
	return {
		...EXAMPLE_CREDENTIAL,
		data: { apiKey, baseUrl: apiUrl, apiVersion: '', devMode, webhookToken },
	};
}
