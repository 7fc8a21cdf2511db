// The subtitle helper straight from the TypeScript source: no build needed (`npm run test:pure`).
import type { INodeProperties } from 'n8n-workflow';

import { subtitleInWords } from '../../nodes/Autoenhance/actions/subtitle';

/** A list to choose from as the node has them: the Resource list, or a resource's Operation list. */
function choice(name: 'resource' | 'operation', options: Array<[string, string]>, resource?: string): INodeProperties {
	return {
		displayName: name === 'resource' ? 'Resource' : 'Operation',
		name,
		type: 'options',
		default: options[0][1],
		...(resource === undefined ? {} : { displayOptions: { show: { resource: [resource] } } }),
		options: options.map(([optionName, value]) => ({ name: optionName, value })),
	};
}

const resource = choice('resource', [
	['Image', 'image'],
	['Order', 'order'],
]);
const operations = (resourceValue: string, options: Array<[string, string]>) => choice('operation', options, resourceValue);

/**
 * The subtitle for these parameters: the expression is a lookup table indexed by the two
 * parameters, read here as JSON (test/node/copy.test.mjs has n8n evaluate it).
 */
function shown(subtitle: string, parameter: { resource: string; operation: string }): string | undefined {
	const match = /^=\{\{ \((.*)\)\[\$parameter\["resource"\]\]\[\$parameter\["operation"\]\] \}\}$/s.exec(subtitle);
	if (!match) throw new Error(`not the lookup expected: ${subtitle}`);
	const table = JSON.parse(match[1]) as Record<string, Record<string, string>>;
	return table[parameter.resource]?.[parameter.operation];
}

test('names the operation and the resource in the words of their option lists', () => {
	const subtitle = subtitleInWords([
		resource,
		operations('image', [['Enhance', 'enhance']]),
		operations('order', [
			['Enhance HDR', 'enhanceHdr'],
			['Get Many', 'getAll'],
		]),
	]);
	expect(shown(subtitle, { resource: 'image', operation: 'enhance' })).toBe('Enhance: Image');
	expect(shown(subtitle, { resource: 'order', operation: 'enhanceHdr' })).toBe('Enhance HDR: Order');
	expect(shown(subtitle, { resource: 'order', operation: 'getAll' })).toBe('Get Many: Order');
});

test('an operation the resource does not have shows nothing rather than a wrong name', () => {
	const subtitle = subtitleInWords([resource, operations('image', [['Enhance', 'enhance']])]);
	expect(shown(subtitle, { resource: 'image', operation: 'getAll' })).toBeUndefined();
});

test('a resource missing from the resource list is named by its value', () => {
	const subtitle = subtitleInWords([resource, operations('webhook', [['Update', 'update']])]);
	expect(shown(subtitle, { resource: 'webhook', operation: 'update' })).toBe('Update: webhook');
});

test('a "}}" in a name cannot end the expression early', () => {
	const subtitle = subtitleInWords([resource, operations('image', [['Odd {{x}}', 'odd']])]);
	expect(subtitle.indexOf('}}')).toBe(subtitle.length - 2);
	expect(shown(subtitle, { resource: 'image', operation: 'odd' })).toBe('Odd {{x} }: Image');
});
