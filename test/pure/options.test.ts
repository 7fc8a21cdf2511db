// The readers that check option values, straight from the TypeScript source with a stand-in for
// n8n's execution context: no build needed (`npm run test:pure`). The node's own tests (test/node/)
// run the same checks inside a real execution.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBracketsPerImage } from '../../nodes/Autoenhance/actions/order/fields';
import { optionsField, transferConcurrency } from '../../nodes/Autoenhance/fields/options';
import { readEnhancementSettings } from '../../nodes/Autoenhance/fields/settings';

/** Just enough of IExecuteFunctions for a reader: the node's parameters, the same for every item. */
function contextWith(parameters: IDataObject): IExecuteFunctions {
	const context = {
		getNode: () => ({ id: 'node', name: 'Autoenhance', type: 'n8n-nodes-autoenhance.autoenhance', typeVersion: 2, position: [0, 0], parameters }),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => parameters[name] ?? fallback,
	};
	return context as unknown as IExecuteFunctions;
}

/** The NodeOperationError a reader throws; undefined when it throws none (or another error). */
function errorOf(read: () => unknown): NodeOperationError | undefined {
	try {
		read();
		return undefined;
	} catch (error) {
		return error instanceof NodeOperationError ? error : undefined;
	}
}

describe('Brackets per Image', () => {
	const read = (value: unknown, itemIndex = 0) =>
		readBracketsPerImage.call(contextWith({ numberOfBracketsPerImage: value as number }), itemIndex);

	test.each([0, 2, 3, 9])('%s is taken as it is', (value) => {
		expect(read(value)).toBe(value);
	});

	test('not set: 0, automatic grouping', () => {
		expect(readBracketsPerImage.call(contextWith({}), 0)).toBe(0);
	});

	test.each([1, 10, -3, 2.5])('%s is refused with the item and the values allowed', (value) => {
		const error = errorOf(() => read(value, 4));
		expect(error?.message).toBe(`Brackets per Image is ${value} (item 4)`);
		expect(error?.description).toBe('Use 0 to group the brackets automatically, or a whole number from 2 to 9.');
	});
});

describe('Enhancement Settings', () => {
	const read = (settings: IDataObject, itemIndex = 0) => readEnhancementSettings.call(contextWith({ settings }), itemIndex);

	test('only the settings chosen, under their API names', () => {
		expect(read({})).toEqual({});
		expect(read({ aiVersion: '5.x', skyReplacement: true, verticalCorrection: false })).toEqual({
			ai_version: '5.x',
			sky_replacement: true,
			vertical_correction: false,
		});
	});

	test('the window pull style goes under both names the API docs use', () => {
		expect(read({ windowPull: true, windowPullType: 'WINDOWS_WITH_SKIES' })).toEqual({
			window_pull: true,
			window_pull_type: 'WINDOWS_WITH_SKIES',
			window_pull_style: 'WINDOWS_WITH_SKIES',
		});
	});

	test('Metadata and Other Settings (JSON), as text or as objects; the JSON wins over a chosen setting', () => {
		expect(read({ metadata: '{"listing": 12}', rawSettings: { hdr: true } })).toEqual({ metadata: { listing: 12 }, hdr: true });
		expect(read({ upscale: false, rawSettings: '{"upscale": true}' })).toEqual({ upscale: true });
		expect(read({ rawSettings: '' })).toEqual({});
	});

	test('JSON that does not parse is refused, naming the field and the item', () => {
		const error = errorOf(() => read({ rawSettings: '{ hdr: true }' }, 2));
		expect(error?.message).toBe('Other Settings (JSON) is not valid JSON (item 2)');
		expect(error?.description).toEqual(expect.any(String));
	});

	test.each(['[1, 2]', '"text"', 'null', '7'])('JSON that is no object (%s) is refused', (json) => {
		expect(errorOf(() => read({ metadata: json }))?.message).toBe('Metadata must be a JSON object (item 0)');
	});
});

describe('Options', () => {
	const names = (field: INodeProperties) => (field.options as INodeProperties[]).map((option) => option.displayName);
	const option = (displayName: string): INodeProperties => ({ displayName, name: displayName, type: 'string', default: '' });

	test('Concurrency among the operation’s own options, in alphabetical order as n8n’s guidelines ask', () => {
		expect(names(optionsField([option('Timeout'), option('Allow Partial')]))).toEqual(['Allow Partial', 'Concurrency', 'Timeout']);
	});

	test('file transfers run at least 10 at a time, more where Concurrency is higher', () => {
		expect([1, 5, 10, 20].map(transferConcurrency)).toEqual([10, 10, 10, 20]);
	});
});
