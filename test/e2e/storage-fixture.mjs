// What the storage end-to-end tests share: the stand-ins seeded as the examples expect, the
// trigger's polls, and the checks of what reached Autoenhance and what Drive and Dropbox stored.
import { sampleFiles } from './examples-fixture.mjs';
import { waitUntil } from './wait-until.mjs';

export const LISTING = '/Listings/12 High Street';

/** Drive folders Inbox and Enhanced; the sample brackets and a sub-folder in the Dropbox listing. Resolves the folders. */
export async function seedStandIns(standIns) {
	const folders = { watch: standIns.drive.addFolder('Inbox'), upload: standIns.drive.addFolder('Enhanced') };
	const brackets = await sampleFiles('brackets');
	for (const { name, bytes } of brackets) standIns.dropbox.addFile(`${LISTING}/brackets/${name}`, bytes);
	standIns.dropbox.addFile(`${LISTING}/brackets/originals/raw-0001.jpg`, brackets[0].bytes);
	return folders;
}

/** Waits for the Drive Trigger's next poll of the Inbox to end, then for the second to turn. */
export async function afterNextPoll(standIns) {
	const polls = () => standIns.requests.filter((request) => request.path === '/drive/v3/files' && request.query.q?.includes('createdTime >') && request.status);
	const seen = polls().length;
	await waitUntil(() => polls().length > seen, 'the Drive Trigger to poll', 90_000);
	// n8n remembers the poll's time to the second: files made in that same second could come twice.
	await new Promise((resolve) => setTimeout(resolve, 1100));
}

/** The last image (not bracket) the fake holds under a name. */
export const imageNamed = (fake, name) => [...fake.images.values()].filter((image) => image.image_name === name && !image.is_bracket).at(-1);

/**
 * Each photo went Drive → Autoenhance as its own bytes, and came back to the upload folder under its
 * name, as image/jpeg, exactly as Autoenhance served it.
 */
export function expectEnhancedInDrive(fake, standIns, folder, photos) {
	const uploaded = standIns.drive.filesIn(folder.id);
	expect(uploaded.map((entry) => entry.file.name).sort()).toEqual(photos.map((photo) => photo.name).sort());
	for (const photo of photos) {
		const image = imageNamed(fake, photo.name);
		expect(fake.imageBytes(image.image_id).equals(photo.bytes)).toBe(true);
		const { file, bytes } = uploaded.find((entry) => entry.file.name === photo.name);
		expect(file.mimeType).toBe('image/jpeg');
		expect(bytes.equals(fake.expectedEnhanced(image.image_id))).toBe(true);
	}
}

/** Each HDR image was merged from its room's three brackets in order and stored under enhanced/ as served. */
export function expectHdrInDropbox(fake, standIns, images) {
	expect(images).toHaveLength(2);
	for (const image of images) {
		const bracketNames = fake.images.get(image.image_id).bracket_ids.map((id) => fake.brackets.get(id).name);
		const room = image.image_name.replace(/-1-dark\.jpg$/, '');
		expect(bracketNames).toEqual([`${room}-1-dark.jpg`, `${room}-2-normal.jpg`, `${room}-3-bright.jpg`]);
	}
	const uploaded = standIns.dropbox.filesIn(`${LISTING}/enhanced`);
	expect(uploaded.map((entry) => entry.metadata.path_display).sort()).toEqual(
		images.map((image) => `${LISTING}/enhanced/${image.image_name}`).sort(),
	);
	for (const image of images) {
		const entry = uploaded.find((candidate) => candidate.metadata.name === image.image_name);
		expect(entry.bytes.equals(fake.expectedEnhanced(image.image_id))).toBe(true);
	}
}

/**
 * What the stand-ins' proxy refused besides n8n's own call home: `n8n start` in 2.4x refreshes its
 * MCP server registry from api.n8n.io, which is no request of a node.
 */
export const refusedNodeRequests = (standIns) => standIns.refused.filter((target) => target !== 'api.n8n.io:443');
