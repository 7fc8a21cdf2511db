import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { unflaggedAfterWait } from '../../api/brackets';
import type { WaitSettings } from '../../api/completion';
import { waitForMerge } from '../../api/completion';
import { withGivenName } from '../../api/names';
import { createOrder, imagesOf, processOrder } from '../../api/orders';
import { createLimit, mapWithConcurrency, noLimit } from '../../utils/concurrency';
import { readConcurrency } from '../../fields/concurrency';
import { downloadChosenImage } from '../../helpers/download';
import { concurrencyOption, optionsField, transferConcurrency } from '../../fields/options';
import { enhancementSettingsField, readEnhancementSettings } from '../../fields/settings';
import { readWaitSettings, waitOptions } from '../../fields/wait';
import { binaryPropertyNameField, downloadOptionsField, imageVersionField } from '../../fields/files';
import type { Bracket, UploadedBracket } from './brackets';
import { assertWholeGroups, bracketsByImage, readBrackets, uploadBrackets } from './brackets';
import { imageJson, orderJson, simplifyField } from '../simplify';
import { bracketsPerImageField, orderNameField, readBracketsPerImage, waitForMergeField } from './fields';

const whenWaiting = { displayOptions: { show: { waitForCompletion: [true] } } };
const whenDownloading = { displayOptions: { show: { waitForCompletion: [true], download: [true] } } };

const properties: INodeProperties[] = [
	{
		...binaryPropertyNameField,
		hint: 'The name of the input binary field containing the bracket',
		description:
			'The binary field of each input item that holds one bracket (one exposure), e.g. "data" after a Google Drive download. All items together make one order.',
	},
	{ ...orderNameField, description: 'A name for the new order, such as the property address' },
	bracketsPerImageField,
	waitForMergeField,
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: true,
		...whenWaiting,
		description: 'Whether to download each enhanced image into its output item as a file',
	},
	imageVersionField(['preview', 'full'], whenDownloading),
	downloadOptionsField(whenDownloading),
	enhancementSettingsField({ panorama: false }),
	simplifyField,
	optionsField(
		[
			{
				displayName: 'Use Every Binary Field',
				name: 'allBinaryFields',
				type: 'boolean',
				default: false,
				description:
					'Whether every file of each item is a bracket (e.g. all attachments of an email), not only the Input Binary Field',
			},
			...waitOptions,
		],
		{
			...concurrencyOption,
			description:
				'Node version 1: how many requests go to Autoenhance at the same time; the files themselves upload and download 10 at a time (or this many, if more), straight to and from storage. Later versions: the most requests to each host (the API, the storage hosts) at the same time (20 when not set); the node starts at up to 10, sends more while answers come back quickly and fewer when a host asks it to slow down.',
		},
	),
];

export const mode = 'batch';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['enhanceHdr'] } },
	properties,
);

