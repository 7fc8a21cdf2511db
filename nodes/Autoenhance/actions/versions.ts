import type { INodeProperties } from 'n8n-workflow';

/**
 * One parameter as version 1 has it and as later versions have it, under the same name: saved
 * version 1 workflows keep their value and meaning, newer nodes get the new field.
 */
export function changedInVersion2(version1: INodeProperties, version2: INodeProperties): INodeProperties[] {
	return [onlyIn(version1, { show: { '@version': [1] } }), onlyIn(version2, { hide: { '@version': [1] } })];
}

/** A parameter that version 1 does not have. */
export function newInVersion2(parameter: INodeProperties): INodeProperties {
	return onlyIn(parameter, { hide: { '@version': [1] } });
}

function onlyIn(
	parameter: INodeProperties,
	versions: { show: { '@version': number[] } } | { hide: { '@version': number[] } },
): INodeProperties {
	const [[key, condition]] = Object.entries(versions);
	const displayOptions = parameter.displayOptions ?? {};
	const existing = displayOptions[key as 'show' | 'hide'];
	return { ...parameter, displayOptions: { ...displayOptions, [key]: { ...existing, ...condition } } };
}
