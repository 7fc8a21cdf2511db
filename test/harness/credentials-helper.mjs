// The part of n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts) that n8n-core
// calls, over an in-memory store instead of the database. Credentials are kept encrypted with
// n8n-core's Credentials class and get defaults and expressions applied as in n8n.
import { core, n8nWorkflow } from './n8n.mjs';

const { ICredentialsHelper, NodeHelpers, isExpression } = n8nWorkflow;

/** What a node's `credentials[type]` holds for the credentials given to the harness. */
export const credentialsReference = (type) => ({ id: `harness-${type}`, name: type });

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/**
	 * Encrypting takes a key n8n-core asks its host for, asynchronously: build the helper with
	 * `await HarnessCredentialsHelper.create(...)`.
	 * @param {object[]} credentialTypes ICredentialType instances
	 * @param {Record<string, object>} credentials decrypted data by credential type name
	 * @param {import('n8n-workflow').Workflow} workflow used to resolve expressions
	 */
	static async create(credentialTypes, credentials, workflow) {
		const helper = new HarnessCredentialsHelper(credentialTypes, workflow);
		for (const [type, data] of Object.entries(credentials)) {
			helper.getType(type);
			const entry = new core.Credentials(credentialsReference(type), type);
			await entry.setData(data);
			helper.store.set(type, entry);
		}
		return helper;
	}

	constructor(credentialTypes, workflow) {
		super();
		this.types = new Map(credentialTypes.map((type) => [type.name, type]));
		this.workflow = workflow;
		this.store = new Map();
		/** How many times n8n-core asked for a decrypted credential (n8n reads its database each time). */
		this.decryptions = 0;
	}

	getType(name) {
		const type = this.types.get(name);
		if (!type) throw new Error(`Credential type "${name}" is not in credentialTypes`);
		return type;
	}

	getParentTypes(name) {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(name) {
		const type = this.getType(name);
		if (!type.extends) return type.properties;
		const merged = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	async getCredentials(nodeCredentials, type) {
		const entry = this.store.get(type);
		if (!entry || entry.id !== nodeCredentials.id) {
			throw new Error(`No credentials of type "${type}" were given to the harness`);
		}
		return entry;
	}

	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, resolveValues) {
		this.decryptions++;
		const data = await (await this.getCredentials(nodeCredentials, type)).getData();
		if (raw === true) return data;

		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data,
			true,
			false,
			null,
			null,
		);
		const additionalKeys = core.getAdditionalKeys(additionalData, mode, null);
		if (resolveValues) {
			return resolveValues.workflow.expression.getParameterValue(
				withDefaults,
				resolveValues.runExecutionData,
				resolveValues.runIndex,
				resolveValues.itemIndex,
				resolveValues.node.name,
				resolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				withDefaults,
			);
		}
		const node = Object.values(this.workflow.nodes)[0];
		return this.workflow.expression.getComplexParameterValue(
			node,
			withDefaults,
			mode,
			additionalKeys,
			undefined,
			undefined,
			withDefaults,
		);
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;

		requestOptions.headers ??= {};
		const resolve = (value) => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? resolved.toString() : '';
		};
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			requestOptions[target] ??= {};
			for (const [key, value] of Object.entries(entries)) {
				requestOptions[target][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	/**
	 * n8n's rule (since n8n-workflow 2.1x): a credential type with `restrictToSupportedNodes` may be
	 * used only by the nodes whose description lists it (else its own `supportedNodes`).
	 */
	isCredentialUsableByNode(name, nodeTypeName) {
		const type = this.types.get(name);
		if (!type?.restrictToSupportedNodes) return true;
		const node = Object.values(this.workflow.nodes)[0];
		const { credentials = [] } = this.workflow.nodeTypes.getByNameAndVersion(
			node.type,
			node.typeVersion,
		).description;
		const supportedNodes = credentials.some((credential) => credential.name === name)
			? [node.type]
			: (type.supportedNodes ?? []);
		return supportedNodes.includes(nodeTypeName);
	}

	// No pre-authentication (expirable tokens, OAuth's): our credential has none.
	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async updateCredentials(nodeCredentials, type, data) {
		await (await this.getCredentials(nodeCredentials, type)).setData(data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = await this.getCredentials(nodeCredentials, type);
		await entry.updateData({ oauthTokenData: data.oauthTokenData });
	}
}