/**
 * All input files become the brackets of one new order, merged once. Outputs one item per
 * enhanced photo, paired with the items its brackets came from; without waiting, the order.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const bracketsPerImage = readBracketsPerImage.call(this, 0);
	const settings = readEnhancementSettings.call(this, 0);
	const concurrency = readConcurrency.call(this);
	const allBinaryFields = this.getNodeParameter('options.allBinaryFields', 0, false) as boolean;
	const brackets = await readBrackets.call(this, items, allBinaryFields);
	assertEnoughBrackets.call(this, brackets);
	assertWholeGroups.call(this, brackets.length, bracketsPerImage);

	const name = (this.getNodeParameter('orderName', 0, '') as string).trim();
	const orderId = String((await createOrder.call(this, { name })).order_id);
	// Version 1: `concurrency` requests to the API at once, more transfers to the storage hosts.
	// Later, every request waits for room at its host, and this bounds only the brackets in hand.
	const apiLimit = concurrency.adaptive ? noLimit : createLimit(concurrency.ceiling);
	const transfers = concurrency.adaptive ? concurrency.ceiling : transferConcurrency(concurrency.ceiling);
	const uploaded = await uploadBrackets.call(this, orderId, brackets, { apiLimit, transfers, inInputOrder: bracketsPerImage > 0 });
	const wait = readWaitSettings.call(this, 0);
	await assertFlaggedUploaded.call(this, orderId, uploaded, wait);
	const merging = await processOrder.call(this, { orderId, bracketsPerImage, settings });
	const everyInput = items.map((_item, item) => ({ item }));
	if (!this.getNodeParameter('waitForCompletion', 0, true)) return [{ json: orderJson.call(this, 0, merging), pairedItem: everyInput }];

	const bracketIds = uploaded.map((bracket) => bracket.bracketId);
	const { order, merged, brackets: listed } = await waitForMerge.call(this, orderId, bracketIds, wait);
	// A wait that ran out and was told to return the last state: nothing to list or download yet.
	if (!merged) return [{ json: orderJson.call(this, 0, order), pairedItem: everyInput }];
	const images = orderImages.call(this, order);
	const download = (this.getNodeParameter('download', 0, true) as boolean) && images.every((image) => image.status !== 'error');
	const binaries = download
		? await mapWithConcurrency(images, transfers, async (image) => await downloadChosenImage.call(this, image, 0, apiLimit))
		: [];
	const byImage = bracketsByImage(listed, uploaded);
	const position = (sources: UploadedBracket[]) => (sources.length > 0 ? uploaded.indexOf(sources[0]) : uploaded.length);
	return images
		.map((image, index) => ({ image, sources: byImage.get(String(image.image_id)) ?? [], binary: binaries[index] }))
		.sort((a, b) => position(a.sources) - position(b.sources))
		.map(({ image, sources, binary }) => {
			assertEnhanced.call(this, image, sources);
			return {
				json: imageJson.call(this, 0, {
					order_id: orderId,
					...(sources.length > 0 ? withGivenName(image, sources[0].name) : image),
				}),
				pairedItem: sources.length > 0 ? itemsOf(sources) : everyInput,
				...(binary ? { binary } : {}),
			};
		});
}

/** Autoenhance may flag an uploaded bracket some seconds late; merging before that would leave it out. */
async function assertFlaggedUploaded(
	this: IExecuteFunctions,
	orderId: string,
	uploaded: UploadedBracket[],
	wait: WaitSettings,
): Promise<void> {
	const ids = uploaded.map((bracket) => bracket.bracketId);
	const { unflagged, waitedSeconds } = await unflaggedAfterWait.call(this, orderId, ids, wait.maxWaitSeconds);
	if (unflagged.length === 0) return;
	const late = new Set(unflagged.map((bracket) => String(bracket.bracket_id)));
	const files = uploaded.filter((bracket) => late.has(bracket.bracketId));
	throw new NodeOperationError(
		this.getNode(),
		`Autoenhance has not taken ${files.length} of ${uploaded.length} uploaded brackets ${waitedSeconds} s after their upload`,
		{
			itemIndex: files[0].itemIndex,
			description: `Nothing was merged; order "${orderId}" holds the brackets. Not marked uploaded: ${files.map((bracket) => `"${bracket.file.fileName}" (item ${bracket.itemIndex})`).join(', ')}.`,
		},
	);
}

function assertEnoughBrackets(this: IExecuteFunctions, brackets: Bracket[]): void {
	if (brackets.length >= 2) return;
	const [only] = brackets;
	throw new NodeOperationError(
		this.getNode(),
		`HDR needs at least 2 brackets, but the input holds only 1 ("${only.file.fileName}" in item ${only.itemIndex})`,
		{
			itemIndex: only.itemIndex,
			description:
				'Enhance HDR merges the exposures of a shot (e.g. −2, 0 and +2 EV) into one image: pass every bracket, one item each, or several files per item with "Use Every Binary Field". For a single image, use Image → Enhance.',
		},
	);
}

/** The photos of a finished order, in the order Autoenhance lists them. */
function orderImages(this: IExecuteFunctions, order: IDataObject): IDataObject[] {
	const images = imagesOf(order);
	if (images.length === 0) {
		throw new NodeOperationError(this.getNode(), `Order "${String(order.order_id)}" finished without any images`, {
			description: 'Autoenhance merged none of the brackets. Check the order in the Autoenhance web app.',
		});
	}
	return images;
}

function assertEnhanced(this: IExecuteFunctions, image: IDataObject, sources: UploadedBracket[]): void {
	if (image.status !== 'error') return;
	const reason = typeof image.status_reason === 'string' && image.status_reason ? image.status_reason : 'status "error"';
	const files = sources.map((bracket) => `"${bracket.file.fileName}" (item ${bracket.itemIndex})`).join(', ');
	throw new NodeOperationError(
		this.getNode(),
		`Autoenhance could not enhance image "${String(image.image_name)}" of order "${String(image.order_id)}": ${reason}`,
		{
			itemIndex: sources[0]?.itemIndex,
			description: files ? `It was merged from ${files}.` : 'Check its brackets in the Autoenhance web app.',
		},
	);
}

function itemsOf(brackets: UploadedBracket[]): IPairedItemData[] {
	return [...new Set(brackets.map((bracket) => bracket.itemIndex))].map((item) => ({ item }));
}
