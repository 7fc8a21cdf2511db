// The benchmark's input photos: incompressible, of the exact size asked, and starting as a JPEG
// does. Plain random bytes start with `<`, `{` or `[` about once in 85 files, and the node rightly
// refuses a download that starts like a document: a benchmark run failed that way.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRandomPhoto } from '../lib/files.mjs';

let folder;
beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'bench-files-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

test.each([3 * 1024 * 1024 + 5, 100 * 1024])('a photo of %i bytes: that size, a JPEG start, random after it', async (size) => {
	const [first, second] = await Promise.all(['a.jpg', 'b.jpg'].map((name) => writeRandomPhoto(join(folder, name), size)));
	const [bytes, other] = await Promise.all([readFile(first), readFile(second)]);

	expect(bytes.length).toBe(size);
	expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
	expect(bytes.subarray(4).equals(other.subarray(4))).toBe(false);
});
