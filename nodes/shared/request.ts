/**
 * The one way out for every platform: a request waits for its credential's rate gate, is
 * sent with the credential, its answer is checked against what the platform documents,
 * and any failure becomes one NodeApiError shape (or, with Continue On Fail, one item
 * shape). A platform's transport.ts describes the platform in a PlatformSpec and calls
 * `platformRequest`; nothing else sends.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Budget, Passage, RateLimit } from './gate';
import { BudgetSpentError, CancelledError, clock, describeWindow, gateFor, traffic } from './gate';

/** Every n8n context a node or trigger sends requests from. */
export type RequestContext =
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

/** What a platform's error answer says, in the platform's own words. */
export interface ErrorText {
	message: string;
	description?: string;
}

export interface PlatformSpec {
	/** The platform's name in messages: "KWIGA". */
	name: string;
	/** The credential type every request is sent with. */
	credentialType: string;
	/**
	 * The platform's rate for one credential. The credential may override it with the
	 * number fields `rateLimitRequests` and `rateLimitWindowSeconds` (0 or empty: default).
	 */
	rate: RateLimit;
	/** A budget some requests spend (GetCourse's exports); `spends` says which. */
	budget?: Budget & { spends: (options: IHttpRequestOptions) => boolean };
	/** The platform's message (and, where it names them, bad fields) from an error answer. */
	describeError: (status: number, body: IDataObject, raw: unknown) => ErrorText;
	/** What to tell the user to check for each status the platform documents. */
	hints: Record<number, string>;
	/**
	 * Checks a successful answer against what the platform documents; returns what is
	 * wrong, or undefined when it is as documented. Runs after the shared check that the
	 * answer is JSON at all.
	 */
	checkAnswer?: (body: IDataObject, options: IHttpRequestOptions) => string | undefined;
	/**
	 * Some platforms answer errors with HTTP 200 (GetCourse: `success: false`). Returns the
	 * error text when a 2xx answer is really a failure.
	 */
	failureIn2xx?: (body: IDataObject, options: IHttpRequestOptions) => ErrorText | undefined;
	/** The name of the credential's expirable token field: a 401 empties it once and resends. */
	expirableTokenField?: string;
	/** What a 204 No Content (or empty 2xx answer to this request) stands for; undefined: an error. */
	emptyAnswer?: (options: IHttpRequestOptions, status: number) => IDataObject | undefined;
	/** The field of the credential that holds the address, for messages ("Base URL"). */
	baseUrlField: string;
	/**
	 * An error thrown while n8n prepared the credential (its preAuthentication: a login or
	 * token exchange the platform refused), in the platform's words with its HTTP code;
	 * undefined when the error is not one of those, and the request counts as unanswered.
	 */
	authFailure?: (message: string) => (ErrorText & { httpCode: string | null }) | undefined;
}

/** Statuses the platform sends when it did not apply a request: the only ones resent. */
const NOT_APPLIED = new Set([429, 503]);

/** Waits taken from a platform's Retry-After are never longer than this. */
export const MAX_RETRY_WAIT_MS = 120_000;

/** Without Retry-After or X-RateLimit-Reset, a throttled request waits this long. */
export const DEFAULT_RETRY_WAIT_MS = 60_000;

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** Milliseconds to wait after a 429 or 503, from Retry-After, else X-RateLimit-Reset. */
export function retryDelayMs(headers: IDataObject | undefined, now: number): number {
	let ms = DEFAULT_RETRY_WAIT_MS;
	const retryAfter = header(headers, 'retry-after')?.trim();
	const reset = header(headers, 'x-ratelimit-reset')?.trim();
	if (retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter)) {
		ms = Number(retryAfter) * 1000;
	} else if (retryAfter !== undefined && !Number.isNaN(Date.parse(retryAfter))) {
		ms = Date.parse(retryAfter) - now;
	} else if (reset !== undefined && /^\d+$/.test(reset)) {
		ms = Number(reset) * 1000 - now;
	}
	return Math.ceil(Math.min(Math.max(ms, 1000), MAX_RETRY_WAIT_MS));
}

function rateOf(spec: PlatformSpec, credentials: ICredentialDataDecryptedObject): RateLimit {
	const requests = Number(credentials.rateLimitRequests);
	const seconds = Number(credentials.rateLimitWindowSeconds);
	return {
		requests: requests > 0 ? Math.floor(requests) : spec.rate.requests,
		windowMs: seconds > 0 ? seconds * 1000 : spec.rate.windowMs,
	};
}

