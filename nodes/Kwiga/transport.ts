/**
 * What is KWIGA's own about sending a request: its rate, its answers and error bodies, the
 * shapes of its path parameters, its Laravel pagination, and its runners. An operation that
 * needs more than sending and paging (oldest first for Return All, the POST `/query` alias
 * of a list, Simplify, the course program) names its runner in its routing
 * (`sends(request, { runner: kwigaRunner({ … }) })`), so no runner works out from the URL or
 * the operation what it runs. Sending itself (rate gate, checks, error shape, path
 * parameters, items) is nodes/shared/.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidFields, omit } from '../shared/fields';
import { simplified } from '../shared/output';
import type { Paging } from '../shared/pages';
import { walkPages } from '../shared/pages';
import type { PathParam } from '../shared/path';
import { matching, positiveInteger } from '../shared/path';
import type { PlatformSpec } from '../shared/request';
import { headerValue } from '../shared/request';
import type { Operation, Runner, RunnerPlatform } from '../shared/runner';
import { operationRunner } from '../shared/runner';
import { baseUrlOf } from './address';
import { courseProgramOf, placeCourseProgram } from './courseProgram';

/** Laravel answers 422 with `errors: { field: [messages] }`; name each field. */
function laravelErrors(errors: unknown): string | undefined {
	if (!errors || typeof errors !== 'object') return undefined;
	const lines = Object.entries(errors as IDataObject).map(([field, messages]) => {
		const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
		return `${field}: ${text}`;
	});
	return invalidFields(lines);
}

export const KWIGA: PlatformSpec = {
	name: 'KWIGA',
	credentialType: 'kwigaApi',
	// 200 requests a minute per token (429 with Retry-After and X-RateLimit-Reset).
	rate: { requests: 200, windowMs: 60_000 },
	baseUrlField: 'Base URL',
	// As the credential's authenticate sets them (test/kwiga holds the two equal).
	authHeaders: (credentials) => ({
		Token: headerValue(credentials.token),
		'Cabinet-Hash': headerValue(credentials.cabinetHash),
		'X-Language': headerValue(credentials.language || 'en'),
	}),
	describeError: (_status, body) => ({
		message: [body.message, body.error, body.error_message].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		) as string,
		description: laravelErrors(body.errors),
	}),
	hints: {
		400: 'KWIGA rejected the request as invalid. Check the values of the fields you filled in.',
		401: 'Check the API token and cabinet hash in the KWIGA credential; a re-issued token makes the old one stop working.',
		403: 'This resource is available to cabinet administrators only, or the API is not enabled for the cabinet.',
		404: 'Check the ID: KWIGA has no such record in this cabinet.',
		405: 'KWIGA does not accept this method on this address.',
		422: 'Correct the fields named above and run the node again.',
		429: 'KWIGA kept answering "too many requests" (200 a minute per token) for 10 minutes. Try again later, or lower the rate in the KWIGA credential if other tools use the same token.',
		500: 'KWIGA had an internal problem. Try again later.',
		503: 'KWIGA is offline for maintenance (the request was tried again a few times). Try again later.',
	},
	// Every KWIGA answer is a JSON object with `data` (a record or a list) or `success`.
	checkAnswer: (body) => {
		if ('data' in body) return body.data === null ? 'no record ("data": null)' : undefined;
		if ('success' in body) return undefined;
		return 'JSON that is not a KWIGA answer (it has no "data")';
	},
};

/** The shapes of the values KWIGA's paths carry. */
export const KWIGA_PATH_PARAMS: Record<string, PathParam> = {
	contactId: positiveInteger('Contact'),
	productId: positiveInteger('Product', '299'),
	courseId: positiveInteger('Course', '142'),
	offerId: positiveInteger('Offer', '18'),
	listId: positiveInteger('Contact List', '1'),
	couponId: positiveInteger('Coupon', '3'),
	number: matching(
		'Certificate Number',
		/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
		'a certificate number of letters, digits and dashes, such as 1986-0001',
	),
};

/** A GET whose URL would be longer than this goes to a POST `/query` alias, where there is one. */
export const MAX_GET_URL_LENGTH = 2000;

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
 * A GET whose URL would be too long: a list with a documented POST `<path>/query` alias
 * (`queryAlias`: contacts, course participants) goes there with the same parameters as a
 * JSON body; any other request that long fails before it is sent.
 */
export function withQueryAlias(
	ctx: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	queryAlias = false,
): IHttpRequestOptions {
	const method = (options.method ?? 'GET').toUpperCase();
	if (method !== 'GET') return options;
	const length = `${options.baseURL ?? ''}${options.url}`.length + 1 + queryLength(options.qs);
	if (length <= MAX_GET_URL_LENGTH) return options;
	if (queryAlias) {
		return {
			...options,
			method: 'POST' as IHttpRequestMethods,
			url: `${options.url}/query`,
			body: { ...(options.qs ?? {}) },
			qs: {},
		};
	}
	throw new NodeOperationError(ctx.getNode(), `The request would be ${length} characters long`, {
		itemIndex: ctx.getItemIndex(),
		description: `KWIGA's address for this operation takes at most ${MAX_GET_URL_LENGTH} characters. Shorten the filters or values you entered.`,
	});
}

