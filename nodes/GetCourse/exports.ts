/**
 * GetCourse's asynchronous export, used by the node's Export operations and by the trigger:
 * start an export (waiting, bounded, while another export of the school runs), wait while
 * GetCourse makes its file, read the columns and rows, and turn the rows into records.
 *
 * Every request is sent through the shared layer with the platform's spec the caller passes
 * in, made stricter for export requests (`exportSpec`): the engine states itself that it
 * handles GetCourse's "another export runs" (905) and "file not made yet" (909) answers,
 * and what a start and a result answer must hold.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/gate';
import { simplifyOn } from '../shared/output';
import type { PathParam } from '../shared/path';
import { pathSegment } from '../shared/path';
import type { PlatformSpec, RequestContext } from '../shared/request';
import { platformRequest } from '../shared/request';
import { errorCode, isFalse } from './answers';

/** How long an export is waited for: the pauses before each status check. */
export const EXPORT_WAIT = {
	/** Pauses before the 1st, 2nd, … status check; the last repeats. */
	checkDelaysMs: [10_000, 15_000, 30_000, 60_000, 120_000],
	/** Status checks at most, unless the node says otherwise. */
	maxChecks: 10,
	/** Pauses before starting again while another export of the school runs (error 905). */
	busyDelaysMs: [30_000, 60_000, 120_000],
};

/** The error codes the engine waits out instead of failing: 905 (another export runs), 909 (file not made yet). */
const WAITED_OUT = new Set([905, 909]);

/** Whether an answer is GetCourse saying "not yet" (905 or 909), which the engine handles itself. */
function notYet(body: IDataObject): boolean {
	if (!(isFalse(body.success) || body.error === true)) return false;
	const code = errorCode(body);
	return code !== undefined && WAITED_OUT.has(code);
}

/**
 * The spec export requests are sent with: the platform's, except that "not yet" answers
 * come back to the engine instead of failing, and an answer that says it worked must hold
 * what `holds` asks (an export ID, or columns and rows). The gate and the export budget are
 * keyed by the credential and the platform's name, so these requests share them with every
 * other request of the school.
 */
function exportSpec(spec: PlatformSpec, holds: (info: IDataObject) => string | undefined): PlatformSpec {
	return {
		...spec,
		failureIn2xx: (body, options) => (notYet(body) ? undefined : spec.failureIn2xx?.(body, options)),
		checkAnswer: (body, options) => {
			if (isFalse(body.success)) return undefined;
			return holds((body.info ?? {}) as IDataObject) ?? spec.checkAnswer?.(body, options);
		},
	};
}

/** A started export's answer: it names the export. */
function startHolds(info: IDataObject): string | undefined {
	return info.export_id === undefined ? 'an answer without an export ID' : undefined;
}

/** A finished export's answer: its columns and rows. */
function resultHolds(info: IDataObject): string | undefined {
	return Array.isArray(info.fields) && Array.isArray(info.items)
		? undefined
		: 'an export result without fields and items';
}

/** How many export requests an export took so far (each counts toward GetCourse's budget). */
export interface ExportProgress {
	requests: number;
}

/**
 * Starts an export (its request as the operation or the trigger built it, sent with GET),
 * waiting (bounded) while another export of the school runs; returns the export's ID.
 */
export async function startExport(
	ctx: RequestContext,
	spec: PlatformSpec,
	options: IHttpRequestOptions,
	progress: ExportProgress,
	itemIndex = 0,
	deadline?: number,
): Promise<string> {
	const starting = exportSpec(spec, startHolds);
	for (let attempt = 0; ; attempt++) {
		const request = { ...options, method: 'GET' as const };
		progress.requests++;
		const body = await platformRequest(ctx, starting, request, itemIndex);
		if (!isFalse(body.success)) {
			return String((body.info as IDataObject).export_id);
		}
		// 905: another export runs; 909 does not happen here.
		const outOfTime =
			deadline !== undefined &&
			attempt < EXPORT_WAIT.busyDelaysMs.length &&
			clock.now() + EXPORT_WAIT.busyDelaysMs[attempt] > deadline;
		if (attempt >= EXPORT_WAIT.busyDelaysMs.length || outOfTime) {
			// What error 905 means, in the words of the platform's spec.
			const busy = spec.describeError(200, { error_code: 905 }, undefined).description;
			const error = new NodeOperationError(ctx.getNode(), `GetCourse: another export is still running (error 905)`, {
				itemIndex,
				description: `${busy} The node asked ${attempt + 1} times over ${Math.round(EXPORT_WAIT.busyDelaysMs.slice(0, attempt).reduce((a, b) => a + b, 0) / 60_000)} minutes.`,
			});
			error.context.exportBusy = true;
			throw error;
		}
		await clock.sleep(EXPORT_WAIT.busyDelaysMs[attempt]);
	}
}

