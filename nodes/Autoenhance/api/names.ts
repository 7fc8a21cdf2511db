import type { IDataObject } from 'n8n-workflow';

/**
 * Autoenhance refuses names containing `/` (the brackets schema requires `^[^/]+$`, and image
 * names are held to the same): the name sent has `_` in their place.
 */
export function safeName(name: string): string {
	return name.replace(/\//g, '_');
}

/** The API object with the name as the user gave it, where the API holds its safe form. */
export function withGivenName(object: IDataObject, givenName: string): IDataObject {
	return object.image_name === safeName(givenName) ? { ...object, image_name: givenName } : object;
}