/** Where a request carries its page parameters: the query, or the body of a `/query` alias. */
function pageHolder(options: IHttpRequestOptions): 'qs' | 'body' | undefined {
	if (options.qs && 'per_page' in options.qs) return 'qs';
	const body = options.body as IDataObject | undefined;
	if (body && typeof body === 'object' && 'per_page' in body) return 'body';
	return undefined;
}

/** KWIGA's Laravel pagination: `page` / `per_page`, answers with `meta.current_page` and `last_page`. */
export const KWIGA_PAGING: Paging = {
	pageRequest: (options, page) => {
		const holder = pageHolder(options);
		if (!holder) return options;
		return { ...options, [holder]: { ...(options[holder] as IDataObject), page } };
	},
	read: (body) => {
		const { data, meta } = body;
		const beside = omit(body, 'data', 'links', 'meta');
		const pageMeta = meta as IDataObject | undefined;
		let records: IDataObject[];
		if (Array.isArray(data)) records = data as IDataObject[];
		else if (data === undefined) records = [body];
		// A single record keeps what KWIGA puts beside it (`contact_id` of a bulk removal).
		else records = [{ ...(data as IDataObject), ...beside }];
		return {
			records,
			currentPage: pageMeta?.current_page === undefined ? undefined : Number(pageMeta.current_page),
			lastPage: pageMeta?.last_page === undefined ? undefined : Number(pageMeta.last_page),
			hasNext: pageMeta ? undefined : false,
		};
	},
	key: (record) => (record.id === undefined ? undefined : String(record.id)),
};

/** The sort parameter of a list that has one: contacts `sort`, products and courses `sort_by`. */
export type SortParameter = 'sort' | 'sort_by';

/**
 * Return All walks oldest first (unless the user chose an order), so that records created
 * during the walk land on the last page instead of pushing others onto the next one.
 */
function inStableOrder(options: IHttpRequestOptions, sort: SortParameter): IHttpRequestOptions {
	if (!options.qs || !('per_page' in options.qs) || options.qs[sort] !== undefined) return options;
	return { ...options, qs: { ...options.qs, [sort]: 'asc' } };
}

/** What an operation's runner does beyond sending the request and walking its pages. */
export interface KwigaRunnerOptions {
	/** The list's sort parameter, set to oldest first for Return All. */
	stableSort?: SortParameter;
	/** Whether the list has a documented POST `…/query` alias for filters too long for a GET. */
	queryAlias?: boolean;
	/** The fields the operation's Simplify switch keeps (KWIGA_SIMPLE in simplify.ts). */
	simplify?: readonly string[];
}

/** What every KWIGA runner is told: the shapes of the path parameters. */
export const KWIGA_RUNNER_PLATFORM: RunnerPlatform = {
	spec: KWIGA,
	baseUrl: (credentials) => baseUrlOf(credentials.baseUrl),
	pathParams: KWIGA_PATH_PARAMS,
};

/**
 * Sends an operation's request and returns the records of every page (or of the Limit):
 * oldest first for Return All where the list asks so, through the `/query` alias where the
 * URL is too long for a GET and the list has one.
 */
async function sendAndWalk(
	{ ctx, options, limit }: Operation,
	how: KwigaRunnerOptions,
	paging: Paging,
): Promise<IDataObject[]> {
	let request = options;
	if (limit === undefined && how.stableSort) request = inStableOrder(request, how.stableSort);
	request = withQueryAlias(ctx, request, how.queryAlias);
	return await walkPages(ctx, KWIGA, request, paging, limit);
}

/**
 * A runner of the KWIGA node. Without options it is the node's default (the request as the
 * routing built it, its pages, the records as KWIGA sends them); an operation that needs
 * more names a runner made with its own options in its routing.
 */
export function kwigaRunner(how: KwigaRunnerOptions = {}): Runner {
	return operationRunner(KWIGA_RUNNER_PLATFORM, async (operation) => {
		const records = await sendAndWalk(operation, how, KWIGA_PAGING);
		return how.simplify ? simplified(operation.ctx, how.simplify, records) : records;
	});
}

/**
 * The node's `requestOperations.pagination`: every operation's routing sets `send.paginate`,
 * so n8n hands its request here unless the operation names its own runner.
 */
export const defaultKwigaRunner = kwigaRunner();

/**
 * Course → Get Participants: the participants of every page (through the `/query` alias when
 * the URL is too long), with the course program KWIGA sends beside them placed where the
 * operation's Course Program option says (courseProgram.ts).
 */
export const courseParticipantsRunner = operationRunner(KWIGA_RUNNER_PLATFORM, async (operation) => {
	let program: unknown;
	const paging: Paging = {
		...KWIGA_PAGING,
		read: (body) => {
			if (program === undefined) program = courseProgramOf(body);
			return KWIGA_PAGING.read(body);
		},
	};
	const records = await sendAndWalk(operation, { queryAlias: true }, paging);
	return placeCourseProgram(operation.ctx, records, program);
});