/** An export's file as GetCourse gives it: the column names and the rows. */
export interface ExportRows {
	fields: string[];
	items: unknown[][];
}

export interface WaitLimits {
	/** Status checks at most. */
	maxChecks: number;
	/** Whether to pause before the first check (a just-started export is never ready at once). */
	firstDelay: boolean;
	/** No pause may end after this moment (clock time); the wait gives up instead. */
	deadline?: number;
	/** Asked before each status check (and before the pause for it): false gives up the wait. */
	mayCheck?: () => boolean;
}

/**
 * Waits for an export's file with a bounded back-off while GetCourse answers 909 ("file not
 * created yet") and returns its columns and rows; undefined when the checks or the time
 * ran out first.
 */
export async function awaitExport(
	ctx: RequestContext,
	spec: PlatformSpec,
	baseURL: string | undefined,
	exportId: string,
	progress: ExportProgress,
	limits: WaitLimits,
	itemIndex = 0,
): Promise<ExportRows | undefined> {
	const checking = exportSpec(spec, resultHolds);
	const delays = EXPORT_WAIT.checkDelaysMs;
	for (let check = 0; check < limits.maxChecks; check++) {
		const pause = limits.firstDelay ? check : check - 1;
		if (limits.mayCheck && !limits.mayCheck()) return undefined;
		if (pause >= 0) {
			const ms = delays[Math.min(pause, delays.length - 1)];
			if (limits.deadline !== undefined && clock.now() + ms > limits.deadline) return undefined;
			await clock.sleep(ms);
			if (limits.mayCheck && !limits.mayCheck()) return undefined;
		}
		const request: IHttpRequestOptions = {
			method: 'GET',
			baseURL,
			url: `/pl/api/account/exports/${encodeURIComponent(exportId)}`,
			headers: { Accept: 'application/json' },
		};
		progress.requests++;
		const body = await platformRequest(ctx, checking, request, itemIndex);
		if (!isFalse(body.success)) {
			const info = body.info as IDataObject;
			return { fields: (info.fields as unknown[]).map(String), items: info.items as unknown[][] };
		}
		// 909, or 905 while this export's file is still being made: check again later.
	}
	return undefined;
}

/** Waits for an export's file (bounded back-off on 909) and returns its columns and rows. */
export async function exportResult(
	ctx: RequestContext,
	spec: PlatformSpec,
	baseURL: string | undefined,
	exportId: string,
	progress: ExportProgress,
	maxChecks = EXPORT_WAIT.maxChecks,
	itemIndex = 0,
	firstDelay = true,
): Promise<ExportRows> {
	const rows = await awaitExport(ctx, spec, baseURL, exportId, progress, { maxChecks, firstDelay }, itemIndex);
	if (rows) return rows;
	throw new NodeOperationError(ctx.getNode(), `GetCourse: export ${exportId} is not ready yet`, {
		itemIndex,
		description: `GetCourse was still making the file after ${maxChecks} status checks (each one counts toward the 100 export requests per 2 hours). Fetch it later with Export → Get Result and export ID ${exportId}, or raise "Max Status Checks".`,
	});
}

/** Unique keys for an export's column names (a repeated name gets " (2)", " (3)"). */
export function columnKeys(fields: string[]): string[] {
	const seen = new Map<string, number>();
	return fields.map((field) => {
		const name = field === '' ? 'column' : field;
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		return count === 1 ? name : `${name} (${count})`;
	});
}

/**
 * English keys for the columns of GetCourse's exports (users, orders, payments, group users),
 * which GetCourse names in Russian. Simplify puts them out under these keys.
 */
export const ENGLISH_COLUMNS: Readonly<Record<string, string>> = {
	id: 'id',
	Email: 'email',
	'Тип регистрации': 'registration_type',
	Создан: 'created_at',
	'Последняя активность': 'last_activity_at',
	Имя: 'first_name',
	Фамилия: 'last_name',
	Телефон: 'phone',
	Город: 'city',
	Страна: 'country',
	Telegram: 'telegram',
	'ID группы': 'group_id',
	'Добавлен в группу': 'added_to_group_at',
	'ID заказа': 'order_id',
	Номер: 'number',
	'ID пользователя': 'user_id',
	Пользователь: 'user',
	'Дата создания': 'created_at',
	'Дата оплаты': 'paid_at',
	Title: 'title',
	Статус: 'status',
	Оплачено: 'paid',
	Валюта: 'currency',
	Заказ: 'order',
	Тип: 'type',
	Сумма: 'amount',
	'Код платежа': 'payment_code',
};

/** A column's English key; "Стоимость, RUB" (cost in the school's currency) is `cost`. */
export function englishColumn(field: string): string {
	if (/^Стоимость(,|$)/.test(field)) return 'cost';
	return ENGLISH_COLUMNS[field] ?? field;
}

