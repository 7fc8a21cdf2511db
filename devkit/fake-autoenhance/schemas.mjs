// Request schemas of the documented v3 contract (docs.autoenhance.ai). Where API
// versions disagree, every documented value is accepted: e.g. enhance_type
// "authentic" (2024) and cloud_type "LOW_CLOUD_LOW_SAT" (docs page).
import { t } from './validation.mjs';

const LEVEL = ['NONE', 'LOW', 'MEDIUM', 'HIGH'];
const LEGACY_LEVEL_FIELDS = [
	'contrast_boost',
	'contrast_boost_internal',
	'contrast_boost_external',
	'brightness_boost',
	'brightness_boost_internal',
	'brightness_boost_external',
	'saturation_level',
	'saturation_boost_level',
	'sharpen_level',
	'denoise_level',
	'clarity_level',
	'sky_saturation_level',
];

const WINDOW_PULL_TYPES = ['NONE', 'ONLY_WINDOWS', 'WINDOWS_WITH_SKIES'];

const REPORT_CATEGORIES = [
	'AUTO_PRIVACY', 'COLOUR', 'CONTRAST', 'DOWNLOAD', 'DYNAMIC_RANGE', 'EXPOSURE', 'HDR',
	'IMAGE_QUALITY', 'ITEM_REMOVAL', 'LENS_CORRECTION', 'NO_COMPLAINTS', 'NOISE', 'OTHER',
	'PERSPECTIVE_CORRECTION', 'PROCESSING', 'SHARPNESS', 'SKY_REPLACEMENT', 'WHITE_BALANCE',
	'WINDOW_PULL', 'PRIVACY',
];

const DOWNLOAD_FORMATS = ['jpeg', 'png', 'webp'];

/** Enhancement settings: what create, reprocess, merge and process all accept. */
export const SETTINGS_FIELDS = {
	enhance: t.boolean(),
	enhance_type: t.oneOf(['property', 'property_usa', 'warm', 'neutral', 'authentic']),
	// "4.x" = latest 4 minor; enums differ by version (1.0 … 5.x, dev, latest), so a pattern.
	ai_version: t.string({
		pattern: /^(dev|latest|[1-9]\.(x|\d{1,2}))$/,
		patternMessage: 'Not a valid AI version (expected e.g. "4.x", "5.1", "dev" or "latest").',
	}),
	sky_replacement: t.boolean(),
	cloud_type: t.oneOf(['CLEAR', 'LOW_CLOUD', 'HIGH_CLOUD', 'LOW_CLOUD_LOW_SAT', 'EHOUSE'], {
		nullable: true,
	}),
	vertical_correction: t.boolean(),
	lens_correction: t.boolean(),
	window_pull: t.boolean({ nullable: true }),
	window_pull_type: t.oneOf(WINDOW_PULL_TYPES),
	window_pull_style: t.oneOf(WINDOW_PULL_TYPES),
	privacy: t.boolean({ nullable: true }),
	upscale: t.boolean(),
	threesixty: t.boolean(),
	finetune_settings: t.object(undefined, { nullable: true }),
	preset_id: t.string({ nullable: true }),
	restage: t.object(
		{
			tvs: t.oneOf(['AS_SHOT', 'BLACK_OUT'], { nullable: true }),
			fire_in_fireplaces: t.oneOf(['AS_SHOT', 'ALIGHT'], { nullable: true }),
			photographer: t.oneOf(['AS_SHOT', 'REMOVE'], { nullable: true }),
			grass: t.oneOf(['AS_SHOT', 'GREEN'], { nullable: true }),
		},
		{ nullable: true },
	),
	vibrant: t.boolean(),
	...Object.fromEntries(LEGACY_LEVEL_FIELDS.map((name) => [name, t.oneOf(LEVEL, { nullable: true })])),
};

/** Fields of ImageInUpdate that reprocessing may change (besides the settings). */
const EDITABLE_FIELDS = {
	image_name: t.string({ minLength: 1 }),
	rating: t.integer({ min: 0, max: 5 }),
	metadata: t.object(),
};

export const IMAGE_UPDATE = { ...SETTINGS_FIELDS, ...EDITABLE_FIELDS };

export const IMAGE_CREATE = {
	...IMAGE_UPDATE,
	image_name: t.string({ required: true, minLength: 1 }),
	image_id: t.string({ minLength: 1 }),
	order_id: t.string({ minLength: 1 }),
	content_type: t.string({ minLength: 1 }),
	contentType: t.string({ minLength: 1 }),
	hdr: t.boolean(),
};

export const ORDER_MERGE = {
	...SETTINGS_FIELDS,
	number_of_brackets_per_image: t.integer({ min: 0 }),
};

export const ORDER_PROCESS = {
	...ORDER_MERGE,
	images: t.array(
		t.object({ bracket_ids: t.array(t.string({ minLength: 1 }), { required: true, minLength: 1 }) }),
	),
};

export const ORDER_CREATE = {
	name: t.string({ nullable: true }),
	order_id: t.string({ minLength: 1 }),
};

export const ORDER_UPDATE = {
	name: t.string({ nullable: true }),
	default_image_sort_order: t.string({ nullable: true }),
};

export const ORDER_LIST_QUERY = {
	per_page: t.integer({ min: 1 }),
	offset: t.string({ minLength: 1 }),
};

export const BRACKET_CREATE = {
	order_id: t.string({ required: true, minLength: 1 }),
	name: t.string({ required: true, minLength: 1 }),
	metadata: t.object(),
};

export const REPORT = {
	categories: t.array(t.oneOf(REPORT_CATEGORIES), { required: true }),
	score: t.integer({ min: 0, max: 5 }),
	comment: t.string(),
	source: t.oneOf(['WEBAPP', 'API']),
};

export const DOWNLOAD_QUERY = {
	quality: t.integer({ min: 1, max: 90 }),
	format: t.oneOf(DOWNLOAD_FORMATS),
	preview: t.boolean(),
	watermark: t.boolean(),
	finetune: t.boolean(),
	max_width: t.integer({ min: 1 }),
	scale: t.number({ min: 0, max: 1 }),
	size: t.oneOf(['small', 'large', 'big']),
};
