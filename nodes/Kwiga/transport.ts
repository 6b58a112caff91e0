/**
 * Everything that crosses the wire to KWIGA goes through this file: one request function
 * (rate-limit waits and error mapping), one page walker, and the entry point that the
 * node's declarative routing hands each built request to.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

export const KWIGA_CREDENTIAL = 'kwigaApi';

type KwigaContext = IExecuteSingleFunctions | ILoadOptionsFunctions;

/**
 * KWIGA allows 200 requests a minute per token and answers 429 with Retry-After (seconds)
 * and X-RateLimit-Reset (UNIX time). A throttled request waits and is sent again, at most
 * `maxRetries` times in a row, never waiting longer than `maxWaitSeconds` at once.
 */
export const rateLimit = {
	maxRetries: 10,
	maxWaitSeconds: 120,
	/** Replaced in tests so that a throttled minute passes without real waiting. */
	wait: async (ms: number): Promise<void> => await sleep(ms),
	now: (): number => Date.now(),
};

/** URLs longer than this switch to the documented POST `/query` alias of a list endpoint. */
export const MAX_GET_URL_LENGTH = 2000;

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((header) => header.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** Milliseconds to wait after a 429, from Retry-After or else X-RateLimit-Reset. */
export function retryDelayMs(headers: IDataObject | undefined, now: number): number {
	let seconds = 60;
	const retryAfter = headerValue(headers, 'retry-after');
	const reset = headerValue(headers, 'x-ratelimit-reset');
	if (retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter.trim())) {
		seconds = Number(retryAfter);
	} else if (retryAfter !== undefined && !Number.isNaN(Date.parse(retryAfter))) {
		seconds = (Date.parse(retryAfter) - now) / 1000;
	} else if (reset !== undefined && /^\d+$/.test(reset.trim())) {
		seconds = Number(reset) - now / 1000;
	}
	seconds = Math.min(Math.max(seconds, 1), rateLimit.maxWaitSeconds);
	return Math.ceil(seconds * 1000);
}

const STATUS_HINTS: Record<number, string> = {
	400: 'KWIGA rejected the request as invalid. Check the values of the fields you filled in.',
	401: 'Check the API token and cabinet hash in the KWIGA credential; a re-issued token makes the old one stop working.',
	403: 'This resource is available to cabinet administrators only, or the API is not enabled for the cabinet.',
	404: 'Check the ID: KWIGA has no such record in this cabinet.',
	405: 'KWIGA does not accept this method on this address.',
	422: 'Correct the fields named above and run the node again.',
	429: 'KWIGA kept answering "too many requests" (200 a minute per token) after several waits. Run fewer requests at once, for example with the Batching option, and try again.',
	500: 'KWIGA had an internal problem. Try again later.',
	503: 'KWIGA is temporarily offline for maintenance. Try again later.',
};

/** Laravel answers 422 with `errors: { field: [messages] }`; name each field. */
function describeInvalidFields(errors: unknown): string | undefined {
	if (!errors || typeof errors !== 'object') return undefined;
	const lines = Object.entries(errors as IDataObject).map(([field, messages]) => {
		const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
		return `${field}: ${text}`;
	});
	return lines.length ? `Invalid fields — ${lines.join('; ')}` : undefined;
}

/** The NodeApiError for a KWIGA error response, carrying KWIGA's own message. */
export function kwigaApiError(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
): NodeApiError {
	const status = response.statusCode;
	const body: IDataObject =
		response.body && typeof response.body === 'object'
			? (response.body as IDataObject)
			: { message: typeof response.body === 'string' ? response.body.slice(0, 500) : '' };
	const kwigaMessage = [body.message, body.error, body.error_message].find(
		(value) => typeof value === 'string' && value.trim() !== '',
	) as string | undefined;
	const message = `KWIGA: ${kwigaMessage ?? response.statusMessage ?? `HTTP ${status}`}`;
	const fields = describeInvalidFields(body.errors);
	const hint = STATUS_HINTS[status] ?? 'KWIGA could not complete the request.';
	return new NodeApiError(node, body as JsonObject, {
		message,
		description: fields ? `${fields}. ${hint}` : hint,
		httpCode: String(status),
		itemIndex,
	});
}

/** A request that never got an HTTP answer; the message carries no request headers. */
function connectionError(node: INode, error: unknown, url: string, itemIndex: number): NodeApiError {
	const cause = error as { message?: string; code?: string };
	return new NodeApiError(
		node,
		{ message: cause.message ?? 'Request failed', code: cause.code ?? null },
		{
			message: `Could not reach KWIGA at ${url}: ${cause.message ?? 'no answer'}`,
			description:
				'Check the Base URL in the KWIGA credential and that this n8n can reach it.',
			httpCode: null as unknown as string,
			itemIndex,
		},
	);
}

/**
 * Sends one request with the KWIGA credential. Waits out 429 answers within the bounds of
 * `rateLimit`; any other error status becomes a NodeApiError with KWIGA's message.
 */
export async function kwigaRequest(
	ctx: KwigaContext,
	options: IHttpRequestOptions,
	itemIndex = 0,
): Promise<IDataObject> {
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				KWIGA_CREDENTIAL,
				{ ...options, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			throw connectionError(ctx.getNode(), error, `${options.baseURL ?? ''}${options.url}`, itemIndex);
		}
		if (response.statusCode === 429 && attempt < rateLimit.maxRetries) {
			await rateLimit.wait(retryDelayMs(response.headers as IDataObject, rateLimit.now()));
			continue;
		}
		if (response.statusCode >= 400) {
			throw kwigaApiError(ctx.getNode(), response, itemIndex);
		}
		return (response.body ?? {}) as IDataObject;
	}
}

