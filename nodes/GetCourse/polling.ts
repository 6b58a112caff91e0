/**
 * What the GetCourse Trigger does on each poll: export the records since the last cursor
 * (GetCourse filters by whole days), leave out those already seen, and move the cursor only
 * once the records are in hand. An export not ready within the poll's time stays pending.
 */
import type {
	IDataObject,
	IHttpRequestOptions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BudgetLedger } from '../shared/gate';
import { BudgetSpentError, clock, describeWindow, utcMinute } from '../shared/gate';
import { pathSegment } from '../shared/path';
import type { PlatformSpec } from '../shared/request';
import { budgetLedgers, budgetSpentError, credentialsOf } from '../shared/request';
import { addressOf } from '../shared/runner';
import type { ExportProgress, ExportRows } from './exports';
import { awaitExport, EXPORT_WAIT, rowsToObjects, startExport } from './exports';
import { GETCOURSE, GETCOURSE_RUNNER_PLATFORM, PATH_PARAMS, triggerSpec } from './transport';

interface TriggerEvent {
	/** The export that lists the event's records. */
	url: string;
	/** Whether the export is of one group: its path takes the trigger's Group (`{groupId}`). */
	ofGroup?: boolean;
	/** The export's date filter the window is set on (whole days). */
	dateFilter: string;
	/** Columns that hold the record's ID, the first one present is used. */
	idColumns: string[];
	/** A column whose change makes a record new again (an order's status, a group join date). */
	versionColumns?: string[];
}

export const TRIGGER_EVENTS: Record<string, TriggerEvent> = {
	newUser: { url: '/pl/api/account/users', dateFilter: 'created_at', idColumns: ['id', 'ID'] },
	newOrder: { url: '/pl/api/account/deals', dateFilter: 'created_at', idColumns: ['ID заказа', 'id', 'ID'] },
	newPayment: { url: '/pl/api/account/payments', dateFilter: 'created_at', idColumns: ['Номер', 'ID', 'id'] },
	orderStatusChanged: {
		url: '/pl/api/account/deals',
		dateFilter: 'status_changed_at',
		idColumns: ['ID заказа', 'id', 'ID'],
		versionColumns: ['Статус', 'Status'],
	},
	userAddedToGroup: {
		url: '/pl/api/account/groups/{groupId}/users',
		ofGroup: true,
		dateFilter: 'added_at',
		idColumns: ['id', 'ID'],
		versionColumns: ['Добавлен в группу', 'Added to group'],
	},
};

/** The window starts this long before the poll, so that late records of the previous day are not missed. */
export const WINDOW_MARGIN_MS = 3 * 3_600_000;

/** Records a manual test returns at most. */
export const SAMPLE_SIZE = 5;

const DAY_MS = 86_400_000;

/**
 * The shortest time between two checks that may spend export requests: 10 minutes. A check
 * costs 1 export request to start its export and 1 per status check while GetCourse makes the
 * file (2 to 4 on a quick school, up to 8 when exports take minutes); whatever it costs, the
 * triggers' share (TRIGGER_SHARE, paced by PACE_INTERVALS) holds them to half of the budget.
 * A poll n8n starts sooner does nothing.
 */
export const MIN_POLL_INTERVAL_MS = 10 * 60_000;

/**
 * The trigger's hidden parameter that sets a shorter minimum, in seconds (at least 10), for the
 * package's own tests in a real n8n. The editor never shows it; 0 (the default) keeps the
 * 10-minute minimum.
 */
export const TEST_MIN_INTERVAL_PARAMETER = 'testMinimumIntervalSeconds';

export function minPollIntervalMs(ctx: IPollFunctions): number {
	const seconds = Number(ctx.getNodeParameter(TEST_MIN_INTERVAL_PARAMETER, 0));
	return Number.isFinite(seconds) && seconds >= 10 ? seconds * 1000 : MIN_POLL_INTERVAL_MS;
}

/**
 * The trigger's hidden parameter that makes the triggers' share of the school's export budget
 * smaller (export requests per 2 hours, 1 to 49), for the package's own tests in a real n8n
 * only. The editor never shows it; 0 (the default) keeps half of the budget, 50.
 */
