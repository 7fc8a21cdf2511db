// The text rules of n8n's node UX guidelines, checked on the built node descriptions so a new
// parameter cannot quietly break them: sorted option lists and collections, Title Case labels,
// "e.g." placeholders, sentence-case actions without articles, "Whether" on toggles, and one word
// ("image", as Autoenhance says) for the thing the node edits.
import { n8nWorkflow } from '../harness/index.mjs';
import { loadNode } from '../support/package.mjs';

const { Autoenhance } = loadNode('Autoenhance.node.js');
const { AutoenhanceTrigger } = loadNode('AutoenhanceTrigger.node.js');
const { AutoenhancePollTrigger } = loadNode('AutoenhancePollTrigger.node.js');

const descriptions = [new Autoenhance(), new AutoenhanceTrigger(), new AutoenhancePollTrigger()].map(
	(node) => node.description,
);

/** Every parameter, also those inside collections, with the path that leads to it. */
function* parameters(properties, path) {
	for (const property of properties ?? []) {
		const here = `${path} › ${property.displayName ?? property.name}`;
		yield { property, path: here };
		if (property.type === 'collection') yield* parameters(property.options, here);
		if (property.type === 'fixedCollection') {
			for (const group of property.options ?? []) yield* parameters(group.values, `${here} › ${group.displayName}`);
		}
	}
}

const allParameters = descriptions.flatMap((description) => [...parameters(description.properties, description.displayName)]);

/** Resource and operation lists follow n8n's fixed order, not the alphabet, only where a list says so. */
const isOptionList = ({ property }) => property.type === 'options' || property.type === 'multiOptions';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'with']);

/** Title Case: every word capitalised except short joining words; numbers and symbols pass. */
function isTitleCase(text) {
	return text.split(/\s+/).every((word, index) => {
		const letters = word.replace(/^[("'«]+/u, '');
		if (!/^\p{L}/u.test(letters)) return true;
		if (index > 0 && SMALL_WORDS.has(letters)) return true;
		return letters[0] === letters[0].toUpperCase();
	});
}

const byName = (a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const isSorted = (names) => names.every((name, index) => index === 0 || byName(names[index - 1], name) <= 0);

test('option lists are sorted alphabetically by what the user reads', () => {
	const unsorted = allParameters
		.filter(isOptionList)
		.filter(({ property }) => !isSorted(property.options.map((option) => option.name)))
		.map(({ path, property }) => `${path}: ${property.options.map((option) => option.name).join(', ')}`);
	expect(unsorted).toEqual([]);
});

test('collections list their options alphabetically', () => {
	const unsorted = allParameters
		.filter(({ property }) => property.type === 'collection')
		.filter(({ property }) => !isSorted(property.options.map((option) => option.displayName)))
		.map(({ path, property }) => `${path}: ${property.options.map((option) => option.displayName).join(', ')}`);
	expect(unsorted).toEqual([]);
});

test('labels and option names are in Title Case', () => {
	const labels = allParameters.filter(({ property }) => property.type !== 'notice').flatMap(({ path, property }) => [
		{ path, text: property.displayName },
		...(isOptionList({ property }) ? property.options.map((option) => ({ path, text: option.name })) : []),
	]);
	const wrong = labels.filter(({ text }) => !isTitleCase(text)).map(({ path, text }) => `${path}: "${text}"`);
	expect(wrong).toEqual([]);
});

test('placeholders of text fields start with "e.g."', () => {
	const wrong = allParameters
		.filter(({ property }) => ['string', 'number', 'json'].includes(property.type) && property.placeholder)
		.filter(({ property }) => !property.placeholder.startsWith('e.g. '))
		.map(({ path, property }) => `${path}: "${property.placeholder}"`);
	expect(wrong).toEqual([]);
});

test('toggles are described with "Whether"', () => {
	const wrong = allParameters
		.filter(({ property }) => property.type === 'boolean' && property.description)
		.filter(({ property }) => !property.description.startsWith('Whether'))
		.map(({ path, property }) => `${path}: "${property.description}"`);
	expect(wrong).toEqual([]);
});

const operations = descriptions.flatMap((description) =>
	description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => property.options.map((option) => ({ ...option, resource: property.displayOptions.show.resource[0] }))),
);

test('actions are sentence case, name their resource and use no articles', () => {
	expect(operations.length).toBeGreaterThan(10);
	const wrong = operations
		.filter(({ action, resource }) => {
			const words = action.split(' ');
			const sentenceCase = words.slice(1).every((word) => word === 'HDR' || word === word.toLowerCase());
			const article = words.some((word) => ['a', 'an', 'the'].includes(word));
			return !sentenceCase || article || !action.toLowerCase().includes(resource);
		})
		.map(({ action, resource }) => `${resource}: "${action}"`);
	expect(wrong).toEqual([]);
});

test('one word for the thing being edited: image, never photo', () => {
	const texts = [
		...descriptions.map((description) => ({ path: description.displayName, text: description.description })),
		...allParameters.flatMap(({ path, property }) => [
			{ path, text: property.displayName },
			{ path, text: property.description },
			{ path, text: property.hint },
			...(isOptionList({ property })
				? property.options.flatMap((option) => [
						{ path, text: option.name },
						{ path, text: option.description },
						{ path, text: option.action },
					])
				: []),
		]),
	];
	const wrong = texts.filter(({ text }) => /photo/i.test(text ?? '')).map(({ path, text }) => `${path}: "${text}"`);
	expect(wrong).toEqual([]);
});

/** The subtitle as the editor shows it for a node with these parameters. */
function subtitleOf(parameters) {
	const nodeType = new Autoenhance();
	const node = { id: 'n', name: 'Autoenhance', type: 'autoenhance', typeVersion: 2, position: [0, 0], parameters };
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new n8nWorkflow.Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle, 'internal', {});
}

test('the subtitle names the operation and resource in words', () => {
	expect(subtitleOf({ resource: 'order', operation: 'enhanceHdr' })).toBe('Enhance HDR: Order');
	expect(subtitleOf({ resource: 'order', operation: 'getAll' })).toBe('Get Many: Order');
	expect(subtitleOf({ resource: 'image', operation: 'enhance' })).toBe('Enhance: Image');
	for (const { value, resource } of operations) expect(isTitleCase(subtitleOf({ resource, operation: value }))).toBe(true);
});
