/**
 * The rate gate: one queue per credential for the whole n8n process. n8n's declarative
 * runner starts every item's request at once, and several executions can use the same
 * credential at the same time; the gate lets their requests leave at the platform's rate,
 * pauses all of them when the platform says "too many requests", and keeps a platform's
 * budget (GetCourse: 100 export requests in 2 hours).
 */

import { sleep } from 'n8n-workflow';

/** Time, as the gate sees it. Tests replace `now` and `sleep` with a clock they drive. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};

export interface RateLimit {
	/** Requests allowed in any window of `windowMs`. */
	requests: number;
	windowMs: number;
}

export interface Budget extends RateLimit {
	/** What the budget is spent on, for messages: "export requests". */
	label: string;
}

/**
 * A request waits at most this long for its gate when the platform keeps answering
 * "too many requests" (or "unavailable") with no other answer in between: then it fails.
 */
export const GIVE_UP_AFTER_MS = 10 * 60_000;

/** Kept between the platform's window and ours, so that clock drift does not cost a 429. */
export function safetyMargin(windowMs: number): number {
	return Math.min(1000, Math.ceil(windowMs * 0.05));
}

export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled while the request waited for its turn');
	}
}

export class BudgetSpentError extends Error {
	constructor(
		readonly budget: Budget,
		readonly refillsAt: number,
	) {
		super(
			`The budget of ${budget.requests} ${budget.label} per ${describeWindow(budget.windowMs)} is spent; the next request can be sent at ${new Date(refillsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		);
	}
}

export function describeWindow(ms: number): string {
	if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
	if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
	return ms === 1000 ? 'second' : `${ms / 1000} seconds`;
}

/** Requests on the wire right now, in this process (the tests' clock waits for them). */
export const traffic = { inFlight: 0 };

/**
 * A request the gate let through. Call `done()` when its answer came (or its connection
 * failed): from then on its place in the window counts from that moment, since the
 * platform counted it somewhere between leaving and answering. A busy n8n or a slow
 * network that delays some requests then cannot make the next window's requests arrive
 * inside the platform's current window.
 */
export interface Passage {
	done: () => void;
}

interface Waiter {
	resolve: (passage: Passage) => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

export class RateGate {
	private readonly queue: Waiter[] = [];

	/** When each request inside the current window left, or was answered once it was. */
	private sent: Array<{ at: number }> = [];

	/** When each budgeted request inside the budget's window left. */
	private readonly spent: number[] = [];

	private pausedUntil = 0;

	/** Since when the platform has answered nothing but "too many requests"; 0 when it hasn't. */
	private throttledSince = 0;

	private pumping = false;

	/** Requests let through since the gate was made (for tests and benchmarks). */
	released = 0;

	/** A lower limit the platform announced (X-RateLimit-Limit) than the one configured. */
	private announced?: number;

	limit: RateLimit;

	constructor(
		private configured: RateLimit,
		public budget?: Budget,
	) {
		this.limit = configured;
	}

	/** The credential's limit, as configured now (its fields may have been edited). */
	configure(limit: RateLimit, budget?: Budget): void {
		this.configured = limit;
		this.budget = budget;
		this.applyLimit();
	}

	/** The platform said how many requests it allows per window: never send more than that. */
	announce(requests: number): void {
		if (!(requests > 0) || requests === this.announced) return;
		this.announced = requests;
		this.applyLimit();
	}

	private applyLimit(): void {
		const requests = Math.min(this.configured.requests, this.announced ?? Infinity);
		this.limit = { requests, windowMs: this.configured.windowMs };
	}

	/**
	 * Resolves when the request may leave. `front` puts a request that was throttled back
	 * at the head of the queue, so that order is kept. A cancelled execution's request
	 * leaves the queue with a CancelledError.
	 */
	async acquire(signal?: AbortSignal, front = false): Promise<Passage> {
		if (signal?.aborted) throw new CancelledError();
		return await new Promise<Passage>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					const index = this.queue.indexOf(waiter);
					if (index >= 0) this.queue.splice(index, 1);
					reject(new CancelledError());
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			if (front) this.queue.unshift(waiter);
			else this.queue.push(waiter);
			void this.pump();
		});
	}

	/**
	 * Takes one unit of the budget, or throws BudgetSpentError saying when it refills.
	 * Budgeted requests still queue through `acquire` for the rate.
	 */
	spend(): void {
		if (!this.budget) return;
		const now = clock.now();
		while (this.spent.length && this.spent[0] <= now - this.budget.windowMs) this.spent.shift();
		if (this.spent.length >= this.budget.requests) {
			throw new BudgetSpentError(this.budget, this.spent[0] + this.budget.windowMs);
		}
		this.spent.push(now);
	}

	/** Budget units left now. */
	budgetLeft(): number | undefined {
		if (!this.budget) return undefined;
		const now = clock.now();
		return this.budget.requests - this.spent.filter((at) => at > now - this.budget!.windowMs).length;
	}

	/**
	 * The platform said "too many requests" (or "unavailable"): every request of this
	 * credential waits `ms`. Returns false when the platform has refused everything for
	 * longer than GIVE_UP_AFTER_MS, and the request should fail.
	 */
	throttled(ms: number): boolean {
		const now = clock.now();
		if (!this.throttledSince) this.throttledSince = now;
		if (now - this.throttledSince >= GIVE_UP_AFTER_MS) return false;
		this.pausedUntil = Math.max(this.pausedUntil, now + ms);
		return true;
	}

	/** The platform answered something other than "too many requests". */
	answered(): void {
		this.throttledSince = 0;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.queue.length) {
				const now = clock.now();
				const window = this.limit.windowMs + safetyMargin(this.limit.windowMs);
				this.sent = this.sent.filter((request) => request.at > now - window);
				const full = this.sent.length >= this.limit.requests;
				const oldest = full ? Math.min(...this.sent.map((request) => request.at)) : 0;
				const wait = Math.max(this.pausedUntil - now, full ? oldest + window - now : 0);
				if (wait > 0) {
					await clock.sleep(wait);
					continue;
				}
				const waiter = this.queue.shift()!;
				if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
				const request = { at: now };
				this.sent.push(request);
				this.released++;
				waiter.resolve({ done: () => (request.at = Math.max(request.at, clock.now())) });
			}
		} finally {
			this.pumping = false;
		}
	}
}

const gates = new Map<string, RateGate>();

/**
 * The gate of one credential, made on first use. A credential whose limit changed (its
 * rate fields were edited) keeps its queue and gets the new limit.
 */
export function gateFor(key: string, limit: RateLimit, budget?: Budget): RateGate {
	let gate = gates.get(key);
	if (!gate) {
		gate = new RateGate(limit, budget);
		gates.set(key, gate);
	} else {
		gate.configure(limit, budget);
	}
	return gate;
}

/** Forgets every gate: for tests, which start each case with fresh limits. */
export function resetGates(): void {
	gates.clear();
}
