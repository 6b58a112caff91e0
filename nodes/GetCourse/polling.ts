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

import type { ExportProgress, ExportRows } from './transport';
import {
	awaitExport,
	baseUrlOf,
	EXPORT_WAIT,
	GETCOURSE_CREDENTIAL,
	rowsToObjects,
	startExport,
} from './transport';
import { clock } from '../shared/gate';
import { pathSegment, positiveInteger } from '../shared/path';

interface TriggerEvent {
	/** The export that lists the event's records. */
	url: string;
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
		dateFilter: 'added_at',
		idColumns: ['id', 'ID'],
		versionColumns: ['Добавлен в группу', 'Added to group'],
	},
};

/** IDs kept in static data at most (those of the current window: today's records, or two days'). */
export const MAX_SEEN = 50_000;

/** The window starts this long before the poll, so that late records of the previous day are not missed. */
export const WINDOW_MARGIN_MS = 3 * 3_600_000;

/** Records a manual test returns at most. */
export const SAMPLE_SIZE = 5;

const DAY_MS = 86_400_000;

interface PollState {
	/** Which event (and group) the state belongs to. */
	watching?: string;
	/** The first day of the next poll's window, YYYY-MM-DD in the school's time zone. */
	cursor?: string;
	/** Keys of the records in the last window, emitted or already there at the start. */
	seen?: string[];
	/** An export a poll started but could not wait for: the next poll fetches it instead of starting another. */
	pending?: PendingExport;
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

/** Kept free at the end of the time n8n gives a poll. */
export const POLL_MARGIN_MS = 5_000;

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

function keyOf(record: IDataObject, event: TriggerEvent, idColumn: string | undefined): string {
	const column = idColumn || event.idColumns.find((name) => name in record);
	const id = column === undefined ? undefined : record[column];
	const base = id === undefined || id === null || id === '' ? JSON.stringify(record) : String(id);
	const version = event.versionColumns?.find((name) => name in record);
	return version === undefined ? base : `${base}|${String(record[version] ?? '')}`;
}

export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const eventName = this.getNodeParameter('event') as string;
	const event = TRIGGER_EVENTS[eventName];
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const timeZone = String(options.timeZone || 'Europe/Moscow');
	try {
		dayIn(timeZone, 0);
	} catch {
		throw new NodeOperationError(this.getNode(), `Unknown time zone "${timeZone}"`, {
			description: 'Set School Time Zone to an IANA name such as Europe/Moscow or Asia/Almaty.',
		});
	}
	let url = event.url;
	let watching = eventName;
	if (url.includes('{groupId}')) {
		const group = pathSegment(this.getNode(), positiveInteger('Group', '1234'), this.getNodeParameter('groupId'), 0);
		url = url.replace('{groupId}', group);
		watching = `${eventName}:${group}`;
	}
	const idColumn = String(options.idColumn ?? '').trim() || undefined;
	const maxChecks = Number(options.maxChecks ?? EXPORT_WAIT.maxChecks);
	const credentials = await this.getCredentials(GETCOURSE_CREDENTIAL);
	const baseURL = baseUrlOf(credentials.account);
	const now = clock.now();
	const budget = pollBudgetMs(this);
	const deadline = budget === undefined ? undefined : now + budget - POLL_MARGIN_MS;
	const progress: ExportProgress = { requests: 0 };

	const start = async (from: string): Promise<string> => {
		const request: IHttpRequestOptions = {
			method: 'GET',
			baseURL,
			url,
			qs: { [event.dateFilter]: { from } },
			headers: { Accept: 'application/json' },
			arrayFormat: 'brackets',
		};
		return await startExport(this, request, progress);
	};
	const wait = async (exportId: string, firstDelay: boolean) =>
		await awaitExport(this, baseURL, exportId, progress, { maxChecks, firstDelay, deadline });

	if (this.getMode() === 'manual') {
		// A small recent sample; the state of the active trigger is left alone.
		const exportId = await start(dayIn(timeZone, now - 3 * DAY_MS));
		const rows = await wait(exportId, true);
		if (!rows) {
			throw new NodeOperationError(this.getNode(), `GetCourse: export ${exportId} is not ready yet`, {
				description: 'GetCourse is still making the export file. Fetch the test event again in a minute.',
			});
		}
		const sample = rowsToObjects(rows.fields, rows.items).slice(-SAMPLE_SIZE);
		return sample.length ? [this.helpers.returnJsonArray(sample)] : null;
	}

	const state = this.getWorkflowStaticData('node') as PollState;
	const firstRun = state.watching !== watching || !state.cursor || !Array.isArray(state.seen);
	const backfill = Math.max(0, Math.floor(Number(options.backfillDays ?? 0)));

	// An export an earlier poll started and could not wait for is fetched, not started again.
	let job: PendingExport | undefined =
		state.pending?.watching === watching && state.pending.polls < MAX_PENDING_POLLS
			? { ...state.pending }
			: undefined;
	let rows: ExportRows | undefined;
	if (job) {
		const failure = await wait(job.exportId, false).then(
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
			this.logger.debug(`GetCourse Trigger: dropped export ${job.exportId}: ${failure.message}`);
			job = undefined;
		}
	}
	if (!job) {
		const from = firstRun
			? dayIn(timeZone, now - WINDOW_MARGIN_MS - backfill * DAY_MS)
			: (state.cursor as string);
		job = { watching, exportId: await start(from), from, startedAt: now, polls: 0 };
		rows = await wait(job.exportId, true);
	}
	if (!rows) {
		// Not ready in the time of this poll: nothing moves, the next poll fetches this export.
		state.pending = { ...job, polls: job.polls + 1 };
		return null;
	}
	this.logger.debug(
		`GetCourse Trigger: export ${job.exportId} since ${job.from}: ${rows.items.length} rows, ${progress.requests} export requests`,
	);

	const seen = new Set(firstRun ? [] : state.seen);
	const windowKeys: string[] = [];
	const fresh: IDataObject[] = [];
	for (const record of rowsToObjects(rows.fields, rows.items)) {
		const key = keyOf(record, event, idColumn);
		windowKeys.push(key);
		if (seen.has(key)) continue;
		seen.add(key);
		// On a first run without backfill, what is already there is the starting point.
		if (!firstRun || backfill > 0) fresh.push(record);
	}

	// Only now, with the records in hand, does the cursor move: a failed check changed nothing.
	// The window ends when the export was started; the next one begins on that day.
	const today = dayIn(timeZone, job.startedAt - WINDOW_MARGIN_MS);
	state.watching = watching;
	state.cursor = !firstRun && state.cursor! > today ? state.cursor : today;
	state.seen = [...new Set(windowKeys)].slice(-MAX_SEEN);
	delete state.pending;
	return fresh.length ? [this.helpers.returnJsonArray(fresh)] : null;
}
