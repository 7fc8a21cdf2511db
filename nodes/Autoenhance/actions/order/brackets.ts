import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiBracket } from '../../api/brackets';
import { createBracket } from '../../api/brackets';
import { uploadToPresignedUrl, uploadUrlOf } from '../../api/uploads';
import type { InputImage } from '../../helpers/inputImage';
import { readInputImage } from '../../helpers/inputImage';
import { readBinaryPropertyName } from '../../fields/files';
import type { Limit } from '../../utils/concurrency';
import { mapWithConcurrency } from '../../utils/concurrency';

/** One exposure of an HDR photo: a file of an input item. */
export interface Bracket {
	/** Unique within the order; taken from the file name. */
	name: string;
	itemIndex: number;
	propertyName: string;
	file: InputImage;
}

export interface UploadedBracket extends Bracket {
	bracketId: string;
}

/**
 * The brackets in the input, in input order: one file per item (the Input Binary Field) or,
 * with `allBinaryFields`, every file of each item in the order the item holds them.
 */
export async function readBrackets(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	allBinaryFields: boolean,
): Promise<Bracket[]> {
	const files: Array<Omit<Bracket, 'name'>> = [];
	for (const [itemIndex, item] of items.entries()) {
		const propertyNames = allBinaryFields ? Object.keys(item.binary ?? {}) : [];
		// The Input Binary Field: the usual case, and the error that names the item when it has no file.
		if (propertyNames.length === 0) {
			propertyNames.push(readBinaryPropertyName.call(this, itemIndex));
		}
		for (const propertyName of propertyNames) {
			files.push({ itemIndex, propertyName, file: await readInputImage.call(this, itemIndex, propertyName) });
		}
	}
	const names = uniqueNames(files.map(({ file }) => file.fileName));
	return files.map((bracket, index) => ({ ...bracket, name: names[index] }));
}

/**
 * `IMG_1.jpg`, `IMG_1.jpg` → `IMG_1.jpg`, `IMG_1 (2).jpg`. Names must differ: Autoenhance has kept
 * uploads under their names, and names the merged photo after a bracket.
 */
function uniqueNames(fileNames: string[]): string[] {
	const taken = new Set<string>();
	return fileNames.map((fileName) => {
		let name = fileName;
		for (let copy = 2; taken.has(name.toLowerCase()); copy++) {
			name = fileName.replace(/(\.[^.]*)?$/, (extension) => ` (${copy})${extension}`);
		}
		taken.add(name.toLowerCase());
		return name;
	});
}

/**
 * Registers every bracket with the order and uploads its file: registrations (API requests) within
 * `apiLimit`, `transfers` uploads (to the storage host) at a time. While a bracket uploads, the one
 * that will take its place is registered: an upload never waits for a round trip, and no upload URL
 * (they expire) is fetched long before its turn. A bracket that fails stops the lot, and the error
 * names its file.
 *
 * `inInputOrder` (for a fixed number of brackets per image): registrations go one after another
 * in input order, because without capture times Autoenhance groups a fixed number of brackets per
 * image in the order they were registered. Automatic grouping goes by the photos themselves, so
 * there they run side by side: one after another, 30 registrations at 100 ms latency hold the
 * last upload back by 3 s.
 */
export async function uploadBrackets(
	this: IExecuteFunctions,
	orderId: string,
	brackets: Bracket[],
	{ apiLimit, transfers, inInputOrder }: { apiLimit: Limit; transfers: number; inInputOrder: boolean },
): Promise<UploadedBracket[]> {
	const registrations: Array<Promise<Registration>> = [];
	const registration = (index: number): Promise<Registration> => {
		registrations[index] ??= startRegistration(index);
		return registrations[index];
	};
	const startRegistration = (index: number): Promise<Registration> => {
		const previous = inInputOrder && index > 0 ? registration(index - 1) : Promise.resolve();
		const started = previous.then(async () => await apiLimit(async () => await registerBracket.call(this, orderId, brackets[index])));
		// One registered ahead may fail before its upload awaits it, or after a failure stopped them all.
		started.catch(() => undefined);
		return started;
	};
	return await mapWithConcurrency(brackets, transfers, async (bracket, index) => {
		const own = registration(index);
		// Queued after its own, so the registrations waiting for a free API request go in turn.
		if (index + transfers < brackets.length) registration(index + transfers);
		const { bracketId, url } = await own;
		try {
			await uploadToPresignedUrl.call(this, { url, source: bracket.file.source, subject: `bracket "${bracket.name}"` });
		} catch (error) {
			throw bracketFailure(this, orderId, bracket, error);
		}
		return { ...bracket, bracketId };
	});
}

interface Registration {
	bracketId: string;
	/** Where the bracket's file goes. */
	url: string;
}

async function registerBracket(
	this: IExecuteFunctions,
	orderId: string,
	bracket: Bracket,
): Promise<Registration> {
	try {
		const created = await createBracket.call(this, orderId, bracket.name);
		const url = uploadUrlOf(created);
		if (typeof created.bracket_id !== 'string' || !url) {
			throw new NodeOperationError(this.getNode(), 'Autoenhance returned no bracket ID or upload URL', {
				description: `It answered: ${JSON.stringify(created).slice(0, 300)}`,
			});
		}
		return { bracketId: created.bracket_id, url };
	} catch (error) {
		throw bracketFailure(this, orderId, bracket, error);
	}
}

function bracketFailure(
	context: IExecuteFunctions,
	orderId: string,
	bracket: Bracket,
	error: Error & { description?: unknown },
): NodeOperationError {
	const cause = typeof error.description === 'string' && error.description ? ` ${error.description}` : '';
	return new NodeOperationError(
		context.getNode(),
		`Could not upload bracket "${bracket.file.fileName}" (item ${bracket.itemIndex}, field "${bracket.propertyName}"): ${error.message}`,
		{
			itemIndex: bracket.itemIndex,
			description: `Nothing was merged; order "${orderId}" holds the brackets uploaded so far.${cause}`,
		},
	);
}

/**
 * Which brackets each merged image was made from, by the `image_id` Autoenhance puts on a bracket
 * once it is merged (`listed`: the order's bracket list). Images it says nothing about are
 * missing from the map.
 */
export function bracketsByImage(listed: ApiBracket[], uploaded: UploadedBracket[]): Map<string, UploadedBracket[]> {
	const ours = new Map(uploaded.map((bracket) => [bracket.bracketId, bracket]));
	const byImage = new Map<string, UploadedBracket[]>();
	for (const { bracket_id, image_id } of listed) {
		const bracket = ours.get(String(bracket_id));
		if (!bracket || typeof image_id !== 'string' || !image_id) continue;
		byImage.set(image_id, [...(byImage.get(image_id) ?? []), bracket]);
	}
	return byImage;
}

/** A fixed group size that does not divide the brackets evenly almost always means one is missing. */
export function assertWholeGroups(
	this: IExecuteFunctions,
	bracketCount: number,
	bracketsPerImage: number,
	itemIndex?: number,
): void {
	if (bracketsPerImage === 0 || bracketCount % bracketsPerImage === 0) return;
	throw new NodeOperationError(
		this.getNode(),
		`${bracketCount} brackets do not make whole images of ${bracketsPerImage} brackets each`,
		{
			itemIndex,
			description: `Check that no bracket is missing (the last image would get only ${bracketCount % bracketsPerImage}), or set Brackets per Image to 0 to let Autoenhance group them.`,
		},
	);
}