/**
 * One object per row, keyed by the export's own column names, or with Simplify by their
 * English keys (columns the node does not know, such as a school's additional fields, keep
 * their names). Each row is dropped from `items` as soon as it is converted, so that a large
 * export is not held twice.
 */
export function rowsToObjects(fields: string[], items: unknown[][], english = false): IDataObject[] {
	const keys = columnKeys(english ? fields.map(englishColumn) : fields);
	const records: IDataObject[] = new Array(items.length);
	for (let index = 0; index < items.length; index++) {
		const row = items[index] ?? [];
		const record: IDataObject = {};
		for (let column = 0; column < keys.length; column++) {
			const value = row[column];
			record[keys[column]] = value === undefined ? null : (value as IDataObject[string]);
		}
		records[index] = record;
		(items as unknown[])[index] = null;
	}
	items.length = 0;
	return records;
}

/** The export filters the user set; GetCourse refuses an export with none (error 908). */
function requireFilter(ctx: IExecuteSingleFunctions, options: IHttpRequestOptions): void {
	const given = Object.entries(options.qs ?? {}).some(
		([key, value]) => key !== 'key' && value !== undefined && value !== '' && value !== null,
	);
	if (!given) {
		throw new NodeOperationError(ctx.getNode(), 'Add at least one filter to the export', {
			itemIndex: ctx.getItemIndex(),
			description:
				'GetCourse only makes an export with at least one filter (for example "Created From"). Nothing was sent.',
		});
	}
}

function requestsNote(requests: number): string {
	return `The export took ${requests} request${requests === 1 ? '' : 's'} of GetCourse's 100 export requests per 2 hours.`;
}

/** What the Export operations' Options collection asks for. */
interface NodeExportOptions {
	maxChecks: number;
	raw: boolean;
	details: boolean;
}

/** The operation's Options, read before anything is sent. */
function nodeExportOptions(ctx: IExecuteSingleFunctions): NodeExportOptions {
	const settings = ctx.getNodeParameter('exportOptions', {}) as IDataObject;
	return {
		maxChecks: Number(settings.maxChecks ?? EXPORT_WAIT.maxChecks),
		raw: settings.rawOutput === true,
		details: settings.exportDetails === true,
	};
}

/**
 * The Export operations that start an export (users, orders, payments, group users): with a
 * filter at least, start it; with Mode "Start Only" put out its ID, otherwise wait for the
 * rows and put them out as the operation's options say.
 */
export async function startFromNode(
	ctx: IExecuteSingleFunctions,
	spec: PlatformSpec,
	options: IHttpRequestOptions,
): Promise<IDataObject[]> {
	const settings = nodeExportOptions(ctx);
	const progress: ExportProgress = { requests: 0 };
	requireFilter(ctx, options);
	const exportId = await startExport(ctx, spec, options, progress, ctx.getItemIndex());
	if (ctx.getNodeParameter('mode', 'wait') === 'start') {
		return [{ export_id: exportId, requests: progress.requests }];
	}
	return await rowsForNode(ctx, spec, options.baseURL, exportId, progress, settings, true);
}

/**
 * Export → Get Result: the rows of an export started earlier, whose ID is the operation's
 * Export ID (the path parameter `exportId`, already checked against its shape). A started
 * export is checked at once, without the first pause.
 */
export async function resultFromNode(
	ctx: IExecuteSingleFunctions,
	spec: PlatformSpec,
	options: IHttpRequestOptions,
	exportId: PathParam,
): Promise<IDataObject[]> {
	const settings = nodeExportOptions(ctx);
	const id = decodeURIComponent(
		pathSegment(ctx.getNode(), exportId, ctx.getNodeParameter('exportId', undefined), ctx.getItemIndex()),
	);
	return await rowsForNode(ctx, spec, options.baseURL, id, { requests: 0 }, settings, false);
}

/** Waits for an export's rows and puts them out as the operation's Options and Simplify say. */
async function rowsForNode(
	ctx: IExecuteSingleFunctions,
	spec: PlatformSpec,
	baseURL: string | undefined,
	exportId: string,
	progress: ExportProgress,
	settings: NodeExportOptions,
	firstDelay: boolean,
): Promise<IDataObject[]> {
	const itemIndex = ctx.getItemIndex();
	const result = await exportResult(ctx, spec, baseURL, exportId, progress, settings.maxChecks, itemIndex, firstDelay);
	ctx.logger.debug(`GetCourse export ${exportId}: ${result.items.length} rows. ${requestsNote(progress.requests)}`);
	if (settings.raw) {
		return [
			{ export_id: exportId, requests: progress.requests, fields: result.fields, items: result.items as unknown as IDataObject[] },
		];
	}
	const records = rowsToObjects(result.fields, result.items, simplifyOn(ctx));
	if (settings.details) {
		const details = { export_id: exportId, requests: progress.requests, rows: records.length };
		for (const record of records) record._export = details;
	}
	return records;
}
