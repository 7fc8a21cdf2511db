// How one parameter is split between node versions, straight from the TypeScript source: no build
// needed (`npm run test:pure`).
import type { INodeProperties } from 'n8n-workflow';

import { changedInVersion2, newInVersion2 } from '../../nodes/Autoenhance/actions/versions';

const text: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	displayOptions: { show: { resource: ['order'] } },
};

const locator: INodeProperties = {
	displayName: 'Order',
	name: 'orderId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	displayOptions: { show: { resource: ['order'] }, hide: { operation: ['create'] } },
};

test('changedInVersion2: version 1 keeps its field, later versions get the new one, under the same name', () => {
	const [version1, version2] = changedInVersion2(text, locator);
	expect(version1).toEqual({ ...text, displayOptions: { show: { resource: ['order'], '@version': [1] } } });
	expect(version2).toEqual({
		...locator,
		displayOptions: { show: { resource: ['order'] }, hide: { operation: ['create'], '@version': [1] } },
	});
	expect(version1.name).toBe(version2.name);
});

test('newInVersion2: hidden in version 1, every other display condition kept', () => {
	expect(newInVersion2(locator).displayOptions).toEqual({
		show: { resource: ['order'] },
		hide: { operation: ['create'], '@version': [1] },
	});
	const { displayOptions } = newInVersion2({ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true });
	expect(displayOptions).toEqual({ hide: { '@version': [1] } });
});

test('the parameters given are left as they were', () => {
	const before = JSON.stringify([text, locator]);
	changedInVersion2(text, locator);
	newInVersion2(locator);
	expect(JSON.stringify([text, locator])).toBe(before);
});
