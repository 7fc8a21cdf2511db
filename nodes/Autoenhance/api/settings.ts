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
