/**
 * What is Kajabi's own about sending a request: its JSON:API answers and error objects, the
 * shapes of its path parameters, its `page[number]` / `page[size]` pagination, the request
 * as Kajabi reads it (flat query, JSON:API headers), and the runners its operations name in
 * their routing. Sending itself (rate gate, token refresh after a 401, checks, error shape)
 * is nodes/shared/.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { DELETED } from '../shared/output';
import type { Paging } from '../shared/pages';
import { walkPages } from '../shared/pages';
import type { PathParam } from '../shared/path';
import { matching } from '../shared/path';
import type { PlatformSpec } from '../shared/request';
import type { Runner, RunnerPlatform } from '../shared/runner';
import { operationRunner } from '../shared/runner';
import { shapeRecords } from './simplify';
import { kajabiBaseUrl } from './address';
import { KAJABI_CREDENTIAL, KAJABI_TOKEN_IDENTITY, kajabiCurrentToken, kajabiIdentity } from './token';

/** The JSON:API media type Kajabi speaks. */
export const JSON_API = 'application/vnd.api+json';

/** The field a JSON:API error's `source.pointer` names: "/data/attributes/email" is "email". */
function fieldOf(pointer: unknown): string | undefined {
	if (typeof pointer !== 'string' || pointer === '') return undefined;
	const parts = pointer.split('/').filter((part) => part !== '');
	return parts[parts.length - 1];
}

/** One JSON:API error object as a sentence: "Invalid email: is not deliverable (email)". */
function errorLine(error: IDataObject): string {
	const title = typeof error.title === 'string' ? error.title.trim() : '';
	const detail = typeof error.detail === 'string' ? error.detail.trim() : '';
	const text = title && detail && title !== detail ? `${title}: ${detail}` : title || detail;
	const field = fieldOf((error.source as IDataObject | undefined)?.pointer);
	return field ? `${text || 'invalid'} (${field})` : text;
}

export const KAJABI: PlatformSpec = {
	name: 'Kajabi',
	credentialType: KAJABI_CREDENTIAL,
	// Kajabi does not publish a rate; this is an assumption the credential can override.
	rate: { requests: 100, windowMs: 60_000 },
	baseUrlField: 'Base URL',
	// A 401 means Kajabi refused the access token: get a new one and send once more. A token
	// got for another client ID, secret or base URL (the credential was edited) is no token.
	token: {
		field: 'accessToken',
		refusedWith: [401],
		identity: { field: KAJABI_TOKEN_IDENTITY, of: kajabiIdentity },
	},
	// As the credential's authenticate sets it (test/shared/authHeaders holds the two equal).
	authHeaders: (credentials) => ({ Authorization: `Bearer ${kajabiCurrentToken(credentials)}` }),
	describeError: (_status, body) => {
		const errors = Array.isArray(body.errors) ? (body.errors as IDataObject[]) : [];
		const lines = errors.map(errorLine).filter((line) => line !== '');
		const fields = errors
			.map((error) => fieldOf((error.source as IDataObject | undefined)?.pointer))
			.filter((field): field is string => field !== undefined);
		const oauth = [body.error_description, body.error, body.message].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		) as string | undefined;
		return {
			message: lines.length ? lines.join('; ') : (oauth ?? ''),
			description: fields.length ? `Fields Kajabi named: ${[...new Set(fields)].join(', ')}.` : undefined,
		};
	},
	hints: {
		400: 'Kajabi rejected the request as invalid. Check the values of the fields you filled in (a site is required where the operation asks for one).',
		401: 'Kajabi did not accept the access token, even after getting a new one. Check the client ID and client secret in the Kajabi credential; a rotated or deleted API key stops working.',
		403: 'The API key lacks a permission (scope) this operation needs, for example view:contacts or view:purchases. Edit the User API Key in Kajabi (Settings → Security → User API Keys) or use a key that has it.',
		404: 'Check the ID: Kajabi has no such record, or the API key cannot see it.',
		422: 'Correct the values Kajabi named and run the node again.',
		429: 'Kajabi kept answering "too many requests" for 10 minutes. Try again later, or lower the rate in the Kajabi credential if other tools use the same API key.',
		500: 'Kajabi had an internal problem. Try again later.',
		503: 'Kajabi is unavailable right now (the request was tried again a few times). Try again later.',
	},
	// Kajabi answers JSON:API documents: `data` (a record, a list, or a sample list), or `meta` (version).
	checkAnswer: (body) =>
		'data' in body || 'meta' in body ? undefined : 'JSON that is not a JSON:API document (it has no "data")',
	// A delete, a revoke or a relationship change may answer 204 or 200 with no body.
	emptyAnswer: (options) =>
		(options.method ?? 'GET').toUpperCase() === 'GET' ? undefined : { success: true },
};

