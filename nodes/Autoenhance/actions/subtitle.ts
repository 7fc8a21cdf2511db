import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node's subtitle on the canvas in the words of its option lists, e.g. "Enhance HDR: Order",
 * where `$parameter["operation"] + ": " + $parameter["resource"]` would show "enhanceHdr: order".
 */
export function subtitleInWords(properties: INodeProperties[]): string {
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	const lookup: Record<string, Record<string, string>> = {};
	for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
		const [resource] = (property.displayOptions?.show?.resource ?? []) as string[];
		const resourceName = resources.find((option) => option.value === resource)?.name ?? resource;
		const operations = (property.options ?? []) as INodePropertyOptions[];
		lookup[resource] = Object.fromEntries(operations.map((option) => [option.value, `${option.name}: ${resourceName}`]));
	}
	// A "}}" inside the expression would end it early.
	const table = JSON.stringify(lookup).replace(/\}\}/g, '} }');
	return `={{ (${table})[$parameter["resource"]][$parameter["operation"]] }}`;
}