export const TEST_TRIGGER_SHARE_PARAMETER = 'testTriggerShare';

/** What a check must have left before it starts an export: the start and at least one status check. */
export const START_COST = 2;

/**
 * The triggers spread their share over its 2 hours: in any PACE_INTERVALS minimum intervals
 * (30 minutes) they send at most that part of the share (13 of 50), so that on a school whose
 * exports are slow a few long checks do not use the whole share in the first hour and leave
 * the trigger waiting for the second.
 */
export const PACE_INTERVALS = 3;

/** The most export requests the triggers of a school send in any `windowMs` (see PACE_INTERVALS). */
export function paceOf(share: { requests: number; windowMs: number }, intervalMs: number): { requests: number; windowMs: number } {
	const windowMs = Math.min(PACE_INTERVALS * intervalMs, share.windowMs);
	return { windowMs, requests: Math.max(2 * START_COST, Math.ceil((share.requests * windowMs) / share.windowMs)) };
}

/**
 * When a check asks whether its export is ready, as the panel says it: "after 10, 25 and 55
 * seconds, 2 and 4 minutes, then every 2 minutes" (EXPORT_WAIT's pauses, added up).
 */
export function statusCheckTimes(): string {
	const delays = EXPORT_WAIT.checkDelaysMs;
	let at = 0;
	const seconds: number[] = [];
	const minutes: number[] = [];
	for (const ms of delays) {
		at += ms;
		if (at < 60_000) seconds.push(at / 1000);
		else minutes.push(Math.round(at / 60_000));
	}
	const list = (values: number[]) =>
		values.length > 1 ? `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}` : String(values[0]);
	const parts = [seconds.length ? `${list(seconds)} seconds` : '', minutes.length ? `${list(minutes)} minutes` : ''];
	const every = delays[delays.length - 1] / 60_000;
	return `after ${parts.filter(Boolean).join(', ')}, then every ${every === 1 ? 'minute' : `${every} minutes`}`;
}

/** How much sooner than the minimum a poll may come and still count as on time. */
const GUARD_SLACK_MS = 5_000;

/** A poll still marked as running after this long is taken as dead (its lock is stale). */
const LOCK_STALE_MS = 60 * 60_000;

interface PollState {
	/** Which event (and group) the state belongs to. */
	watching?: string;
	/** The first day of the next poll's window, YYYY-MM-DD in the school's time zone. */
	cursor?: string;
	/**
	 * Keys of the records already seen or emitted, each with the last day (in the school's time
	 * zone) an export showed it. A key is forgotten once that day is before the window's first
	 * day: its record can no longer be in an export.
	 */
	seen?: Record<string, string>;
	/** An export a poll started but could not wait for: the next poll fetches it instead of starting another. */
	pending?: PendingExport;
	/** When the last poll that could spend export requests began (clock time). */
	lastPollAt?: number;
	/**
	 * The triggers' share of the school's export budget as this n8n counted it at the end of the
	 * last poll: whose school, and when each request of the last 2 hours was sent. n8n keeps it
	 * with the static data, so that after a restart the share is not full again.
	 */
	share?: { school: string; spent: number[] };
}

interface PendingExport {
	watching: string;
	exportId: string;
	/** The first day the export asked for. */
	from: string;
	/** When it was started (clock time): the window's end. */
	startedAt: number;
	/** Polls that found it not ready yet. */
	polls: number;
}

/** Polls that wait for one pending export before it is given up and a new one started. */
export const MAX_PENDING_POLLS = 5;

/** Kept free at the end of the time a poll may wait. */
export const POLL_MARGIN_MS = 5_000;

/** The polls running now, by the trigger's static data (one object per active workflow in this n8n). */
const running = new WeakMap<object, number>();

/** The triggers that have polled in this n8n process since it started (the first poll waits for nothing). */
const polledHere = new WeakSet<object>();

/** The triggers that said in the log that their share was short, until a poll that was not (said once). */
const toldShort = new WeakSet<object>();