/** Kajabi's IDs: digits mostly, letters in a few (payouts: payout_abc123). */
const kajabiId = (label: string, example = '123'): PathParam =>
	matching(label, /^[A-Za-z0-9_-]{1,64}$/, `an ID of letters, digits, - and _ such as ${example}`);

/** The shapes of the values Kajabi's paths carry, by node parameter. */
export const KAJABI_PATH_PARAMS: Record<string, PathParam> = {
	blogPostId: kajabiId('Blog Post'),
	contactNoteId: kajabiId('Contact Note'),
	contactTagId: kajabiId('Contact Tag'),
	contactId: kajabiId('Contact'),
	courseId: kajabiId('Course'),
	customFieldId: kajabiId('Custom Field'),
	customerId: kajabiId('Customer'),
	formSubmissionId: kajabiId('Form Submission'),
	formId: kajabiId('Form'),
	hookId: kajabiId('Webhook'),
	payoutId: kajabiId('Payout', 'payout_abc123'),
	landingPageId: kajabiId('Landing Page'),
	offerId: kajabiId('Offer'),
	orderItemId: kajabiId('Order Item'),
	orderId: kajabiId('Order'),
	podcastId: kajabiId('Podcast'),
	productId: kajabiId('Product'),
	purchaseId: kajabiId('Purchase'),
	siteId: kajabiId('Site'),
	transactionId: kajabiId('Transaction'),
	websitePageId: kajabiId('Website Page'),
	sampleEvent: matching(
		'Event',
		/^(purchase|payment_succeeded|order_created|form_submission|tag_added|tag_removed)$/,
		'one of purchase, payment_succeeded, order_created, form_submission, tag_added, tag_removed',
	),
};

/**
 * Query values as Kajabi reads them: `{ filter: { site_id } }` becomes `filter[site_id]`. A
 * list under a key ending in `[]` (`filter[exclude_product_types][]`) stays a list, sent as
 * the key repeated; other lists are joined with commas.
 */
export function flatQuery(qs: IDataObject | undefined): IDataObject {
	const flat: IDataObject = {};
	const walk = (value: unknown, key: string) => {
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			for (const [inner, innerValue] of Object.entries(value as IDataObject)) {
				walk(innerValue, key ? `${key}[${inner}]` : inner);
			}
		} else if (value !== undefined && value !== null && value !== '') {
			if (!Array.isArray(value)) flat[key] = value as string;
			else if (key.endsWith('[]')) flat[key] = value.map(String);
			else flat[key] = value.join(',');
		}
	};
	walk(qs ?? {}, '');
	return flat;
}

/**
 * JSON:API paging: `page[number]` over `page[size]`, `meta.total_pages`, `links.next`; payouts
 * say where they are under `meta.pagination` (`current`, `next`, `last`).
 */
