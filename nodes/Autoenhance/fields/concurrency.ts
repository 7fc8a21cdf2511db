import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from './options';

/** Version 2's ceiling when Concurrency is not set: what the chain of HTTP Request nodes would beat. */
const ADAPTIVE_CEILING = 20;

interface Concurrency {
	/** Version 1: how many at a time, exactly. Version 2: the most requests to one host at a time. */
	ceiling: number;
	/** Whether requests adapt to each host's answers (version 2) or keep the fixed count (version 1). */
	adaptive: boolean;
}

/**
 * The Concurrency option as this node's version means it. Version 1 keeps its meaning: so many
 * items (Enhance HDR: API requests) at a time. From version 2 it is a ceiling per host, below
 * which the node finds how many each host takes. An operation without the option (`hasOption`
 * false, as it declares) runs at the default.
 */
export function readConcurrency(this: IExecuteFunctions, hasOption = true): Concurrency {
	const adaptive = this.getNode().typeVersion >= 2;
	const fallback = adaptive ? ADAPTIVE_CEILING : DEFAULT_CONCURRENCY;
	if (!hasOption) return { ceiling: fallback, adaptive };
	return { ceiling: this.getNodeParameter('options.concurrency', 0, fallback) as number, adaptive };
}