/**
 * A poll's view of the export budget: the school's budget and the triggers' share of it, the
 * ledgers the request layer spends from with the trigger's spec (`budgetLedgers`).
 */
class Allowance {
	/** Whether this poll found the budget short at some point. */
	wasShort = false;

	constructor(
		private readonly ctx: IPollFunctions,
		/** The school's budget, then the triggers' share. */
		private readonly ledgers: BudgetLedger[],
		private readonly pace: { requests: number; windowMs: number },
	) {}

	/** Export requests the pace lets the triggers send now. */
	private paced(): number {
		return this.pace.requests - this.ledgers[1].spentAfter(clock.now() - this.pace.windowMs);
	}

	/** Export requests that may be sent now. */
	left(): number {
		return Math.min(this.paced(), ...this.ledgers.map((ledger) => ledger.left()));
	}

	/** Whether `units` export requests may be sent now; if not, says why in the log (once). */
	has(units: number, state: object): boolean {
		if (this.left() >= units) return true;
		this.short(units, state);
		return false;
	}

	/** The budget or the share has no room for `units` requests: says why in the log, once. */
	short(units: number, state: object): void {
		this.wasShort = true;
		if (toldShort.has(state)) return;
		toldShort.add(state);
		const [school, share] = this.ledgers;
		const budget = `${share.budget.requests} of GetCourse's ${school.budget.requests} export requests per 2 hours`;
		let whose: string;
		let when: number;
		if (school.left() < units) {
			whose = `the school's ${school.budget.requests} export requests per 2 hours are used up by its other GetCourse nodes`;
			when = school.freeAt(units);
		} else if (share.left() < units) {
			whose = `the GetCourse Triggers of the school have used their share of its export budget (${budget}; the other half stays for the school's own GetCourse nodes)`;
			when = share.freeAt(units);
		} else {
			whose = `the GetCourse Triggers of the school spread their share of its export budget (${budget}) over the 2 hours: at most ${this.pace.requests} export requests in ${describeWindow(this.pace.windowMs)}, and those are used`;
			const times = share.times();
			const over = this.pace.requests - units;
			when = (times[times.length - 1 - over] ?? clock.now()) + this.pace.windowMs;
		}
		this.ctx.logger.info(
			`GetCourse Trigger "${this.ctx.getNode().name}": ${whose}. Checks wait until about ${utcMinute(when)} and then go on from where they stopped; nothing is lost.`,
		);
	}

	/** The poll ended: a trigger that was not short says so again the next time it is. */
	done(state: object): void {
		if (!this.wasShort) toldShort.delete(state);
	}
}

/** Whether an error is the request layer saying the budget (or the share) had no room: nothing was sent. */
function budgetSpent(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.budgetSpent === true;
}

/** The time n8n gives one poll, where it says (n8n 2.x: `getPollBudgetMs`). */
function pollBudgetMs(ctx: IPollFunctions): number | undefined {
	const withBudget = ctx as { getPollBudgetMs?: () => number };
	if (typeof withBudget.getPollBudgetMs !== 'function') return undefined;
	const ms = Number(withBudget.getPollBudgetMs());
	return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** The calendar day of a moment in a time zone, YYYY-MM-DD. */
export function dayIn(timeZone: string, ms: number): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).formatToParts(new Date(ms));
	const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The column that holds a record's ID in this export; an error naming the columns found when there is none. */
function idColumnOf(ctx: IPollFunctions, fields: string[], event: TriggerEvent, idColumn: string | undefined): string {
	const column = idColumn ? (fields.includes(idColumn) ? idColumn : undefined) : event.idColumns.find((name) => fields.includes(name));
	if (column !== undefined) return column;
	const found = fields.length ? fields.map((name) => `"${name}"`).join(', ') : 'none';
	throw new NodeOperationError(
		ctx.getNode(),
		idColumn ? `The export has no column "${idColumn}"` : 'The export has no ID column the trigger knows',
		{
			description: `Columns found: ${found}. Set Options → ID Column to the column that holds the record's ID, exactly as written there.`,
		},
	);
}

