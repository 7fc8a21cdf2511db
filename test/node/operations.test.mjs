// What every operation module declares, checked against what it describes: the router reads the
// Concurrency option only where the operation says its Options collection has it, so a new
// operation whose declaration and fields disagree is named here.
import { loadNode } from '../support/package.mjs';

const { image } = loadNode('actions/image/Image.resource.js');
const { order } = loadNode('actions/order/Order.resource.js');

const operations = [
	...Object.entries(image).map(([name, operation]) => [`image › ${name}`, operation]),
	...Object.entries(order).map(([name, operation]) => [`order › ${name}`, operation]),
];

/** Whether the operation's description has an Options collection holding Concurrency. */
const describesConcurrency = (operation) =>
	operation.description.some(
		(property) =>
			property.name === 'options' &&
			property.type === 'collection' &&
			property.options.some((option) => option.name === 'concurrency'),
	);

test('every operation of both resources is checked', () => {
	expect(operations.length).toBeGreaterThanOrEqual(15);
});

test.each(operations)('%s declares its kind and whether it has Concurrency, and describes what it declares', (_name, operation) => {
	expect(['perItem', 'batch']).toContain(operation.mode);
	expect(['option', 'none']).toContain(operation.concurrency);
	expect(describesConcurrency(operation)).toBe(operation.concurrency === 'option');
});
