/**
 * The one way out for every platform: a request waits for its credential's rate gate, is
 * sent with the credential, its answer is checked against what the platform documents,
 * and any failure becomes one NodeApiError shape (or, with Continue On Fail, one item
 * shape). A platform's transport.ts describes the platform in a PlatformSpec; its runners
 * (nodes/shared/runner.ts), dropdowns and triggers call `platformRequest`; nothing else sends.
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

import type { Budget, Lane, Passage, RateLimit } from './gate';
import {
	budgetFor,
	BudgetLedger,
	BudgetSpentError,
	CancelledError,
	clock,
	describeWindow,
	gateFor,
	MAX_WINDOW_MS,
	traffic,
} from './gate';
import { credentialFailure, CredentialUnreachable, forgetCredentialFailure } from './auth';
import { refuseToken } from './tokens';

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
	/**
	 * A budget some requests spend (GetCourse's exports); `spends` says which, `account` whose
	 * budget it is (every credential of one school shares it).
	 */
	budget?: Budget & {
		spends: (options: IHttpRequestOptions) => boolean;
		account: (credentials: ICredentialDataDecryptedObject) => string;
		/**
		 * A share of the budget the requests sent with this spec are kept within (a spec
		 * variant for one sender: the GetCourse Trigger's): counted per account under `key`, and
		 * spent together with the whole budget, so that the rest stays for everyone else.
		 */
		portion?: Budget & { key: string };
	};
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
	/**
	 * A token the credential gets for itself (n8n's preAuthentication fills the hidden,
	 * expirable `field`). An answer with a status in `refusedWith` means the platform refused
	 * it and applied nothing: the token is marked refused for the whole process (the
	 * credential's preAuthentication never hands it out again), emptied so that n8n gets a
	 * new one, and the request is sent once more. `applies` says whether a request was sent
	 * with that token at all.
	 *
	 * `identity` keys the token to what it was obtained for: n8n keeps the hidden token when
	 * the user edits the credential, so preAuthentication stores `identity.of(credentials)`
	 * (a fingerprint of the address, client or user and secret) in the hidden `identity.field`
	 * next to the token, and a token whose fingerprint is absent or differs is treated as no
	 * token — n8n gets one for the credential as it is now.
	 */
	token?: {
		field: string;
		refusedWith: number[];
		applies?: (options: IHttpRequestOptions, credentials: ICredentialDataDecryptedObject) => boolean;
		identity?: { field: string; of: (credentials: ICredentialDataDecryptedObject) => string };
	};
	/** What a 204 No Content (or empty 2xx answer to this request) stands for; undefined: an error. */
	emptyAnswer?: (options: IHttpRequestOptions, status: number) => IDataObject | undefined;
	/**
	 * The headers the credential's `authenticate` definition adds, worked out from the same
	 * credential values (a unit test per platform holds the two equal). With it, a request is
	 * sent with n8n's plain HTTP helper and these headers, instead of n8n working out the
	 * credential again for every request (measured 0.6–1.6 ms a request, about 0.5 ms for
	 * each expression of `authenticate`; see the README's Performance). Without it, or while
	 * a token credential has no token yet, n8n's httpRequestWithAuthentication sends (and its
	 * preAuthentication gets the token).
	 */
	authHeaders?: (credentials: ICredentialDataDecryptedObject) => Record<string, string>;
	/** The field of the credential that holds the address, for messages ("Base URL"). */
	baseUrlField: string;
}

/** "Too many requests": the platform applied nothing; always resent after the pause. */
const TOO_MANY = 429;

/** "Unavailable": a read is resent after the pause, a write never (it may have been applied). */
const UNAVAILABLE = 503;

/** A read that got no answer or "unavailable" is sent at most this many more times. */
export const MAX_READ_RESENDS = 3;

/** A read that got no answer waits this long before it is sent again (doubling each time). */
export const READ_RESEND_WAIT_MS = 2000;