function keyOf(record: IDataObject, column: string, event: TriggerEvent): string | undefined {
	const id = record[column];
	if (id === undefined || id === null || String(id).trim() === '') return undefined;
	const version = event.versionColumns?.find((name) => name in record);
	return version === undefined ? String(id) : `${String(id)}|${String(record[version] ?? '')}`;
}

/** The state's "seen" as a map; an older list of keys counts as seen on the cursor's day. */
function seenOf(state: PollState): Record<string, string> {
	const seen = state.seen as unknown;
	if (Array.isArray(seen)) return Object.fromEntries(seen.map((key) => [String(key), state.cursor ?? '']));
	return seen && typeof seen === 'object' ? { ...(seen as Record<string, string>) } : {};
}

export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') return await poll(this);
	const state = this.getWorkflowStaticData('node') as PollState;
	const now = clock.now();
	const since = running.get(state);
	if (since !== undefined && now - since < LOCK_STALE_MS) {
		// n8n starts polls on schedule without waiting for the last one: one at a time per trigger.
		this.logger.debug('GetCourse Trigger: the previous check still runs; this one does nothing');
		return null;
	}
	const interval = minPollIntervalMs(this);
	// n8n's schedule fires a little early or late: a poll due at the minimum is not skipped for a few seconds.
	if (typeof state.lastPollAt === 'number' && now >= state.lastPollAt && now - state.lastPollAt < interval - GUARD_SLACK_MS) {
		// The export budget's guard: no export request sooner than the minimum after the last check.
		return null;
	}
	running.set(state, now);
	this.logger.debug(`GetCourse Trigger "${this.getNode().name}": checking for new records`);
	try {
		return await poll(this, state, interval);
	} finally {
		running.delete(state);
		polledHere.add(state);
	}
}

