// What this run made at the API, recorded as soon as an answer names it, so the clean-up can
// delete all of it whenever the run stops.

export function createdRecord() {
	const kinds = { image: new Map(), bracket: new Map(), order: new Map() };
	return {
		add(kind, id) {
			if (typeof id === 'string' && id && !kinds[kind].has(id)) kinds[kind].set(id, { id, deleted: false });
		},
		markDeleted(kind, id) {
			const entry = kinds[kind].get(id);
			if (entry) entry.deleted = true;
		},
		/** Not yet deleted, in the order they were made. */
		live: (kind) => [...kinds[kind].values()].filter(({ deleted }) => !deleted).map(({ id }) => id),
		all: (kind) => [...kinds[kind].keys()],
	};
}