/** Methods that change nothing on the platform: the only ones resent after a lost answer. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isRead(options: IHttpRequestOptions): boolean {
	return READS.has(String(options.method ?? 'GET').toUpperCase());
}

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

/** An X-RateLimit-Reset above this is an epoch time (2001 onwards), below it seconds from now. */
const EPOCH_SECONDS_FROM = 1_000_000_000;

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
		// An epoch time (seconds since 1970) or, from platforms that send it so, seconds from now.
		const value = Number(reset);
		ms = value > EPOCH_SECONDS_FROM ? value * 1000 - now : value * 1000;
	}
	return Math.ceil(Math.min(Math.max(ms, 1000), MAX_RETRY_WAIT_MS));
}

/** The credential's rate, or an error message saying which field to correct. */
export function rateOf(spec: PlatformSpec, credentials: ICredentialDataDecryptedObject): RateLimit | string {
	const given = (value: unknown) => value !== undefined && value !== null && value !== '' && Number(value) !== 0;
	const requests = Number(credentials.rateLimitRequests);
	const seconds = Number(credentials.rateLimitWindowSeconds);
	if (given(credentials.rateLimitRequests) && !(requests >= 1)) {
		return `The Rate Limit (Requests) in the ${spec.name} credential is ${String(credentials.rateLimitRequests)}: it must be a whole number of at least 1 (or empty for ${spec.name}'s own limit of ${spec.rate.requests}).`;
	}
	if (given(credentials.rateLimitWindowSeconds) && !(seconds > 0 && seconds * 1000 <= MAX_WINDOW_MS)) {
		return `The Rate Limit Window (Seconds) in the ${spec.name} credential is ${String(credentials.rateLimitWindowSeconds)}: it must be more than 0 and at most 86400 (a day), or empty for ${spec.name}'s own window.`;
	}
	return {
		requests: given(credentials.rateLimitRequests) ? Math.floor(requests) : spec.rate.requests,
		windowMs: given(credentials.rateLimitWindowSeconds) ? seconds * 1000 : spec.rate.windowMs,
	};
}

/**
 * Which lane of the gate a request waits in: an execution's items are bulk; the editor's
 * dropdowns and lists, a trigger's hook calls, verification and polls go ahead of them.
 */
function laneOf(ctx: RequestContext): Lane {
	return typeof (ctx as { getItemIndex?: unknown }).getItemIndex === 'function' ? 'bulk' : 'interactive';
}

/** The gate's key: the credential's id in n8n, so every node and trigger using it shares one queue. */
function gateKey(ctx: RequestContext, spec: PlatformSpec): string {
	const credential = ctx.getNode().credentials?.[spec.credentialType];
	return `${spec.credentialType}:${credential?.id ?? credential?.name ?? 'default'}`;
}

/**
 * How long a context that outlives one item reuses the credential it fetched: a trigger's
 * poll context lives as long as the workflow is active (n8n-core's ActiveWorkflows makes one
 * for the whole activation), and a credential edited meanwhile must take effect.
 */
export const CREDENTIAL_KEPT_MS = 60_000;

const credentialCache = new WeakMap<object, { at: number; credentials: Promise<ICredentialDataDecryptedObject> }>();

/**
 * The credential of a context: fetched once and reused for every page of the same item (an
 * item's context lives for that item only); a poll's, a hook's or the editor's context reuses
 * it for CREDENTIAL_KEPT_MS at most. A fetch that failed is not kept.
 */