export const KAJABI_PAGING: Paging = {
	pageRequest: (options, page) => {
		const qs = options.qs ?? {};
		if (!('page[size]' in qs) && !('page[number]' in qs)) return options;
		return { ...options, qs: { ...qs, 'page[number]': page } };
	},
	read: (body) => {
		const data = body.data;
		let records: IDataObject[];
		if (Array.isArray(data)) records = data as IDataObject[];
		else if (data === undefined || data === null) records = [body];
		// Kajabi answers a deleted contact with `{ "data": {} }`.
		else if (typeof data === 'object' && !Object.keys(data).length) records = [{ success: true }];
		else records = [data as IDataObject];
		const meta = body.meta as IDataObject | undefined;
		const links = body.links as IDataObject | undefined;
		const number = (value: unknown) =>
			value === undefined || value === null || value === '' ? undefined : Number(value);
		const pagination = (meta?.pagination ?? undefined) as IDataObject | undefined;
		let hasNext = links && 'next' in links ? Boolean(links.next) : undefined;
		if (hasNext === undefined && pagination && typeof pagination === 'object' && 'next' in pagination) {
			hasNext = number(pagination.next) !== undefined;
		}
		return {
			records,
			currentPage: number(meta?.current_page ?? pagination?.current),
			lastPage: number(meta?.total_pages ?? pagination?.last),
			hasNext,
		};
	},
	pageSize: (options) => {
		const size = options.qs?.['page[size]'];
		return size === undefined ? undefined : Number(size);
	},
	key: (record) =>
		record.id === undefined || record.type === undefined ? undefined : `${String(record.type)}:${String(record.id)}`,
};

/** The request as Kajabi reads it (its path already filled and checked): query flat, JSON:API headers. */
function kajabiOptions(filled: IHttpRequestOptions): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		...filled,
		qs: flatQuery(filled.qs as IDataObject),
		arrayFormat: 'repeat',
	};
	if (options.body !== undefined && options.body !== null && typeof options.body === 'object') {
		options.headers = { ...(options.headers ?? {}), 'Content-Type': JSON_API };
	}
	return options;
}

/** What sets one kind of Kajabi operation apart from the others. */
/** What every runner of the Kajabi node is told: Kajabi, its address rule, its path parameters. */
export const KAJABI_RUNNER_PLATFORM: RunnerPlatform = {
	spec: KAJABI,
	baseUrl: kajabiBaseUrl,
	pathParams: KAJABI_PATH_PARAMS,
};

export interface KajabiRunnerOptions {
	/** Runs before the path is filled (the contact chosen by email: contactByEmail.ts). */
	before?: RunnerPlatform['before'];
	/** A Delete: its item is `{ deleted: true }` once Kajabi has accepted it. */
	deletes?: boolean;
}

/**
 * A runner of the Kajabi node: sends the operation's request as Kajabi reads it, follows its
 * pages, and puts out its records as the operation's own Simplify switch says (operations
 * without one put them out simplified). A change that leaves a relationship empty (the last
 * offer revoked, every tag replaced by none) answers an empty list: its item says it
 * succeeded instead of vanishing.
 */
export function kajabiRunner({ before, deletes = false }: KajabiRunnerOptions = {}): Runner {
	return operationRunner({ ...KAJABI_RUNNER_PLATFORM, before }, async ({ ctx, options: filled, limit }) => {
		const options = kajabiOptions(filled);
		const included: IDataObject[] = [];
		const paging: Paging = {
			...KAJABI_PAGING,
			read: (body) => {
				if (Array.isArray(body.included)) included.push(...(body.included as IDataObject[]));
				return KAJABI_PAGING.read(body);
			},
		};
		const records = await walkPages(ctx, KAJABI, options, paging, limit);
		if (deletes) return [DELETED];
		// A relationship change that leaves none answers an empty list: say it succeeded.
		if (!records.length && (options.method ?? 'GET').toUpperCase() !== 'GET') return [{ success: true }];
		// The operation's own Simplify switch; an operation without one reads its default, on.
		const simplify = ctx.getNodeParameter('simplify', true) as boolean;
		return shapeRecords(records, included, simplify !== false);
	});
}

/**
 * The Kajabi node's default runner (its `requestOperations.pagination`): it sends every
 * operation that does not name its own (the Deletes, and the contact operations whose Contact
 * field has By Email: contactByEmail.ts).
 */
export const KAJABI_RUNNER = kajabiRunner();

/** The runner of Contact Note: Delete and Webhook: Delete. */
export const KAJABI_DELETE_RUNNER = kajabiRunner({ deletes: true });
