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
	/** What messages call it: "The GetCourse Triggers' share" (default "The budget"). */
	title?: string;
	/** What to do when it is spent, for the error's description (default: the shared layer's). */
	whenSpent?: string;
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
			`${budget.title ?? 'The budget'} of ${budget.requests} ${budget.label} per ${describeWindow(budget.windowMs)} is spent; the next request can be sent at ${utcMinute(refillsAt)}`,
		);
	}
}

/** A moment as messages show it: "2026-11-23 14:05 UTC". */
export function utcMinute(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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

/** A request in the current window: when it left, or was answered once it was. */
interface Slot {
	at: number;
}

/**
 * Who is waiting: `interactive` requests (the editor's dropdowns and searchable lists, a
 * trigger registering or checking its hook, verifying a delivery, polling) go ahead of every
 * queued `bulk` request (an execution's items), so that the editor stays usable while a
 * large run waits for its turn.
 */
export type Lane = 'interactive' | 'bulk';

/** No credential may count over more than a day: a longer window is a typing mistake. */
export const MAX_WINDOW_MS = 86_400_000;

/** The platform's announced limit (X-RateLimit-Limit) holds this many windows after it last said it. */
const ANNOUNCED_FOR_WINDOWS = 2;

export class RateGate {
	private readonly lanes: Record<Lane, Waiter[]> = { interactive: [], bulk: [] };

	/**
	 * The requests inside the current window, oldest first. A request answered later moves
	 * to the end (its time becomes the answer's, which is never earlier than any other), so
	 * the first entry is always the oldest: pruning and "when is the next place free" are
	 * O(1), whatever the number of requests a long window remembers.
	 */
	private readonly sent = new Set<Slot>();

	private pausedUntil = 0;

	/** Since when the platform has answered nothing but "too many requests"; 0 when it hasn't. */
	private throttledSince = 0;

	/** When the platform last said "too many requests" (or "unavailable" to a read). */
	private lastThrottled = 0;

	private pumping = false;

	/** Requests let through since the gate was made (for tests and benchmarks). */
	released = 0;

	/** A lower limit the platform announced (X-RateLimit-Limit), and until when it holds. */
	private announced?: { requests: number; until: number };

	constructor(private configured: RateLimit) {}

	/** The credential's limit, as configured now (its fields may have been edited). */
	configure(limit: RateLimit): void {
		this.configured = limit;
	}

	/** The limit in force now: the configured one, or a lower one the platform keeps announcing. */
	get limit(): RateLimit {
		const announced = this.announced && this.announced.until > clock.now() ? this.announced.requests : Infinity;
		return { requests: Math.min(this.configured.requests, announced), windowMs: this.configured.windowMs };
	}

	/**
	 * The platform said how many requests it allows per window: never send more than that
	 * while it keeps saying so. A value it stops announcing lapses after two windows without it.
	 */
	announce(requests: number): void {
		if (!(requests > 0)) return;
		this.announced = {
			requests: Math.max(1, Math.floor(requests)),
			until: clock.now() + ANNOUNCED_FOR_WINDOWS * this.configured.windowMs,
		};
	}

	/** Requests waiting for their turn now. */
	get waiting(): number {
		return this.lanes.interactive.length + this.lanes.bulk.length;
	}

	/**
	 * Resolves when the request may leave. `front` puts a request that was throttled back
	 * at the head of its lane, so that order is kept. A cancelled execution's request
	 * leaves the queue with a CancelledError.
	 */
	async acquire(signal?: AbortSignal, front = false, lane: Lane = 'bulk'): Promise<Passage> {
		if (signal?.aborted) throw new CancelledError();
		const queue = this.lanes[lane];
		return await new Promise<Passage>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					const index = queue.indexOf(waiter);
					if (index >= 0) queue.splice(index, 1);
					reject(new CancelledError());
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			if (front) queue.unshift(waiter);
			else queue.push(waiter);
			void this.pump();
		});
	}

	/**
	 * The platform said "too many requests" (or "unavailable" to a read, which is sent again):
	 * every request of this credential waits `ms`. Returns false when the platform has refused
	 * everything for longer than GIVE_UP_AFTER_MS, and the request should fail. A refusal that
	 * comes GIVE_UP_AFTER_MS or more after the last one starts a new count: nobody was waiting
	 * in between (a run that gave up, or no run at all).
	 */
	throttled(ms: number): boolean {
		const now = clock.now();
		if (this.throttledSince && now - this.lastThrottled >= GIVE_UP_AFTER_MS) this.throttledSince = 0;
		if (!this.throttledSince) this.throttledSince = now;
		this.lastThrottled = now;
		if (now - this.throttledSince >= GIVE_UP_AFTER_MS) return false;
		this.pause(ms);
		return true;
	}

	/**
	 * Every request of this credential waits `ms`, without counting towards giving up: the
	 * platform answered (a write's "unavailable", which is never sent again).
	 */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, clock.now() + ms);
	}

	/** The platform answered something other than "too many requests". */
	answered(): void {
		this.throttledSince = 0;
	}

	private next(): Waiter | undefined {
		return this.lanes.interactive.shift() ?? this.lanes.bulk.shift();
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting) {
				const now = clock.now();
				const { requests, windowMs } = this.limit;
				const window = windowMs + safetyMargin(windowMs);
				for (const slot of this.sent) {
					if (slot.at > now - window) break;
					this.sent.delete(slot);
				}
				const oldest = this.sent.values().next().value as Slot | undefined;
				const full = this.sent.size >= requests && oldest !== undefined;
				const wait = Math.max(this.pausedUntil - now, full ? oldest.at + window - now : 0);
				if (wait > 0) {
					await clock.sleep(wait);
					continue;
				}
				const waiter = this.next()!;
				if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
				const slot: Slot = { at: now };
				this.sent.add(slot);
				this.released++;
				waiter.resolve({
					done: () => {
						const at = clock.now();
						if (at <= slot.at || !this.sent.has(slot)) return;
						// Answered now: counts from now, so it moves behind every other request.
						this.sent.delete(slot);
						slot.at = at;
						this.sent.add(slot);
					},
				});
			}
		} finally {
			this.pumping = false;
		}
	}
}

