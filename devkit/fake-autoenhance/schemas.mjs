// Request schemas of the documented v3 contract (docs.autoenhance.ai). The settings' enums follow the request's API
// version (see settingsFields); without one, every documented value is accepted.
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

const ENHANCE_TYPES_2025 = ['property', 'property_usa', 'warm', 'neutral'];
const ENHANCE_TYPES_2024 = [...ENHANCE_TYPES_2025, 'authentic'];
const CLOUD_TYPES_SDK = ['CLEAR', 'LOW_CLOUD', 'HIGH_CLOUD'];
const CLOUD_TYPES_DOCS = [...CLOUD_TYPES_SDK, 'LOW_CLOUD_LOW_SAT'];
const AI_VERSIONS_SDK = ['dev', '4.x', '4.7', '4.5', '4.4', '4.3', '4.2', '4.1', '4.0', '3.x', '3.5', '3.4', '3.3', '3.2', '3.1', '3.0'];
// "4.x" = latest 4 minor; the docs use 5.x, 5.1 and "latest" beyond the SDK's enum.
const AI_VERSION_DOCUMENTED = t.string({
	pattern: /^(dev|latest|[1-9]\.(x|\d{1,2}))$/,
	patternMessage: 'Not a valid AI version (expected e.g. "4.x", "5.1", "dev" or "latest").',
});

/** Names the brackets schema allows (`^[^/]+$`); image names are held to the same rule. */
const NAME = { minLength: 1, pattern: /^[^/]+$/, patternMessage: 'String does not match expected pattern.' };

/** When each setting's accepted values changed (x-api-version dates). */
export const SETTINGS_SINCE = { sdk2025Enums: '2025-01-01', documentedEnums: '2025-05-08', windowPullType: '2025-08-31' };

/**
 * The enums one API version checks. `version` null (no x-api-version, account unpinned): every
 * value any version accepted. Otherwise the version's own: enhance_type "authentic" only before
 * 2025-01-01; ai_version and cloud_type as the SDK's enum unless, from 2025-05-08, the docs
 * pages' values count (settingEnums: 'documented'); the window pull style key from 2025-08-31.
 */
function settingRules(version, variants) {
	if (version === null) {
		return {
			enhanceTypes: ENHANCE_TYPES_2024,
			aiVersion: AI_VERSION_DOCUMENTED,
			cloudTypes: [...CLOUD_TYPES_DOCS, 'EHOUSE'],
			windowPullKeys: ['window_pull_type', 'window_pull_style'],
		};
	}
	const documented = variants.settingEnums === 'documented' && version >= SETTINGS_SINCE.documentedEnums;
	return {
		enhanceTypes: version < SETTINGS_SINCE.sdk2025Enums ? ENHANCE_TYPES_2024 : ENHANCE_TYPES_2025,
		aiVersion: documented ? AI_VERSION_DOCUMENTED : t.oneOf(AI_VERSIONS_SDK),
		cloudTypes: documented ? CLOUD_TYPES_DOCS : CLOUD_TYPES_SDK,
		windowPullKeys: version >= SETTINGS_SINCE.windowPullType ? [variants.windowPullKey] : [],
	};
}

/** Enhancement settings: what create, reprocess, merge and process all accept, per API version. */
export function settingsFields(version, variants) {
	const rules = settingRules(version, variants);
	return {
		enhance: t.boolean(),
		enhance_type: t.oneOf(rules.enhanceTypes),
		ai_version: rules.aiVersion,
		sky_replacement: t.boolean(),
		cloud_type: t.oneOf(rules.cloudTypes, { nullable: true }),
		vertical_correction: t.boolean(),
		lens_correction: t.boolean(),
		window_pull: t.boolean({ nullable: true }),
		...Object.fromEntries(rules.windowPullKeys.map((key) => [key, t.oneOf(WINDOW_PULL_TYPES)])),
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
}

/**
 * The settings of a validated body that its schema knows (unknown properties are accepted but
 * do nothing), the window pull style stored under one name whichever key the API reads.
 */
export function pickSettings(body, fields) {
	const settings = {};
	for (const name of Object.keys(fields)) {
		if (body[name] !== undefined) settings[name === 'window_pull_style' ? 'window_pull_type' : name] = body[name];
	}
	return settings;
}

/** Fields of ImageInUpdate that reprocessing may change (besides the settings). */
const EDITABLE_FIELDS = {
	image_name: t.string(NAME),
	rating: t.integer({ min: 0, max: 5 }),
	metadata: t.object(),
};

export const imageUpdate = (version, variants) => ({ ...settingsFields(version, variants), ...EDITABLE_FIELDS });

export const imageCreate = (version, variants) => ({
	...imageUpdate(version, variants),
	image_name: t.string({ required: true, ...NAME }),
	image_id: t.string({ minLength: 1 }),
	order_id: t.string({ minLength: 1 }),
	content_type: t.string({ minLength: 1 }),
	contentType: t.string({ minLength: 1 }),
	hdr: t.boolean(),
});

export const orderMerge = (version, variants) => ({
	...settingsFields(version, variants),
	number_of_brackets_per_image: t.integer({ min: 0 }),
});

export const orderProcess = (version, variants) => ({
	...orderMerge(version, variants),
	images: t.array(
		t.object({ bracket_ids: t.array(t.string({ minLength: 1 }), { required: true, minLength: 1 }) }),
	),
});

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
	name: t.string({ required: true, ...NAME }),
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
