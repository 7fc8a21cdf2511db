import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_CONCURRENCY = 5;

/** n8n's guidelines list optional fields alphabetically. */
export const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** Goes into an operation's Options collection; the router reads it for per-item operations. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent to Autoenhance at the same time. Outputs keep the order of the input items.',
};

/** An operation's Options collection: the router's concurrency and the operation's own, in alphabetical order. */
export function optionsField(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption, ...options].sort(byDisplayName),
	};
}
