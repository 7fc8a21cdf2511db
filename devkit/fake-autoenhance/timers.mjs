// Every timer the fake starts (processing, merging, latency), so close() can cancel them all.
export class Timers {
	#handles = new Set();
	#closed = false;

	after(ms, callback) {
		if (this.#closed) return;
		const handle = setTimeout(() => {
			this.#handles.delete(handle);
			callback();
		}, ms);
		this.#handles.add(handle);
	}

	/** Resolves after `ms`; never resolves once closed (the work it delayed is abandoned). */
	sleep(ms) {
		return new Promise((resolve) => this.after(ms, resolve));
	}

	clear() {
		this.#closed = true;
		for (const handle of this.#handles) clearTimeout(handle);
		this.#handles.clear();
	}
}
