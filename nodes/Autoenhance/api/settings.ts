import type { IDataObject } from 'n8n-workflow';

/**
 * The window pull style is `window_pull_type` in the API changelog and `window_pull_style` on the
 * docs page. Autoenhance ignores properties it does not know, so the style goes under both names:
 * whichever the API reads, it gets it.
 */
export function withWindowPullKeys(settings: IDataObject): IDataObject {
	const style = settings.window_pull_type ?? settings.window_pull_style;
	return style === undefined ? settings : { ...settings, window_pull_type: style, window_pull_style: style };
}

/**
 * The API field of each enhancement setting, by the name of its option in the node's Settings
 * collection. `rating` here is the enhancement setting (a star rating kept with the image), not the
 * `score` Image › Report sends (ImageReport in api/images.ts).
 */
export const ENHANCEMENT_SETTING_FIELDS: Record<string, string> = {
	threesixty: 'threesixty',
	aiVersion: 'ai_version',
	privacy: 'privacy',
	cloudType: 'cloud_type',
	enhanceType: 'enhance_type',
	lensCorrection: 'lens_correction',
	metadata: 'metadata',
	rating: 'rating',
	skyReplacement: 'sky_replacement',
	upscale: 'upscale',
	verticalCorrection: 'vertical_correction',
	windowPull: 'window_pull',
	windowPullType: 'window_pull_type',
};
