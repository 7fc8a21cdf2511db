// The workflows each case runs: the Autoenhance node, and the same job built from n8n's HTTP
// Request node the way users build it without this package (POST create, PUT upload, GET the
// status in a loop with a Wait node, GET the download). Inputs come in the webhook's body, so a
// case can warm a workflow up on a tiny input before measuring it.
import {
	autoenhance,
	httpRequest,
	ifTrue,
	merge,
	readFiles,
	splitOut,
	waitSeconds,
	webhookWorkflow,
} from './lib/workflow.mjs';

/** How often the HTTP Request chains check the status: the Autoenhance node's first interval. */
export const BASELINE_POLL_SECONDS = 1;

/** The node's settings for "enhance, wait, download the enhanced preview" (its defaults). */
const ENHANCE_AND_DOWNLOAD = {
	binaryPropertyName: 'data',
	waitForCompletion: true,
	download: true,
	imageVersion: 'preview',
	options: {},
};

/** Webhook → a Read Files from Disk node → one Autoenhance node. */
function readIntoAutoenhance({ name, path, reader, node }) {
	return webhookWorkflow({
		name,
		path,
		nodes: [reader, node],
		links: [
			['Webhook', reader.name],
			[reader.name, node.name],
		],
	});
}

/** Body { file }: one photo enhanced, waited for and downloaded. */
export function enhancePhoto() {
	return readIntoAutoenhance({
		name: 'Bench: enhance one photo (Autoenhance)',
		path: 'bench-enhance',
		reader: readFiles('Read photo', '={{ $json.body.file }}'),
		node: autoenhance('Enhance', { resource: 'image', operation: 'enhance', ...ENHANCE_AND_DOWNLOAD }),
	});
}

export const ENHANCE_PHOTO_CHAIN = ['Enhance'];

/** Body { file }: every photo matching the glob enhanced, waited for and downloaded; version 2 puts them into one order. */
export function enhancePhotos({ typeVersion }) {
	return readIntoAutoenhance({
		name: `Bench: enhance photos (Autoenhance version ${typeVersion})`,
		path: `bench-enhance-photos-v${typeVersion}`,
		reader: readFiles('Read photos', '={{ $json.body.file }}'),
		node: autoenhance('Enhance', { resource: 'image', operation: 'enhance', ...ENHANCE_AND_DOWNLOAD }, { typeVersion }),
	});
}

/** The same with HTTP Request nodes. */
export function enhancePhotoWithHttpRequests(apiUrl) {
	return enhanceWithHttpRequests(apiUrl, {
		name: 'Bench: enhance one photo (HTTP Request)',
		path: 'bench-enhance-http',
		imageId: "$('Create image').first().json.image_id",
	});
}

/**
 * The same for many photos: each status check asks for the image its item stands for (the first
 * round takes the ID from the create, paired through the upload; later rounds from the last status).
 */
export function enhancePhotosWithHttpRequests(apiUrl) {
	return enhanceWithHttpRequests(apiUrl, {
		name: 'Bench: enhance photos (HTTP Request)',
		path: 'bench-enhance-photos-http',
		imageId: "$json.image_id ?? $('Photo and upload URL').item.json.image_id",
	});
}

function enhanceWithHttpRequests(apiUrl, { name, path, imageId }) {
	const polling = statusLoop({
		name: 'Get status',
		url: `=${apiUrl}/v3/images/{{ ${imageId} }}`,
		finished: "={{ ['processed', 'error'].includes($json.status) }}",
		then: 'Download',
	});
	return webhookWorkflow({
		name,
		path,
		nodes: [
			readFiles('Read photo', '={{ $json.body.file }}'),
			httpRequest('Create image', {
				method: 'POST',
				url: `${apiUrl}/v3/images/`,
				jsonBody: '={{ JSON.stringify({ image_name: $json.fileName, content_type: $json.mimeType }) }}',
			}),
			merge('Photo and upload URL', 'combineByPosition'),
			httpRequest('Upload', {
				method: 'PUT',
				url: '={{ $json.upload_url || $json.s3PutObjectUrl }}',
				binaryBody: 'data',
				authenticated: false,
			}),
			...polling.nodes,
			download(apiUrl),
		],
		links: [
			['Webhook', 'Read photo'],
			['Read photo', 'Create image'],
			['Read photo', 'Photo and upload URL', 0, 0],
			['Create image', 'Photo and upload URL', 0, 1],
			['Photo and upload URL', 'Upload'],
			['Upload', 'Get status'],
			...polling.links,
		],
	});
}

export const ENHANCE_PHOTO_HTTP_CHAIN = ['Create image', 'Photo and upload URL', 'Upload', 'Get status', 'Finished?', 'Wait', 'Download'];

/** GETs the status until `finished`, with a Wait between tries, then goes on to the node `then`. */
function statusLoop({ name, url, finished, then }) {
	return {
		nodes: [httpRequest(name, { method: 'GET', url }), ifTrue('Finished?', finished), waitSeconds('Wait', BASELINE_POLL_SECONDS)],
		links: [
			[name, 'Finished?'],
			['Finished?', then, 0],
			['Finished?', 'Wait', 1],
			['Wait', name],
		],
	};
}

