// The most requests one run may make, fixed before it starts and printed: every call of the
// plan, every poll a wait may spend, and a reserve that only the clean-up may use.

/** The most polls each wait may spend before it gives up and reports "not seen". */
export const POLLS = {
	imageProcessed: 20,
	bracketsUploaded: 12,
	mergeStarted: 12,
	orderDone: 25,
};

/** Redirects followed from a download to its file (API → asset server → storage, as seen by others). */
export const MAX_FILE_HOPS = 3;

/** The fixed calls of each step (see the step's file). */
const CALLS = {
	singleImage: 1 + 1 + 1 + 1 + MAX_FILE_HOPS + 2, // order, image, upload, preview, its file, reprocess (+ one retry)
	accountVersion: 1, // an image in an order of its own, created without x-api-version
	names: 1 + 1 + 1, // an image and a bracket named with "/", and deleting the bracket if accepted
	hdr: 1 + 3 + 3 + 1, // order, three brackets, their uploads, process
	orderList: 2,
};

/** Clean-up: a look at each order, then every image, bracket and order deleted, then two looks. */
export const CLEANUP = {
	orders: 3, // the photo's, the version probe's, the HDR one
	images: 6, // the photo, the version probe, a "/"-named image, up to three HDR results
	brackets: 4,
	looksAfterDelete: 2,
};

const sum = (numbers) => numbers.reduce((total, n) => total + n, 0);

export const MAIN_BUDGET =
	sum(Object.values(CALLS)) + 2 * POLLS.imageProcessed + POLLS.bracketsUploaded + POLLS.mergeStarted + POLLS.orderDone;
export const CLEANUP_BUDGET = 2 * CLEANUP.orders + CLEANUP.images + CLEANUP.brackets + CLEANUP.looksAfterDelete;
export const TOTAL_BUDGET = MAIN_BUDGET + CLEANUP_BUDGET;