async function poll(
	ctx: IPollFunctions,
	state?: PollState,
	interval = MIN_POLL_INTERVAL_MS,
): Promise<INodeExecutionData[][] | null> {
	const eventName = ctx.getNodeParameter('event') as string;
	const event = TRIGGER_EVENTS[eventName];
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const timeZone = String(options.timeZone || 'Europe/Moscow');
	try {
		dayIn(timeZone, 0);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Unknown time zone "${timeZone}"`, {
			description: 'Set School Time Zone to an IANA name such as Europe/Moscow or Asia/Almaty.',
		});
	}
	let url = event.url;
	let watching = eventName;
	if (event.ofGroup) {
		const group = pathSegment(ctx.getNode(), PATH_PARAMS.groupId, ctx.getNodeParameter('groupId'), 0);
		url = url.replace('{groupId}', group);
		watching = `${eventName}:${group}`;
	}
	const idColumn = String(options.idColumn ?? '').trim() || undefined;
	const maxChecks = Number(options.maxChecks ?? EXPORT_WAIT.maxChecks);
	const baseURL = await addressOf(ctx, GETCOURSE_RUNNER_PLATFORM);
	// Every export request of the trigger is counted in the triggers' share as well as in the school's budget.
	const spec: PlatformSpec = triggerSpec(Number(ctx.getNodeParameter(TEST_TRIGGER_SHARE_PARAMETER, 0)) || undefined);
	const credentials = await credentialsOf(ctx, spec);
	const ledgers = budgetLedgers(spec, credentials);
	const now = clock.now();
	const progress: ExportProgress = { requests: 0 };
	const request = (from: string): IHttpRequestOptions => ({
		method: 'GET',
		baseURL,
		url,
		qs: { [event.dateFilter]: { from } },
		headers: { Accept: 'application/json' },
		arrayFormat: 'brackets',
	});

	if (!state) {
		// Manual test: a small recent sample; the state of the active trigger is left alone.
		const budget = pollBudgetMs(ctx);
		const deadline = budget === undefined ? undefined : now + budget - POLL_MARGIN_MS;
		// Fetch Test Event spends from the triggers' share too; it starts no export it could not check.
		for (const ledger of ledgers) {
			if (ledger.left() < START_COST) {
				throw budgetSpentError(ctx.getNode(), spec, new BudgetSpentError(ledger.budget, ledger.freeAt(START_COST)), 0);
			}
		}
		const exportId = await startExport(ctx, spec, request(dayIn(timeZone, now - 3 * DAY_MS)), progress, 0, deadline);
		const rows = await awaitExport(ctx, spec, baseURL, exportId, progress, { maxChecks, firstDelay: true, deadline });
		if (!rows) {
			throw new NodeOperationError(ctx.getNode(), `GetCourse: export ${exportId} is not ready yet`, {
				description: 'GetCourse is still making the export file. Fetch the test event again in a minute.',
			});
		}
		const sample = rowsToObjects(rows.fields, rows.items).slice(-SAMPLE_SIZE);
		return sample.length ? [ctx.helpers.returnJsonArray(sample)] : null;
	}

	const live: PollState = state;
	// What an earlier n8n process spent of the triggers' share (kept in the static data) still counts.
	const school = GETCOURSE.budget!.account(credentials);
	if (live.share?.school === school && Array.isArray(live.share.spent)) {
		for (const ledger of ledgers) ledger.remember(live.share.spent);
	}
	const allowance = new Allowance(ctx, ledgers, paceOf(ledgers[1].budget, interval));
	const usable = (pending: PendingExport | undefined): pending is PendingExport =>
		pending?.watching === watching && pending.polls < MAX_PENDING_POLLS;
	// A check that cannot afford its first request sends nothing and is not counted as one:
	// the next poll with share left goes on from the same place.
	if (!allowance.has(usable(live.pending) ? 1 : START_COST, live)) return null;

	// Waits stay within the poll's interval (and the time n8n 2.x gives a poll); the first poll
	// in this n8n (activation, or the first after a restart) waits for nothing, so that
	// activation returns at once: its export is fetched by the next poll.
	const budget = Math.min(pollBudgetMs(ctx) ?? Infinity, interval);
	const deadline = polledHere.has(state) ? now + budget - POLL_MARGIN_MS : now;
	state.lastPollAt = now;

	const backfill = Math.max(0, Math.floor(Number(options.backfillDays ?? 0)));
	/** Each status check is sent only while the budget and the share have room for it. */
	const mayCheck = () => allowance.has(1, live);
	const wait = async (exportId: string, firstDelay: boolean) =>
		await awaitExport(ctx, spec, baseURL, exportId, progress, { maxChecks, firstDelay, deadline, mayCheck });

	const fresh: IDataObject[] = [];
	try {
		// Round 1 fetches a pending export or starts one; when it fetched one an earlier poll
		// started (activation's, or one that was slow) and time is left, round 2 starts the next
		// export at once, so that what was created since then is not one more check late.
		for (let round = 1; round <= 2; round++) {
			const found = await exportRound(round === 1);
			if (!found || found === 'started' || deadline <= clock.now()) break;
		}
	} finally {
		live.share = { school, spent: ledgers[ledgers.length - 1].times() };
		allowance.done(live);
	}
	return fresh.length ? [ctx.helpers.returnJsonArray(fresh)] : null;

	/** One export fetched or started and taken in; what it found is added to `fresh`. */
	async function exportRound(takePending: boolean): Promise<'pending' | 'started' | undefined> {
		// An export an earlier poll started and could not wait for is fetched, not started again.
		let job: PendingExport | undefined = takePending && usable(live.pending) ? { ...live.pending } : undefined;
		let rows: ExportRows | undefined;
		const fromPending = job !== undefined;
		/** Status checks sent for this round's export (a poll that could send none does not count for it). */
		let checked = progress.requests;
		if (job) {
			const failure = await awaitExport(ctx, spec, baseURL, job.exportId, progress, {
				maxChecks: Math.max(1, maxChecks),
				firstDelay: false,
				// The pending export is always checked once, even by a poll that waits for nothing.
				deadline: Math.max(deadline, now + 1),
				mayCheck,
			}).then(
				(ready) => {
					rows = ready;
					return undefined;
				},
				(error: unknown) => error as Error,
			);
			// No room in the budget (or the share) after all: the export stays pending as it is.
			if (budgetSpent(failure)) {
				allowance.short(1, live);
				return undefined;
			}
			// GetCourse's own "too many requests" fails the poll as it is; the export stays pending.
			if (failure instanceof NodeApiError && failure.httpCode === '429') throw failure;
			if (failure) {
				// GetCourse no longer has it (or refuses it): start a new export below.
				ctx.logger.debug(`GetCourse Trigger: dropped export ${job.exportId}: ${failure.message}`);
				job = undefined;
			}
		}
		if (!job) {
			// An export is started only with room for the start and a status check.
			if (!allowance.has(START_COST, live)) return undefined;
			const first = live.watching !== watching || !live.cursor || !live.seen;
			const from = first ? dayIn(timeZone, now - WINDOW_MARGIN_MS - backfill * DAY_MS) : (live.cursor as string);
			let exportId: string;
			try {
				exportId = await startExport(ctx, spec, request(from), progress, 0, deadline);
			} catch (error) {
				if (budgetSpent(error)) {
					allowance.short(1, live);
					return undefined;
				}
				if (error instanceof NodeOperationError && error.context.exportBusy === true) {
					// Another export of the school runs: the next check starts this one.
					ctx.logger.info(`GetCourse Trigger "${ctx.getNode().name}": ${error.message}; the next check tries again`);
					return undefined;
				}
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), error as Error);
			}
			job = { watching, exportId, from, startedAt: clock.now(), polls: 0 };
			checked = progress.requests;
			try {
				rows = await wait(job.exportId, true);
			} catch (error) {
				if (!budgetSpent(error)) {
					throw error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(ctx.getNode(), error as Error);
				}
				allowance.short(1, live);
			}
		}
		if (!rows) {
			// Not ready in the time of this poll (or no room to check it): nothing moves, the next
			// poll fetches this export. A poll the budget kept from checking it does not count
			// toward giving it up.
			const kept = allowance.wasShort && progress.requests === checked;
			live.pending = { ...job, polls: job.polls + (kept ? 0 : 1) };
			return undefined;
		}
		ctx.logger.debug(
			`GetCourse Trigger: export ${job.exportId} since ${job.from}: ${rows.items.length} rows, ${progress.requests} export requests`,
		);

		const column = idColumnOf(ctx, rows.fields, event, idColumn);
		const exportDay = dayIn(timeZone, job.startedAt);
		// Read "seen" now, not before the waits: what another poll added meanwhile is kept (merged, never replaced).
		const stillFirst = live.watching !== watching || !live.cursor || !live.seen;
		const seen = stillFirst ? {} : seenOf(live);
		let missing = 0;
		for (const record of rowsToObjects(rows.fields, rows.items)) {
			const key = keyOf(record, column, event);
			if (key === undefined) {
				missing++;
				continue;
			}
			const known = key in seen;
			if (!known || seen[key] < exportDay) seen[key] = exportDay;
			if (known) continue;
			// On a first run without backfill, what is already there is the starting point.
			if (!stillFirst || backfill > 0) fresh.push(record);
		}
		if (missing) {
			ctx.logger.warn(`GetCourse Trigger "${ctx.getNode().name}": ${missing} rows of export ${job.exportId} have no value in column "${column}" and were left out`);
		}

		// Only now, with the records in hand, does the cursor move: a failed check changed nothing.
		// The window ends when the export was started; the next one begins on that day.
		const today = dayIn(timeZone, job.startedAt - WINDOW_MARGIN_MS);
		const cursor = !stillFirst && live.cursor! > today ? live.cursor! : today;
		for (const [key, day] of Object.entries(seen)) {
			// Its record was last in an export on a day before the window: it cannot come back.
			if (day < cursor) delete seen[key];
		}
		live.watching = watching;
		live.cursor = cursor;
		live.seen = seen;
		if (live.pending?.exportId === job.exportId || live.pending?.watching !== watching) delete live.pending;
		return fromPending ? 'pending' : 'started';
	}
}
