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

import { clock } from '../shared/gate';
import { pathSegment } from '../shared/path';
import { addressOf } from '../shared/runner';
import type { ExportProgress, ExportRows } from './exports';
import { awaitExport, EXPORT_WAIT, rowsToObjects, startExport } from './exports';
import { GETCOURSE, GETCOURSE_RUNNER_PLATFORM, PATH_PARAMS } from './transport';

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
 * costs 2 to 4 of the 100 export requests GetCourse allows a school per 2 hours, so 12 checks
 * in 2 hours spend at most about half of them. A poll n8n starts sooner does nothing.
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
		const exportId = await startExport(ctx, GETCOURSE, request(dayIn(timeZone, now - 3 * DAY_MS)), progress, 0, deadline);
		const rows = await awaitExport(ctx, GETCOURSE, baseURL, exportId, progress, { maxChecks, firstDelay: true, deadline });
		if (!rows) {
			throw new NodeOperationError(ctx.getNode(), `GetCourse: export ${exportId} is not ready yet`, {
				description: 'GetCourse is still making the export file. Fetch the test event again in a minute.',
			});
		}
		const sample = rowsToObjects(rows.fields, rows.items).slice(-SAMPLE_SIZE);
		return sample.length ? [ctx.helpers.returnJsonArray(sample)] : null;
	}

	// Waits stay within the poll's interval (and the time n8n 2.x gives a poll); the first poll
	// in this n8n (activation, or the first after a restart) waits for nothing, so that
	// activation returns at once: its export is fetched by the next poll.
	const budget = Math.min(pollBudgetMs(ctx) ?? Infinity, interval);
	const deadline = polledHere.has(state) ? now + budget - POLL_MARGIN_MS : now;
	state.lastPollAt = now;

	const live: PollState = state;
	const backfill = Math.max(0, Math.floor(Number(options.backfillDays ?? 0)));
	const wait = async (exportId: string, firstDelay: boolean) =>
		await awaitExport(ctx, GETCOURSE, baseURL, exportId, progress, { maxChecks, firstDelay, deadline });

	const fresh: IDataObject[] = [];
	// Round 1 fetches a pending export or starts one; when it fetched one an earlier poll
	// started (activation's, or one that was slow) and time is left, round 2 starts the next
	// export at once, so that what was created since then is not one more check late.
	for (let round = 1; round <= 2; round++) {
		const found = await exportRound(round === 1);
		if (!found || found === 'started' || deadline <= clock.now()) break;
	}
	return fresh.length ? [ctx.helpers.returnJsonArray(fresh)] : null;

	/** One export fetched or started and taken in; what it found is added to `fresh`. */
	async function exportRound(takePending: boolean): Promise<'pending' | 'started' | undefined> {
		// An export an earlier poll started and could not wait for is fetched, not started again.
		let job: PendingExport | undefined =
			takePending && live.pending?.watching === watching && live.pending.polls < MAX_PENDING_POLLS
				? { ...live.pending }
				: undefined;
		let rows: ExportRows | undefined;
		const fromPending = job !== undefined;
		if (job) {
			const failure = await awaitExport(ctx, GETCOURSE, baseURL, job.exportId, progress, {
				maxChecks: Math.max(1, maxChecks),
				firstDelay: false,
				// The pending export is always checked once, even by a poll that waits for nothing.
				deadline: Math.max(deadline, now + 1),
			}).then(
				(ready) => {
					rows = ready;
					return undefined;
				},
				(error: unknown) => error as Error,
			);
			// A spent budget fails the poll as it is; the export stays pending.
			if (failure instanceof NodeApiError && failure.httpCode === '429') throw failure;
			if (failure) {
				// GetCourse no longer has it (or refuses it): start a new export below.
				ctx.logger.debug(`GetCourse Trigger: dropped export ${job.exportId}: ${failure.message}`);
				job = undefined;
			}
		}
		if (!job) {
			const first = live.watching !== watching || !live.cursor || !live.seen;
			const from = first ? dayIn(timeZone, now - WINDOW_MARGIN_MS - backfill * DAY_MS) : (live.cursor as string);
			let exportId: string;
			try {
				exportId = await startExport(ctx, GETCOURSE, request(from), progress, 0, deadline);
			} catch (error) {
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
			rows = await wait(job.exportId, true);
		}
		if (!rows) {
			// Not ready in the time of this poll: nothing moves, the next poll fetches this export.
			live.pending = { ...job, polls: job.polls + 1 };
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
