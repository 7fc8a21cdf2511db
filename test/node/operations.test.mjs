// What every operation module declares, checked against what it describes: the router reads the
// Concurrency option only where the operation says its Options collection has it, so a new
// operation whose declaration and fields disagree is named here; and which operations have
// Simplify (version 2), one list to extend when an operation returns an image or an order.
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

/**
 * Every operation that returns an image or an order as its JSON has Simplify from version 2
 * (version 1 keeps the raw object). The others, and why:
 * image › create: its upload_url is what Upload needs; upload, download: the file is the output;
 * delete: a confirmation; report: what the report answers.
 */
const SIMPLIFIED = [
	'image › enhance',
	'image › get',
	'image › reprocess',
	'order › create',
	'order › enhanceHdr',
	'order › get',
	'order › getAll',
	'order › merge',
	'order › update',
];

test('the operations that return an image or an order are exactly those with Simplify, new in version 2', () => {
	const simplify = (operation) => operation.description.find((property) => property.name === 'simplify');
	const withSimplify = operations.filter(([, operation]) => simplify(operation)).map(([name]) => name);
	expect(withSimplify.sort()).toEqual([...SIMPLIFIED].sort());
	for (const [, operation] of operations.filter(([, operation]) => simplify(operation))) {
		expect(simplify(operation).displayOptions.hide['@version']).toEqual([1]);
	}
});
