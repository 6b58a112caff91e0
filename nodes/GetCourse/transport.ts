/**
 * What is GetCourse's own: its answers (errors under HTTP 200, export error codes), its
 * export budget, the base64 `params` of the import API, and the asynchronous export (start,
 * wait while the file is being made, read the rows). Everything else is the shared layer's.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { omit } from '../shared/fields';
import { simplifyOn } from '../shared/output';
import { clock } from '../shared/gate';
import type { PathParam } from '../shared/path';
import { fillPath, positiveInteger } from '../shared/path';
import type { ErrorText, PlatformSpec, RequestContext } from '../shared/request';
import { itemResult, platformRequest } from '../shared/request';
import { baseUrlOf } from './address';

export { baseUrlOf };

export const GETCOURSE_CREDENTIAL = 'getCourseApi';

/** The export error codes GetCourse answers with (under HTTP 200), and what the user can do. */
export const EXPORT_ERRORS: Record<number, string> = {
	901: 'GetCourse did not accept the secret key. Copy the key again from the API page of the school (/saas/account/api) into the GetCourse credential.',
	903: 'GetCourse says this school sent too many export requests. Wait before running exports again, and poll less often.',
	904: 'GetCourse received no secret key. Fill in the Secret Key of the GetCourse credential.',
	905: 'Another export of this school is still being prepared (GetCourse makes one export at a time). Wait until it finishes, or run the workflows that export at different times.',
	908: 'GetCourse needs at least one filter for an export. Add a filter, for example "Created From".',
	909: 'The export file is not ready yet. Fetch the result again a little later.',
	913: 'GetCourse does not accept this status. Choose a status from the list.',
	914: 'GetCourse does not accept this status. Choose a status from the list.',
	917: "The API is not available on this school's GetCourse plan: import and export through the API need a paid plan.",
	918: 'GetCourse does not accept this status. Choose a status from the list.',
};

/** Export requests whose answers 905 and 909 the export runner handles itself. */
const waitingAllowed = new WeakSet<IHttpRequestOptions>();

const EXPORT_PATH = /^\/pl\/api\/account\/(users|deals|payments|groups\/[^/]+\/users)$/;
const RESULT_PATH = /^\/pl\/api\/account\/exports\/[^/]+$/;

function isTrue(value: unknown): boolean {
	return value === true || value === 'true' || value === 1 || value === '1';
}

function isFalse(value: unknown): boolean {
	return value === false || value === 'false' || value === 0 || value === '0';
}

function errorCode(body: IDataObject): number | undefined {
	const code = Number(body.error_code ?? (body.info as IDataObject | undefined)?.error_code);
	return Number.isFinite(code) && code > 0 ? code : undefined;
}

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** GetCourse's failure in a 2xx answer: `success: false`, or `result.error: true`. */
function failureIn2xx(body: IDataObject, options: IHttpRequestOptions): ErrorText | undefined {
	const result = (body.result && typeof body.result === 'object' ? body.result : {}) as IDataObject;
	if (isFalse(body.success) || body.error === true) {
		const code = errorCode(body);
		if (code !== undefined && (code === 905 || code === 909) && waitingAllowed.has(options)) {
			return undefined;
		}
		const said = textOf(body.error_message) ?? textOf(body.message) ?? textOf(result.error_message);
		const known = code === undefined ? undefined : EXPORT_ERRORS[code];
		return {
			message: `${said ?? known ?? 'the request failed'}${code === undefined ? '' : ` (error ${code})`}`,
			description: known ?? 'Check the values of the fields you filled in.',
		};
	}
	if (isTrue(result.error) || isFalse(result.success)) {
		return {
			message: textOf(result.error_message) ?? 'the import failed',
			description: 'Check the values of the fields you filled in.',
		};
	}
	return undefined;
}

function describeError(status: number, body: IDataObject): ErrorText {
	const code = errorCode(body);
	return {
		message:
			textOf(body.error_message) ?? textOf(body.message) ?? textOf(body.error) ?? `HTTP ${status}`,
		description: code === undefined ? undefined : EXPORT_ERRORS[code],
	};
}

/** An answer that is not what GetCourse documents for this request. */
function checkAnswer(body: IDataObject, options: IHttpRequestOptions): string | undefined {
	if (isFalse(body.success)) return undefined;
	const info = (body.info ?? {}) as IDataObject;
	if (EXPORT_PATH.test(options.url) && info.export_id === undefined) {
		return 'an answer without an export ID';
	}
	if (RESULT_PATH.test(options.url) && !(Array.isArray(info.fields) && Array.isArray(info.items))) {
		return 'an export result without fields and items';
	}
	return undefined;
}

/** Everything under /pl/api/account that is read with GET belongs to the export API and spends its budget. */
export function spendsExportBudget(options: IHttpRequestOptions): boolean {
	return (
		String(options.method ?? 'GET').toUpperCase() === 'GET' &&
		options.url.startsWith('/pl/api/account/')
	);
}

