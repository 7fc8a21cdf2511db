import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_CONCURRENCY = 5;

/**
 * How many files go to or come from the storage hosts Autoenhance links to (presigned upload URLs,
 * download redirects) at the same time, when an operation moves many: `concurrency` keeps the
 * Autoenhance API, whose rate limits are not published, to a few requests at once, but those hosts
 * are object storage built for many parallel transfers, and a few transfers at a time leave the
 * link idle between them. 10 is the AWS CLI's default for S3. Each transfer streams, so it holds
 * little memory, except in n8n's in-memory binary mode, where an upload holds its whole file.
 */
export function transferConcurrency(concurrency: number): number {
	return Math.max(concurrency, 10);
}

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
		'Node version 1: how many items are sent to Autoenhance at the same time. Later versions: the most requests to each host at the same time (20 when not set); the node starts at up to 10, sends more while answers come back quickly and fewer when Autoenhance asks it to slow down. Outputs keep the order of the input items.',
};

/**
 * An operation's Options collection: Concurrency (`concurrency`, for an operation that describes it
 * its own way) and the operation's own options, in alphabetical order.
 */
export function optionsField(options: INodeProperties[] = [], concurrency = concurrencyOption): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrency, ...options].sort(byDisplayName),
	};
}