/**
 * The records of one response: `data` when it is a list, `data` with the keys KWIGA puts
 * beside it (`contact_id`, `course_program`) when there are any, or the body itself
 * (`{ "success": true }`).
 */
function recordsOf(body: IDataObject): IDataObject[] {
	const { data, links: _links, meta: _meta, ...beside } = body;
	if (data === undefined) return [body];
	const records = (Array.isArray(data) ? data : [data]) as IDataObject[];
	if (!Object.keys(beside).length) return records;
	return records.map((record) =>
		record && typeof record === 'object' ? { ...record, ...beside } : { value: record, ...beside },
	);
}

function inBody(options: IHttpRequestOptions): boolean {
	return typeof options.body === 'object' && options.body !== null && 'per_page' in options.body;
}

/**
 * Walks KWIGA's page / per_page / meta.last_page pagination and returns the records,
 * stopping at `limit` when one is given. A response without `meta` is a single page.
 */
export async function kwigaRecords(
	ctx: KwigaContext,
	options: IHttpRequestOptions,
	limit?: number,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let page = 1;
	for (;;) {
		const pageOptions = { ...options };
		if (inBody(options)) {
			pageOptions.body = { ...(options.body as IDataObject), page };
		} else if (options.qs && 'per_page' in options.qs) {
			pageOptions.qs = { ...options.qs, page };
		}
		const body = await kwigaRequest(ctx, pageOptions, itemIndex);
		const pageRecords = recordsOf(body);
		records.push(...pageRecords);
		const meta = body.meta as IDataObject | undefined;
		const current = Number(meta?.current_page ?? page);
		const last = Number(meta?.last_page ?? current);
		const paginated = pageOptions.qs?.page !== undefined || inBody(pageOptions);
		if (!meta || !paginated || current >= last || !pageRecords.length) break;
		if (limit !== undefined && records.length >= limit) break;
		page = current + 1;
	}
	return limit === undefined ? records : records.slice(0, limit);
}

/** Query strings the way axios will send them, to measure a GET's URL length. */
function queryLength(qs: IDataObject | undefined): number {
	if (!qs) return 0;
	const flatten = (value: unknown, prefix: string): string[] => {
		if (value === undefined || value === null) return [];
		if (typeof value === 'object') {
			return Object.entries(value as IDataObject).flatMap(([key, inner]) =>
				flatten(inner, `${prefix}[${key}]`),
			);
		}
		return [`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value))}`];
	};
	return Object.entries(qs)
		.flatMap(([key, value]) => flatten(value, key))
		.join('&').length;
}

/**
 * A list whose filters make the URL too long goes to the documented POST `<path>/query`
 * alias, which takes the same parameters as a JSON body.
 */
export function withQueryAlias(options: IHttpRequestOptions): IHttpRequestOptions {
	const method = (options.method ?? 'GET').toUpperCase();
	if (method !== 'GET') return options;
	const url = `${options.baseURL ?? ''}${options.url}`;
	if (url.length + 1 + queryLength(options.qs) <= MAX_GET_URL_LENGTH) return options;
	return {
		...options,
		method: 'POST' as IHttpRequestMethods,
		url: `${options.url.replace(/\/+$/, '')}/query`,
		body: { ...(options.qs ?? {}) },
		qs: {},
	};
}

/**
 * The node's `requestOperations.pagination`: n8n hands every built request of the KWIGA
 * node to this function (each operation sets `send.paginate`), which sends it with
 * rate-limit handling, follows pages for lists and shapes the items.
 */
export async function sendKwigaRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const options = requestData.options as IHttpRequestOptions;
	const limit =
		requestData.maxResults === undefined || requestData.maxResults === ''
			? undefined
			: Number(requestData.maxResults);
	try {
		const records = await kwigaRecords(this, withQueryAlias(options), limit, itemIndex);
		return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	} catch (error) {
		const failure =
			error instanceof NodeApiError
				? error
				: new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		if (!this.continueOnFail()) throw failure;
		const { message, description, httpCode } = failure;
		return [
			{
				json: { error: message, description: description ?? null, httpCode: httpCode ?? null },
				pairedItem: { item: itemIndex },
			},
		];
	}
}

async function loadOptionsRequest(ctx: ILoadOptionsFunctions, url: string, qs: IDataObject) {
	const credentials = await ctx.getCredentials(KWIGA_CREDENTIAL);
	const baseURL = String(credentials.baseUrl ?? 'https://api.kwiga.com').replace(/\/+$/, '');
	return { method: 'GET' as const, baseURL, url, qs, headers: { Accept: 'application/json' } };
}

/** GET a whole KWIGA list (up to `limit` records), for dropdowns. */
export async function kwigaList(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject = {},
	limit?: number,
): Promise<IDataObject[]> {
	return await kwigaRecords(ctx, await loadOptionsRequest(ctx, url, qs), limit);
}

/** GET one page of a KWIGA list, for searchable lists that page as the user scrolls. */
export async function kwigaPage(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
): Promise<{ records: IDataObject[]; hasMore: boolean }> {
	const body = await kwigaRequest(ctx, await loadOptionsRequest(ctx, url, qs));
	const meta = (body.meta ?? {}) as IDataObject;
	return {
		records: recordsOf(body),
		hasMore: Number(meta.current_page ?? 1) < Number(meta.last_page ?? 1),
	};
}