/** Each item's enhanced photo (`image_id` in its JSON) as a file. */
function download(apiUrl) {
	return httpRequest('Download', { method: 'GET', url: `=${apiUrl}/v3/images/{{ $json.image_id }}/enhanced`, fileResponse: true });
}

/**
 * Body { files }: every file matching the glob is a bracket of one HDR order. Node version 2
 * adapts its requests to each host; `fixedConcurrency` runs version 1 with that Concurrency.
 */
export function enhanceHdr({ fixedConcurrency } = {}) {
	const fixed = fixedConcurrency !== undefined;
	const parameters = { resource: 'order', operation: 'enhanceHdr', ...ENHANCE_AND_DOWNLOAD };
	return readIntoAutoenhance({
		name: `Bench: enhance HDR brackets (Autoenhance${fixed ? `, fixed ${fixedConcurrency}` : ''})`,
		path: fixed ? `bench-hdr-fixed-${fixedConcurrency}` : 'bench-hdr',
		reader: readFiles('Read brackets', '={{ $json.body.files }}'),
		node: fixed
			? autoenhance('Enhance HDR', { ...parameters, options: { concurrency: fixedConcurrency } }, { typeVersion: 1 })
			: autoenhance('Enhance HDR', parameters, { typeVersion: 2 }),
	});
}

export const ENHANCE_HDR_CHAIN = ['Enhance HDR'];

export function enhanceHdrWithHttpRequests(apiUrl) {
	const orderId = "$('Create order').first().json.order_id";
	const polling = statusLoop({
		name: 'Get order',
		url: `=${apiUrl}/v3/orders/{{ ${orderId} }}`,
		finished: '={{ !$json.is_merging && !$json.is_processing }}',
		then: 'One item per photo',
	});
	return webhookWorkflow({
		name: 'Bench: enhance HDR brackets (HTTP Request)',
		path: 'bench-hdr-http',
		nodes: [
			readFiles('Read brackets', '={{ $json.body.files }}'),
			httpRequest('Create order', {
				method: 'POST',
				url: `${apiUrl}/v3/orders/`,
				jsonBody: '={{ JSON.stringify({ name: "Bench HDR" }) }}',
				executeOnce: true,
			}),
			merge('Brackets with order', 'combineAll'),
			httpRequest('Create bracket', {
				method: 'POST',
				url: `${apiUrl}/v3/brackets/`,
				jsonBody: '={{ JSON.stringify({ order_id: $json.order_id, name: $json.fileName }) }}',
			}),
			merge('Bracket and upload URL', 'combineByPosition'),
			httpRequest('Upload', {
				method: 'PUT',
				url: '={{ $json.upload_url }}',
				// Bracket upload URLs are signed for this type (autoenhance-api.md §6).
				headers: { 'Content-Type': 'application/octet-stream' },
				binaryBody: 'data',
				authenticated: false,
			}),
			httpRequest('Process order', {
				method: 'POST',
				url: `=${apiUrl}/v3/orders/{{ ${orderId} }}/process`,
				jsonBody: '{}',
				executeOnce: true,
			}),
			...polling.nodes,
			splitOut('One item per photo', 'images'),
			download(apiUrl),
		],
		links: [
			['Webhook', 'Read brackets'],
			['Read brackets', 'Create order'],
			['Read brackets', 'Brackets with order', 0, 0],
			['Create order', 'Brackets with order', 0, 1],
			['Brackets with order', 'Create bracket'],
			['Brackets with order', 'Bracket and upload URL', 0, 0],
			['Create bracket', 'Bracket and upload URL', 0, 1],
			['Bracket and upload URL', 'Upload'],
			['Upload', 'Process order'],
			['Process order', 'Get order'],
			...polling.links,
			['One item per photo', 'Download'],
		],
	});
}

export const ENHANCE_HDR_HTTP_CHAIN = [
	'Create order',
	'Brackets with order',
	'Create bracket',
	'Bracket and upload URL',
	'Upload',
	'Process order',
	'Get order',
	'Finished?',
	'Wait',
	'One item per photo',
	'Download',
];

/** Body { images: [{ image_id }] }: each image fetched once. */
export function getImages() {
	return webhookWorkflow({
		name: 'Bench: get images (Autoenhance)',
		path: 'bench-get',
		nodes: [
			splitOut('One item per image', 'body.images'),
			autoenhance('Get image', { resource: 'image', operation: 'get', imageId: '={{ $json.image_id }}', options: {} }),
		],
		links: [
			['Webhook', 'One item per image'],
			['One item per image', 'Get image'],
		],
	});
}

export function getImagesWithHttpRequests(apiUrl) {
	return webhookWorkflow({
		name: 'Bench: get images (HTTP Request)',
		path: 'bench-get-http',
		nodes: [
			splitOut('One item per image', 'body.images'),
			httpRequest('Get image', { method: 'GET', url: `=${apiUrl}/v3/images/{{ $json.image_id }}` }),
		],
		links: [
			['Webhook', 'One item per image'],
			['One item per image', 'Get image'],
		],
	});
}

export const GET_IMAGES_CHAIN = ['Get image'];