export async function credentialsOf(
	ctx: RequestContext,
	spec: PlatformSpec,
): Promise<ICredentialDataDecryptedObject> {
	const cached = credentialCache.get(ctx);
	if (cached && (laneOf(ctx) === 'bulk' || clock.now() - cached.at < CREDENTIAL_KEPT_MS)) {
		return await cached.credentials;
	}
	const entry = { at: clock.now(), credentials: ctx.getCredentials(spec.credentialType) };
	credentialCache.set(ctx, entry);
	entry.credentials.catch(() => {
		if (credentialCache.get(ctx) === entry) credentialCache.delete(ctx);
	});
	return await entry.credentials;
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

/** What to tell the user about a change whose answer never came. */
function mayHaveApplied(spec: PlatformSpec): string {
	return `This was a change (create, update, delete, add), so it was not sent again: ${spec.name} may or may not have applied it. Check in ${spec.name} whether it was applied before running the node again for this item.`;
}

/** A request that got no HTTP answer (a read only after its resends). */
function connectionError(
	node: INode,
	spec: PlatformSpec,
	error: unknown,
	url: string,
	itemIndex: number,
	write: boolean,
): NodeApiError {
	const cause = error as { message?: string; code?: string };
	const reason = String(cause.message ?? 'no answer').replace(/\s+/g, ' ').slice(0, 200);
	const check = `Check the ${spec.baseUrlField} in the ${spec.name} credential and that this n8n can reach it.`;
	return new NodeApiError(
		node,
		{ message: reason, code: cause.code ?? null },
		{
			message: `Could not reach ${spec.name} at ${url}: ${reason}`,
			description: write ? `${check} ${mayHaveApplied(spec)}` : check,
			httpCode: null as unknown as string,
			itemIndex,
		},
	);
}

/**
 * The credential's login or token exchange got no answer, so the request itself was never
 * sent (also not after `tries` tries): nothing was applied.
 */
function loginUnanswered(
	node: INode,
	spec: PlatformSpec,
	failure: CredentialUnreachable,
	itemIndex: number,
	tries: number,
): NodeApiError {
	return new NodeApiError(node, { message: failure.message } as JsonObject, {
		message: failure.message,
		description: `Nothing was sent to ${spec.name} for this item, so nothing was changed (tried ${tries} ${tries === 1 ? 'time' : 'times'}). Check the ${spec.baseUrlField} in the ${spec.name} credential and that this n8n can reach it, then run the node again.`,
		httpCode: null as unknown as string,
		itemIndex,
	});
}

/** Whether a failed request may have left: a refused connection or an unknown host never did. */
function neverLeft(error: unknown): boolean {
	const code = String((error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code ?? '');
	return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** An address as it may be shown: scheme, host and path, never a query or a user name. */
export function shownAddress(location: string, base: string): string {
	try {
		const url = new URL(location, base);
		return `${url.protocol}//${url.host}${url.pathname}`;
	} catch {
		return 'an address that is not a URL';
	}
}

/** A 3xx answer: requests are never followed elsewhere with the credential. */
function redirectError(
	node: INode,
	spec: PlatformSpec,
	status: number,
	location: string | undefined,
	base: string,
	itemIndex: number,
): NodeApiError {
	const where = location ? shownAddress(location, base) : 'no address';
	return new NodeApiError(
		node,
		{ message: `redirect to ${where}` } as JsonObject,
		{
			message: `${spec.name} answered with a redirect (HTTP ${status}) to ${where}`,
			description: `The request was not sent there: the credential is only ever sent to its own address. Check the ${spec.baseUrlField} in the ${spec.name} credential — if ${spec.name} moved (for example from http:// to https://, or to another domain), enter the new address there.`,
			httpCode: String(status),
			itemIndex,
		},
	);
}

/** Whether a text looks like an HTML page rather than JSON. */
function looksLikeHtml(text: string): boolean {
	return /^\s*</.test(text);
}

/**
 * Empties a token the credential holds for another identity than the one it names now (it
 * was edited since, and n8n kept the hidden token): n8n's preAuthentication then gets one
 * for the credential as it is, and stores it with its fingerprint.
 */
function dropStaleToken(
	spec: PlatformSpec,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): void {
	const token = spec.token;
	if (!token?.identity || !credentials[token.field]) return;
	if (!(token.applies?.(options, credentials) ?? true)) return;
	if (credentials[token.identity.field] !== token.identity.of(credentials)) credentials[token.field] = '';
}

/**
 * The credential's headers when the package applies them itself (see `authHeaders`), or
 * undefined when n8n's httpRequestWithAuthentication should send: no `authHeaders`, or a
 * token credential without its token (n8n's preAuthentication gets one into `credentials`,
 * which later requests of the item then use).
 */
function ownHeaders(
	spec: PlatformSpec,
	credentials: ICredentialDataDecryptedObject,
): Record<string, string> | undefined {
	if (!spec.authHeaders) return undefined;
	if (spec.token && !credentials[spec.token.field]) return undefined;
	return spec.authHeaders(credentials);
}

/** A credential value as n8n's `authenticate` puts it in a header: its text, '' when empty. */
export function headerValue(value: unknown): string {
	return value ? String(value) : '';
}

/**
 * The ledgers a request of `spec` that spends the platform's budget is counted in: the
 * account's budget, and the spec's share of it when it has one (process-wide, see gate.ts).
 */
export function budgetLedgers(spec: PlatformSpec, credentials: ICredentialDataDecryptedObject): BudgetLedger[] {
	const budget = spec.budget;
	if (!budget) return [];
	const account = `${spec.name}:${budget.account(credentials)}`;
	const whole = budgetFor(account, budget);
	return budget.portion ? [whole, budgetFor(`${account}:${budget.portion.key}`, budget.portion)] : [whole];
}

/** The error for a request its platform's budget (or its share of it) has no room for: nothing was sent. */
export function budgetSpentError(node: INode, spec: PlatformSpec, error: BudgetSpentError, itemIndex: number): NodeApiError {
	const failure = new NodeApiError(node, { message: error.message } as JsonObject, {
		message: `${spec.name}: ${error.message}`,
		description:
			error.budget.whenSpent ??
			`${spec.name} allows ${error.budget.requests} ${error.budget.label} per ${describeWindow(error.budget.windowMs)} per account, and every node and trigger of this n8n using this account shares them (the count starts again when n8n restarts). Run the workflow again after that time, or poll less often.`,
		httpCode: '429',
		itemIndex,
	});
	// Said by this package, not by the platform: nothing was sent.
	failure.context.budgetSpent = true;
	return failure;
}

/**
 * Sends one request of a platform through its credential's gate and returns the JSON
 * object the platform answered. Resent only what the platform did not apply: 429 always
 * (after the pause, until the platform has refused everything for 10 minutes); a read after
 * 503 or a lost answer, at most MAX_READ_RESENDS times; a refused token once. Every other
 * failure throws a NodeApiError in the shared shape; a write whose answer was lost is
 * never sent again.
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
	const rate = rateOf(spec, credentials);
	if (typeof rate === 'string') {
		throw new NodeOperationError(node, rate, {
			itemIndex: index,
			description: 'Nothing was sent. Open the credential, correct the field and run the node again.',
		});
	}
	const gate = gateFor(gateKey(ctx, spec), rate);
	const lane = laneOf(ctx);
	const signal = cancelSignal(ctx);
	const url = `${options.baseURL ?? ''}${options.url}`;
	const read = isRead(options);
	let front = false;
	let refreshedToken = false;
	let resends = 0;
	for (;;) {
		let passage: Passage;
		try {
			passage = await gate.acquire(signal, front, lane);
			if (spec.budget?.spends(options)) BudgetLedger.spendTogether(budgetLedgers(spec, credentials));
		} catch (error) {
			if (error instanceof BudgetSpentError) throw budgetSpentError(node, spec, error, index);
			if (error instanceof CancelledError) {
				throw new NodeOperationError(node, error.message, { itemIndex: index });
			}
			throw new NodeOperationError(node, error as Error, { itemIndex: index });
		}
		let response!: IN8nHttpFullResponse;
		let lost = false;
		traffic.inFlight++;
		try {
			const request: IHttpRequestOptions = {
				...options,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				abortSignal: signal,
			};
			dropStaleToken(spec, options, credentials);
			forgetCredentialFailure(credentials);
			const headers = ownHeaders(spec, credentials);
			response = (
				headers
					? await ctx.helpers
							.httpRequest({ ...request, headers: { ...request.headers, ...headers } })
							.catch((error: unknown) => {
								// As httpRequestWithAuthentication throws it, so that a lost answer reads the same.
								throw new NodeApiError(node, error as JsonObject);
							})
					: await ctx.helpers.httpRequestWithAuthentication.call(ctx, spec.credentialType, request, {
							credentialsDecrypted: {
								id: ctx.getNode().credentials?.[spec.credentialType]?.id ?? '',
								name: spec.credentialType,
								type: spec.credentialType,
								data: credentials,
							},
						})
			) as IN8nHttpFullResponse;
		} catch (error) {
			if (signal?.aborted) throw new NodeOperationError(node, new CancelledError().message, { itemIndex: index });
			// The credential's own login or token exchange failed (nodes/shared/auth.ts).
			const failure = credentialFailure(credentials, error);
			if (failure && !(failure instanceof CredentialUnreachable)) {
				throw new NodeApiError(node, { message: failure.message } as JsonObject, {
					message: failure.message,
					description: failure.description,
					httpCode: failure.httpCode as string,
					itemIndex: index,
				});
			}
			// A read may go again; so may a write that never left: this machine, or because the
			// credential's login got no answer.
			const unsent = failure !== undefined || neverLeft(error);
			if (!((read || unsent) && resends < MAX_READ_RESENDS)) {
				throw failure
					? loginUnanswered(node, spec, failure, index, resends + 1)
					: connectionError(node, spec, error, url, index, !read);
			}
			lost = true;
		} finally {
			traffic.inFlight--;
			passage.done();
		}
		if (lost) {
			// Waited outside the request, so that the gate and the tests' clock see it answered.
			await clock.sleep(READ_RESEND_WAIT_MS * 2 ** resends++);
			continue;
		}
		const status = response.statusCode;
		const headers = response.headers as IDataObject;
		const announced = Number(header(headers, 'x-ratelimit-limit'));
		if (announced > 0) gate.announce(announced);
		if (status === TOO_MANY || (status === UNAVAILABLE && read && resends < MAX_READ_RESENDS)) {
			if (status === UNAVAILABLE) resends++;
			if (gate.throttled(retryDelayMs(headers, clock.now()))) {
				front = true;
				continue;
			}
			throw apiError(node, spec, status, response.body, index);
		}
		gate.answered();
		if (status >= 300 && status < 400) {
			throw redirectError(node, spec, status, header(headers, 'location'), url, index);
		}
		const token = spec.token;
		if (
			token &&
			!refreshedToken &&
			token.refusedWith.includes(status) &&
			(token.applies?.(options, credentials) ?? true)
		) {
			// The platform refused the credential's token and applied nothing: never hand that
			// token out again, let n8n get a new one, and send once more.
			refreshedToken = true;
			refuseToken(spec.credentialType, String(credentials[token.field] ?? ''));
			credentials[token.field] = '';
			front = true;
			continue;
		}
		if (status === UNAVAILABLE && !read) {
			// The platform answered: its other requests wait, but this is not a refusal that
			// counts towards giving up (GIVE_UP_AFTER_MS), since nothing is sent again.
			gate.pause(retryDelayMs(headers, clock.now()));
			const said = spec.describeError(status, (response.body ?? {}) as IDataObject, response.body);
			throw new NodeApiError(node, (response.body ?? {}) as JsonObject, {
				message: `${spec.name}: ${said.message || `HTTP ${status}`}`,
				description: mayHaveApplied(spec),
				httpCode: String(status),
				itemIndex: index,
			});
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
 * The most records one input item may put out. n8n's declarative runner adds an item's
 * records to the node's output with one `push(...records)`, which overflows the call stack
 * somewhere above 120,000; a list that would pass this fails before asking for more.
 */
export const MAX_RECORDS = 100_000;

/** The error for a list or export with more records than one item may put out. */
export function tooManyRecords(ctx: RequestContext, count: number, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`More than ${MAX_RECORDS.toLocaleString('en-US')} records for one item (${count.toLocaleString('en-US')} so far)`,
		{
			itemIndex,
			description: `n8n cannot put out that many items from one node at once, so nothing more was requested. Split the work: narrow the list with its filters (for example a date range) and run it in parts, or use Raw Output where the operation offers it.`,
		},
	);
}

/**
 * Runs an item's work and shapes what comes out: records become items paired with the
 * input item; with Continue On Fail a failure becomes one item (see failureItemJson),
 * otherwise it is thrown.
 */
export async function itemResult(
	ctx: IExecuteSingleFunctions,
	work: () => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const itemIndex = ctx.getItemIndex();
	try {
		const records = await work();
		if (records.length > MAX_RECORDS) throw tooManyRecords(ctx, records.length, itemIndex);
		return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	} catch (error) {
		const failure = itemFailure(ctx.getNode(), error, itemIndex);
		if (!ctx.continueOnFail()) throw failure;
		return [{ json: failureItemJson(ctx.getNode(), failure), pairedItem: { item: itemIndex } }];
	}
}

/**
 * The json of a failed item under each On Error setting, the same for API errors and bad
 * input. "Continue (regular output)": `{ error, description, httpCode }`. "Continue (using
 * error output)": `{ error, message }` — n8n moves an item to the error output only when its
 * json has `error` alone or exactly `error` and `message` (an item with `error` set is
 * rewritten to `{ error }`, losing the rest), so the same `error` text is there and
 * `message` carries the HTTP code and what to check.
 */
export function failureItemJson(node: INode, error: unknown): IDataObject {
	const json = failureJson(error);
	if (node.onError !== 'continueErrorOutput') return json;
	const code = json.httpCode ? `HTTP ${String(json.httpCode)}. ` : '';
	// Never empty: n8n keeps `{ error, message: "" }` on the success output.
	const message = `${code}${String(json.description ?? '')}`.trim() || String(json.error);
	return { error: json.error, message };
}

/** The Continue On Fail item of an error, the same for API errors and bad input. */
export function failureJson(error: unknown): IDataObject {
	const failure = (error ?? {}) as { message?: unknown; description?: string | null; httpCode?: string | null };
	const said = typeof failure.message === 'string' ? failure.message.trim() : '';
	return {
		error: said || (typeof error === 'string' && error.trim() ? error.trim() : UNEXPECTED),
		description: failure.description ?? null,
		httpCode: failure.httpCode ?? null,
	};
}

/** The words of a failure that brings none (a thrown value that is no error, an empty message). */
export const UNEXPECTED = 'The node stopped on an unexpected error that gave no message';

/** What to do about a failure that is not the platform's answer or the user's input. */
const UNEXPECTED_DESCRIPTION =
	'This is a fault of the node, not of your data or of the platform. Run it again; if it happens again, report it with the node\'s settings (never the credential).';

/**
 * Any failure of an item as a node error with words: the shared layer's NodeApiError and
 * NodeOperationError as they are (one without a message gets its description, its HTTP code
 * or UNEXPECTED), anything else thrown (a TypeError, a string, undefined) as a
 * NodeOperationError saying it was unexpected — n8n's own constructor throws on some of them.
 */
export function itemFailure(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!String(error.message ?? '').trim()) {
			const code = error instanceof NodeApiError ? error.httpCode : null;
			error.message = String(error.description ?? '').trim() || (code ? `HTTP ${code}` : UNEXPECTED);
		}
		return error;
	}
	const said =
		error instanceof Error ? error.message.trim() : typeof error === 'string' ? error.trim() : '';
	const failure = new NodeOperationError(node, said || UNEXPECTED, {
		itemIndex,
		description: UNEXPECTED_DESCRIPTION,
	});
	if (error instanceof Error && error.stack) failure.stack = error.stack;
	return failure;
}