/** The gate's key: the credential's id in n8n, so every node and trigger using it shares one queue. */
function gateKey(ctx: RequestContext, spec: PlatformSpec): string {
	const credential = ctx.getNode().credentials?.[spec.credentialType];
	return `${spec.credentialType}:${credential?.id ?? credential?.name ?? 'default'}`;
}

/** The credential of a context, fetched once and reused for every page of the same item. */
const credentialCache = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

async function credentialsOf(
	ctx: RequestContext,
	spec: PlatformSpec,
): Promise<ICredentialDataDecryptedObject> {
	let cached = credentialCache.get(ctx);
	if (!cached) {
		cached = ctx.getCredentials(spec.credentialType);
		credentialCache.set(ctx, cached);
	}
	return await cached;
}

function cancelSignal(ctx: RequestContext): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function'
		? withSignal.getExecutionCancelSignal()
		: undefined;
}

function itemIndexOf(ctx: RequestContext, fallback: number): number {
	const withIndex = ctx as { getItemIndex?: () => number };
	return typeof withIndex.getItemIndex === 'function' ? withIndex.getItemIndex() : fallback;
}

/** The error for a failed answer: the platform's message, a hint, the HTTP code. */
export function apiError(
	node: INode,
	spec: PlatformSpec,
	status: number,
	raw: unknown,
	itemIndex: number,
	text?: ErrorText,
): NodeApiError {
	const body: IDataObject =
		raw && typeof raw === 'object' && !Array.isArray(raw)
			? (raw as IDataObject)
			: { message: typeof raw === 'string' ? raw.slice(0, 500) : '' };
	const said = text ?? spec.describeError(status, body, raw);
	const hint = spec.hints[status] ?? `${spec.name} could not complete the request.`;
	return new NodeApiError(node, body as JsonObject, {
		message: `${spec.name}: ${said.message || `HTTP ${status}`}`,
		description: said.description ? `${said.description} ${hint}` : hint,
		httpCode: String(status),
		itemIndex,
	});
}

/** A 2xx answer that is not what the platform documents. */
function unexpectedAnswer(
	node: INode,
	spec: PlatformSpec,
	status: number,
	what: string,
	raw: unknown,
	itemIndex: number,
): NodeApiError {
	const sample = typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
	return new NodeApiError(
		node,
		{ message: what, body: sample },
		{
			message: `${spec.name} answered with ${what}`,
			description: `Expected ${spec.name}'s JSON answer (HTTP ${status}${sample ? `, began with: ${JSON.stringify(sample.slice(0, 80))}` : ''}). Check the ${spec.baseUrlField} in the ${spec.name} credential: it should be the address of ${spec.name}'s API, not of a website or a proxy's page.`,
			httpCode: String(status),
			itemIndex,
		},
	);
}

/** A request that got no HTTP answer. It is never resent: a write may have been applied. */
function connectionError(
	node: INode,
	spec: PlatformSpec,
	error: unknown,
	url: string,
	itemIndex: number,
): NodeApiError {
	const cause = error as { message?: string; code?: string };
	const reason = String(cause.message ?? 'no answer').replace(/\s+/g, ' ').slice(0, 200);
	return new NodeApiError(
		node,
		{ message: reason, code: cause.code ?? null },
		{
			message: `Could not reach ${spec.name} at ${url}: ${reason}`,
			description: `Check the ${spec.baseUrlField} in the ${spec.name} credential and that this n8n can reach it. If the request was a change (create, update, delete, add), check in ${spec.name} whether it was applied before running the node again.`,
			httpCode: null as unknown as string,
			itemIndex,
		},
	);
}

/** Whether a text looks like an HTML page rather than JSON. */
function looksLikeHtml(text: string): boolean {
	return /^\s*</.test(text);
}

/**
 * Sends one request of a platform through its credential's gate and returns the JSON
 * object the platform answered. 429 and 503 pause the gate and resend; every other
 * failure throws a NodeApiError in the shared shape.
 */