export const GETCOURSE: PlatformSpec = {
	name: 'GetCourse',
	credentialType: GETCOURSE_CREDENTIAL,
	// GetCourse documents no per-second rate; this keeps bursts of items polite.
	rate: { requests: 5, windowMs: 1000 },
	budget: {
		requests: 100,
		windowMs: 2 * 3_600_000,
		label: 'export requests',
		spends: spendsExportBudget,
		// GetCourse counts per school: two credentials of one school share one budget.
		account: (credentials) => baseUrlOf(credentials.account).toLowerCase().replace(/^http:/, 'https:'),
	},
	describeError,
	hints: {
		200: '',
		400: 'GetCourse rejected the request. Check the values of the fields you filled in.',
		401: 'Check the secret key in the GetCourse credential.',
		403: "Check the secret key in the GetCourse credential and that the API is enabled on the school's plan.",
		404: 'Check the Account in the GetCourse credential: GetCourse has no such address.',
		500: 'GetCourse had an internal problem. Try again later.',
		502: 'GetCourse is unreachable for the moment. Try again later.',
	},
	failureIn2xx,
	checkAnswer,
	baseUrlField: 'Account',
};

export const PATH_PARAMS: Record<string, PathParam> = {
	groupId: positiveInteger('Group', '1234'),
	exportId: positiveInteger('Export ID', '5278921'),
};

/** How long an export is waited for: the pauses before each status check. */
export const EXPORT_WAIT = {
	/** Pauses before the 1st, 2nd, … status check; the last repeats. */
	checkDelaysMs: [10_000, 15_000, 30_000, 60_000, 120_000],
	/** Status checks at most, unless the node says otherwise. */
	maxChecks: 10,
	/** Pauses before starting again while another export of the school runs (error 905). */
	busyDelaysMs: [30_000, 60_000, 120_000],
};

export interface ExportProgress {
	requests: number;
}

/** Starts an export, waiting (bounded) while another export of the school runs. */
export async function startExport(
	ctx: RequestContext,
	options: IHttpRequestOptions,
	progress: ExportProgress,
	itemIndex = 0,
	deadline?: number,
): Promise<string> {
	for (let attempt = 0; ; attempt++) {
		const request = { ...options, method: 'GET' as const };
		waitingAllowed.add(request);
		progress.requests++;
		const body = await platformRequest(ctx, GETCOURSE, request, itemIndex);
		if (!isFalse(body.success)) {
			return String((body.info as IDataObject).export_id);
		}
		// 905: another export runs; 909 does not happen here.
		const outOfTime =
			deadline !== undefined &&
			attempt < EXPORT_WAIT.busyDelaysMs.length &&
			clock.now() + EXPORT_WAIT.busyDelaysMs[attempt] > deadline;
		if (attempt >= EXPORT_WAIT.busyDelaysMs.length || outOfTime) {
			const error = new NodeOperationError(ctx.getNode(), 'GetCourse: another export is still running (error 905)', {
				itemIndex,
				description: `${EXPORT_ERRORS[905]} The node asked ${attempt + 1} times over ${Math.round(EXPORT_WAIT.busyDelaysMs.slice(0, attempt).reduce((a, b) => a + b, 0) / 60_000)} minutes.`,
			});
			error.context.exportBusy = true;
			throw error;
		}
		await clock.sleep(EXPORT_WAIT.busyDelaysMs[attempt]);
	}
}

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
}

/**
 * Waits for an export's file with a bounded back-off while GetCourse answers 909 ("file not
 * created yet") and returns its columns and rows; undefined when the checks or the time
 * ran out first.
 */
