// HDR merge (POST /v3/orders/{id}/merge and /process): brackets → groups → one image each.
//
// Grouping, over the order's not-yet-merged brackets in creation (= capture) order:
// - explicit `images: [{bracket_ids}]` (process only): exactly those groups;
// - number_of_brackets_per_image N > 0: every N brackets, a remainder makes a last smaller group;
// - 0 or omitted ("automatic"): by `metadata.group` when every bracket carries one, else threes
//   in name order (Autoenhance groups by what the photos show, not by when they were registered).
import { conflict, unprocessable, validationError } from './http.mjs';
import { startProcessing } from './lifecycle.mjs';
import { pickSettings } from './schemas.mjs';
import { createImage, isLive, liveBrackets, touchOrder } from './state.mjs';

const AUTOMATIC_GROUP_SIZE = 3;
const byName = new Intl.Collator('en', { numeric: true }).compare;

function chunk(list, size) {
	const groups = [];
	for (let at = 0; at < list.length; at += size) groups.push(list.slice(at, at + size));
	return groups;
}

function automaticGroups(brackets) {
	const keys = brackets.map((bracket) => bracket.metadata?.group);
	if (keys.some((key) => key === undefined || key === null)) {
		return chunk([...brackets].sort((a, b) => byName(String(a.name), String(b.name))), AUTOMATIC_GROUP_SIZE);
	}
	const groups = new Map();
	brackets.forEach((bracket, i) => groups.set(keys[i], [...(groups.get(keys[i]) ?? []), bracket]));
	return [...groups.values()];
}

function explicitGroups(pending, images) {
	const byId = new Map(pending.map((bracket) => [bracket.bracket_id, bracket]));
	const used = new Set();
	const errors = {};
	const groups = images.map(({ bracket_ids }, index) =>
		bracket_ids.map((id) => {
			const problem = !byId.has(id)
				? `Unknown bracket ${id} (not in this order, or already merged).`
				: used.has(id)
					? `Bracket ${id} is in more than one group.`
					: null;
			if (problem) errors[index] = { bracket_ids: [...(errors[index]?.bracket_ids ?? []), problem] };
			used.add(id);
			return byId.get(id);
		}),
	);
	if (Object.keys(errors).length) throw validationError('json', { images: errors });
	return groups;
}

function groupBrackets(pending, body, allowExplicit) {
	if (allowExplicit && body.images) return explicitGroups(pending, body.images);
	const size = body.number_of_brackets_per_image ?? 0;
	return size > 0 ? chunk(pending, size) : automaticGroups(pending);
}

/** One image per group, under its first bracket's preassigned image_id if it has one. */
function finishMerge(core, order, groups, settings) {
	if (!isLive(core.orders, order.order_id, order)) return;
	order.is_merging = false;
	for (const group of groups) {
		const live = group.filter((bracket) => isLive(core.brackets, bracket.bracket_id, bracket));
		if (live.length === 0) continue;
		const image = createImage(
			core,
			order,
			{ image_id: live[0].image_id ?? undefined, image_name: live[0].name, settings },
			{ blob: live[0].blob },
		);
		Object.assign(image, {
			hdr: true,
			bracket_ids: live.map((bracket) => bracket.bracket_id),
			sources: live.map((bracket) => bracket.blob),
		});
		for (const bracket of live) Object.assign(bracket, { image_id: image.image_id, merged: true });
		startProcessing(core, image);
	}
	touchOrder(order);
}

/**
 * Validates the order's brackets, then merges for mergingMs and processes the results. In the
 * delayed mergeStart variant the order shows nothing (not merging, no images) for
 * mergeStartDelayMs first; a second request meanwhile is refused as during the merge.
 */
export function mergeOrder(core, order, body, { allowExplicit, fields }) {
	if (order.is_merging || order.merge_pending) {
		throw conflict('The brackets of this order are already being merged');
	}
	const brackets = liveBrackets(core, order);
	if (!brackets.some((bracket) => bracket.is_uploaded)) {
		throw unprocessable('Order has no uploaded brackets');
	}
	const pending = brackets.filter((bracket) => !bracket.merged);
	if (pending.length === 0) throw conflict('Every bracket of this order has already been merged');
	const groups = groupBrackets(pending, body, allowExplicit);
	const missing = groups.flat().filter((bracket) => !bracket.is_uploaded);
	if (missing.length) {
		throw unprocessable('Some brackets have not been uploaded yet', {
			bracket_ids: missing.map((bracket) => bracket.bracket_id),
		});
	}
	const settings = pickSettings(body, fields);
	const merge = () => {
		order.merge_pending = false;
		order.is_merging = true;
		touchOrder(order);
		core.timers.after(core.config.mergingMs, () => finishMerge(core, order, groups, settings));
	};
	if (core.variants.mergeStart === 'delayed') {
		order.merge_pending = true;
		core.timers.after(core.config.mergeStartDelayMs, merge);
	} else {
		merge();
	}
}