/**
 * A platform's budget for one account (GetCourse: 100 export requests in 2 hours per school),
 * shared by every credential of that account in this n8n process. It starts empty when n8n
 * starts: requests of an earlier process are not known, except those a caller gives back
 * with `remember` (the GetCourse Trigger keeps its own in its static data).
 */
export class BudgetLedger {
	/** When each unit in the window was spent, oldest first. */
	private readonly spent: number[] = [];

	constructor(public budget: Budget) {}

	private prune(now: number): void {
		while (this.spent.length && this.spent[0] <= now - this.budget.windowMs) this.spent.shift();
	}

	/** Takes one unit of the budget, or throws BudgetSpentError saying when it refills. */
	spend(): void {
		BudgetLedger.spendTogether([this]);
	}

	/** Budget units left now. */
	left(): number {
		this.prune(clock.now());
		return this.budget.requests - this.spent.length;
	}

	/** When `units` units will be left (now, when they are). */
	freeAt(units = 1): number {
		const now = clock.now();
		this.prune(now);
		const over = this.spent.length - (this.budget.requests - units);
		if (over <= 0) return now;
		// Never more units than the budget holds: at worst, when the whole window has refilled.
		return this.spent[Math.min(over, this.spent.length) - 1] + this.budget.windowMs;
	}

	/** Units spent after `since` (within the window). */
	spentAfter(since: number): number {
		this.prune(clock.now());
		let count = 0;
		for (let index = this.spent.length - 1; index >= 0 && this.spent[index] > since; index--) count++;
		return count;
	}

	/** When the units in the window were spent, oldest first. */
	times(): number[] {
		this.prune(clock.now());
		return [...this.spent];
	}

	/**
	 * Counts units spent elsewhere (an earlier n8n process) that this ledger may not know: each
	 * moment counts as many times as the more of the two lists holds it, so giving back the
	 * same list again, or one this ledger already counts, adds nothing.
	 */
	remember(times: readonly number[]): void {
		const now = clock.now();
		const known = new Map<number, number>();
		for (const at of this.spent) known.set(at, (known.get(at) ?? 0) + 1);
		for (const at of times) {
			if (!(typeof at === 'number' && at > now - this.budget.windowMs && at <= now)) continue;
			const count = known.get(at) ?? 0;
			if (count > 0) known.set(at, count - 1);
			else this.spent.push(at);
		}
		this.spent.sort((a, b) => a - b);
	}

	/**
	 * Spends one unit of every ledger at the same moment (a budget and a share of it), or none
	 * of them: throws the BudgetSpentError of the first one that has nothing left.
	 */
	static spendTogether(ledgers: readonly BudgetLedger[]): void {
		const now = clock.now();
		for (const ledger of ledgers) {
			ledger.prune(now);
			if (ledger.spent.length >= ledger.budget.requests) {
				throw new BudgetSpentError(ledger.budget, ledger.spent[0] + ledger.budget.windowMs);
			}
		}
		for (const ledger of ledgers) ledger.spent.push(now);
	}
}

const ledgers = new Map<string, BudgetLedger>();

/** The budget of one account (the key names the platform and the account), made on first use. */
export function budgetFor(key: string, budget: Budget): BudgetLedger {
	let ledger = ledgers.get(key);
	if (!ledger) {
		ledger = new BudgetLedger(budget);
		ledgers.set(key, ledger);
	} else {
		ledger.budget = budget;
	}
	return ledger;
}

const gates = new Map<string, RateGate>();

/**
 * The gate of one credential, made on first use. A credential whose limit changed (its
 * rate fields were edited) keeps its queue and gets the new limit.
 */
export function gateFor(key: string, limit: RateLimit): RateGate {
	let gate = gates.get(key);
	if (!gate) {
		gate = new RateGate(limit);
		gates.set(key, gate);
	} else {
		gate.configure(limit);
	}
	return gate;
}

/** Forgets every gate and budget: for tests, which start each case with fresh limits. */
export function resetGates(): void {
	gates.clear();
	ledgers.clear();
}