export async function awaitExport(
	ctx: RequestContext,
	baseURL: string | undefined,
	exportId: string,
	progress: ExportProgress,
	limits: WaitLimits,
	itemIndex = 0,
): Promise<ExportRows | undefined> {
	const delays = EXPORT_WAIT.checkDelaysMs;
	for (let check = 0; check < limits.maxChecks; check++) {
		const pause = limits.firstDelay ? check : check - 1;
		if (pause >= 0) {
			const ms = delays[Math.min(pause, delays.length - 1)];
			if (limits.deadline !== undefined && clock.now() + ms > limits.deadline) return undefined;
			await clock.sleep(ms);
		}
		const request: IHttpRequestOptions = {
			method: 'GET',
			baseURL,
			url: `/pl/api/account/exports/${encodeURIComponent(exportId)}`,
			headers: { Accept: 'application/json' },
		};
		waitingAllowed.add(request);
		progress.requests++;
		const body = await platformRequest(ctx, GETCOURSE, request, itemIndex);
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
	baseURL: string | undefined,
	exportId: string,
	progress: ExportProgress,
	maxChecks = EXPORT_WAIT.maxChecks,
	itemIndex = 0,
	firstDelay = true,
): Promise<ExportRows> {
	const rows = await awaitExport(ctx, baseURL, exportId, progress, { maxChecks, firstDelay }, itemIndex);
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

/** The import API's body: the form fields `action` and `params` (base64 of the JSON document). */
export function importForm(body: IDataObject): IDataObject {
	const { action, ...params } = body;
	const form: IDataObject = { action: String(action ?? 'add') };
	if (Object.keys(params).length) {
		form.params = Buffer.from(JSON.stringify(params), 'utf8').toString('base64');
	}
	return form;
}

function dateTimeText(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?/.exec(text);
	if (!match) return text === '' ? undefined : text;
	return match[2] ? `${match[1]} ${match[2]}` : match[1];
}

interface GroupEntry {
	name?: string;
	joinedAt?: string;
}

/** `user.group_name`: a name, or [name, "YYYY-MM-DD HH:MM"] when a join date is given. */
export async function setGroups(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const groups = this.getNodeParameter('groups', {}) as { group?: GroupEntry[] };
	const entries = (groups.group ?? []).filter((entry) => String(entry.name ?? '').trim() !== '');
	if (!entries.length) return options;
	const body = { ...((options.body as IDataObject) ?? {}) };
	const user = { ...((body.user as IDataObject) ?? {}) };
	user.group_name = entries.map((entry) => {
		const name = String(entry.name).trim();
		const joined = dateTimeText(entry.joinedAt);
		return joined ? [name, joined] : name;
	});
	body.user = user;
	return { ...options, body };
}

/** `addfields` of the user or the order, from name/value pairs. */
function setAddFields(parameter: string, target: 'user' | 'deal') {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const value = this.getNodeParameter(parameter, {}) as {
			field?: Array<{ name?: string; value?: unknown }>;
		};
		const pairs = (value.field ?? []).filter((pair) => String(pair.name ?? '').trim() !== '');
		if (!pairs.length) return options;
		const body = { ...((options.body as IDataObject) ?? {}) };
		const holder = { ...((body[target] as IDataObject) ?? {}) };
		holder.addfields = Object.fromEntries(
			pairs.map((pair) => [String(pair.name).trim(), pair.value ?? '']),
		) as IDataObject;
		body[target] = holder;
		return { ...options, body };
	};
}

export const setUserAddFields = setAddFields('userFields', 'user');
export const setDealAddFields = setAddFields('orderFields', 'deal');

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

/** Start, wait, read: the Export operations of the node. */
async function exportFromNode(
	ctx: IExecutePaginationFunctions,
	options: IHttpRequestOptions,
): Promise<IDataObject[]> {
	const itemIndex = ctx.getItemIndex();
	const settings = ctx.getNodeParameter('exportOptions', {}) as IDataObject;
	const maxChecks = Number(settings.maxChecks ?? EXPORT_WAIT.maxChecks);
	const raw = settings.rawOutput === true;
	const progress: ExportProgress = { requests: 0 };
	let exportId: string;
	let firstDelay = true;
	if (RESULT_PATH.test(options.url)) {
		exportId = decodeURIComponent(options.url.split('/').pop() ?? '');
		firstDelay = false;
	} else {
		requireFilter(ctx, options);
		exportId = await startExport(ctx, options, progress, itemIndex);
		if (ctx.getNodeParameter('mode', 'wait') === 'start') {
			return [{ export_id: exportId, requests: progress.requests }];
		}
	}
	const result = await exportResult(
		ctx,
		options.baseURL,
		exportId,
		progress,
		maxChecks,
		itemIndex,
		firstDelay,
	);
	ctx.logger.debug(`GetCourse export ${exportId}: ${result.items.length} rows. ${requestsNote(progress.requests)}`);
	if (raw) {
		return [
			{ export_id: exportId, requests: progress.requests, fields: result.fields, items: result.items as unknown as IDataObject[] },
		];
	}
	const records = rowsToObjects(result.fields, result.items, simplifyOn(ctx));
	if (settings.exportDetails === true) {
		const details = { export_id: exportId, requests: progress.requests, rows: records.length };
		for (const record of records) record._export = details;
	}
	return records;
}

/** The records of an import, directory or list answer. */
function recordsOf(body: IDataObject): IDataObject[] {
	if (body.result && typeof body.result === 'object' && !Array.isArray(body.result)) {
		// An import's result: its error fields say nothing once it is known to have worked.
		return [omit(body.result as IDataObject, 'error', 'error_message')];
	}
	const payload = body.info ?? body.data;
	if (Array.isArray(payload)) return payload as IDataObject[];
	if (payload && typeof payload === 'object') return [payload as IDataObject];
	return [body];
}

/**
 * The node's `requestOperations.pagination`: n8n hands every request the routing built to
 * this function (each operation sets `send.paginate`). Imports get their base64 `params`,
 * exports are started and waited for, and every answer is checked by the shared layer.
 */
export async function sendGetCourseRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await itemResult(this, async () => {
		const built = requestData.options as IHttpRequestOptions;
		const options: IHttpRequestOptions = { ...built, url: fillPath(this, built.url, PATH_PARAMS) };
		if (EXPORT_PATH.test(options.url) || RESULT_PATH.test(options.url)) {
			return await exportFromNode(this, options);
		}
		if (String(options.method ?? 'GET').toUpperCase() === 'POST') {
			options.headers = { ...(options.headers ?? {}), 'Content-Type': 'application/x-www-form-urlencoded' };
			options.body = importForm((options.body ?? {}) as IDataObject);
		}
		return recordsOf(await platformRequest(this, GETCOURSE, options, this.getItemIndex()));
	});
}
