// The photos the check uploads: the repository's small generated sample photos (a few KB each,
// see scripts/make-sample-photos.mjs), one shot and one set of three brackets.
import { readFile } from 'node:fs/promises';

const samples = new URL('../../examples/files/in/', import.meta.url);
const BRACKETS = ['hallway-1-dark.jpg', 'hallway-2-normal.jpg', 'hallway-3-bright.jpg'];

export async function loadPhotos() {
	const read = (path) => readFile(new URL(path, samples));
	return {
		photo: { name: 'living-room.jpg', bytes: await read('photos/living-room.jpg') },
		brackets: await Promise.all(BRACKETS.map(async (name) => ({ name, bytes: await read(`brackets/${name}`) }))),
	};
}