export async function platformRequest(
	ctx: RequestContext,
	spec: PlatformSpec,
	options: IHttpRequestOptions,
	itemIndex = 0,
): Promise<IDataObject> {
	const index = itemIndexOf(ctx, itemIndex);
	const node = ctx.getNode();
	const credentials = await credentialsOf(ctx, spec);
	const gate = gateFor(gateKey(ctx, spec), rateOf(spec, credentials), spec.budget);
	const signal = cancelSignal(ctx);
	const url = `${options.baseURL ?? ''}${options.url}`;
	let front = false;
	let refreshedToken = false;
	for (;;) {
		let passage: Passage;
		try {
			passage = await gate.acquire(signal, front);
			if (spec.budget?.spends(options)) gate.spend();
		} catch (error) {
			if (error instanceof BudgetSpentError) {
				throw new NodeApiError(node, { message: error.message } as JsonObject, {
					message: `${spec.name}: ${error.message}`,
					description: `${spec.name} allows ${error.budget.requests} ${error.budget.label} per ${describeWindow(error.budget.windowMs)} per account, and every node and trigger using this credential in this n8n shares them. Run the workflow again after that time, or poll less often.`,
					httpCode: '429',
					itemIndex: index,
				});
			}
			if (error instanceof CancelledError) {
				throw new NodeOperationError(node, error.message, { itemIndex: index });
			}
			throw new NodeOperationError(node, error as Error, { itemIndex: index });
		}
		let response: IN8nHttpFullResponse;
		traffic.inFlight++;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				spec.credentialType,
				{ ...options, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true, abortSignal: signal },
				{
					credentialsDecrypted: {
						id: ctx.getNode().credentials?.[spec.credentialType]?.id ?? '',
						name: spec.credentialType,
						type: spec.credentialType,
						data: credentials,
					},
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (signal?.aborted) throw new NodeOperationError(node, new CancelledError().message, { itemIndex: index });
			const refused = spec.authFailure?.(String((error as Error)?.message ?? ''));
			if (refused) {
				throw new NodeApiError(node, { message: refused.message } as JsonObject, {
					message: refused.message,
					description: refused.description,
					httpCode: refused.httpCode as string,
					itemIndex: index,
				});
			}
			throw connectionError(node, spec, error, url, index);
		} finally {
			traffic.inFlight--;
			passage.done();
		}
		const status = response.statusCode;
		const announced = Number(header(response.headers as IDataObject, 'x-ratelimit-limit'));
		if (announced > 0) gate.announce(announced);
		if (NOT_APPLIED.has(status)) {
			if (gate.throttled(retryDelayMs(response.headers as IDataObject, clock.now()))) {
				front = true;
				continue;
			}
			throw apiError(node, spec, status, response.body, index);
		}
		gate.answered();
		if (status === 401 && spec.expirableTokenField && !refreshedToken) {
			// The platform's token expired: empty it so that n8n fetches a new one, once.
			refreshedToken = true;
			credentials[spec.expirableTokenField] = '';
			front = true;
			continue;
		}
		if (status >= 400) throw apiError(node, spec, status, response.body, index);
		return checked(node, spec, options, status, response.body, index);
	}
}

function checked(
	node: INode,
	spec: PlatformSpec,
	options: IHttpRequestOptions,
	status: number,
	raw: unknown,
	index: number,
): IDataObject {
	const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
	if (empty) {
		const stands = spec.emptyAnswer?.(options, status);
		if (stands) return stands;
		throw unexpectedAnswer(node, spec, status, 'an empty answer', raw, index);
	}
	if (typeof raw === 'string') {
		throw unexpectedAnswer(
			node,
			spec,
			status,
			looksLikeHtml(raw) ? 'an HTML page instead of JSON' : 'text that is not JSON',
			raw,
			index,
		);
	}
	if (typeof raw !== 'object') {
		throw unexpectedAnswer(node, spec, status, `${typeof raw} instead of a JSON object`, raw, index);
	}
	const body = (Array.isArray(raw) ? { data: raw } : raw) as IDataObject;
	const failure = spec.failureIn2xx?.(body, options);
	if (failure) throw apiError(node, spec, status, body, index, failure);
	const problem = spec.checkAnswer?.(body, options);
	if (problem) throw unexpectedAnswer(node, spec, status, problem, undefined, index);
	return body;
}

/**
 * Runs an item's work and shapes what comes out: records become items paired with the
 * input item; with Continue On Fail a failure becomes the one item
 * `{ error, description, httpCode }`, otherwise it is thrown.
 */
export async function itemResult(
	ctx: IExecuteSingleFunctions,
	work: () => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const itemIndex = ctx.getItemIndex();
	try {
		const records = await work();
		return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	} catch (error) {
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		if (!ctx.continueOnFail()) throw failure;
		return [{ json: failureJson(failure), pairedItem: { item: itemIndex } }];
	}
}

/** The Continue On Fail item of an error, the same for API errors and bad input. */
export function failureJson(error: unknown): IDataObject {
	const failure = error as { message?: string; description?: string | null; httpCode?: string | null };
	return {
		error: failure.message ?? String(error),
		description: failure.description ?? null,
		httpCode: failure.httpCode ?? null,
	};
}
