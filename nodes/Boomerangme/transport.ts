/**
 * What is Boomerangme's own in sending: its PlatformSpec (rate, credential headers, how its
 * errors read), the shapes of its path parameters, how its answers carry records and pages,
 * and the runners its operations name in their routing. Sending, waiting, paging and error
 * shapes live once in nodes/shared; the paths, card types and input checks live beside this
 * file (paths.ts, cards.ts, checks.ts), the address rule in address.ts, and the requests of
 * dropdowns and the trigger in requests.ts.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidFields, omit } from '../shared/fields';
import { DELETED, simplified } from '../shared/output';
import type { Paging } from '../shared/pages';
import { walkPages } from '../shared/pages';
import type { PathParam } from '../shared/path';
import { matching, positiveInteger } from '../shared/path';
import type { ErrorText, PlatformSpec } from '../shared/request';
import { headerValue } from '../shared/request';
import type { Operation, Runner, RunnerPlatform } from '../shared/runner';
import { operationRunner } from '../shared/runner';
import { baseUrlFrom } from './address';
import type { BalanceAction } from './cards';
import { checkBalanceAmount, mergeJsonFields } from './checks';

export const BOOMERANGME_CREDENTIAL = 'boomerangmeApi';

/** A token-like ID: letters, digits, "-" and "_" (customer UUIDs, push and tariff IDs). */
const tokenId = (label: string, example: string): PathParam =>
	matching(label, /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, `an ID of letters, digits and dashes, such as ${example}`);

/** The shape of each path parameter. Card numbers look like 939829-317-169. */
export const PATH_PARAMS: Record<string, PathParam> = {
	cardNumber: matching(
		'Card Number',
		/^\d{1,12}(-\d{1,12}){0,5}$/,
		'the number printed under the card\'s QR code: digits and dashes, such as 939829-317-169',
	),
	customerId: tokenId('Customer', '3f1c2b9e-0d4a-4e7b-9a51-6c2d8e0f1a23'),
	companyId: positiveInteger('Company', '1024'),
	templateId: positiveInteger('Template', '41402'),
	pushId: tokenId('Push', '5821'),
	tariffId: tokenId('Tariff', '12'),
	webhookId: tokenId('Webhook', '731'),
};

/** The largest itemsPerPage the node asks for (the size public integrations use). */
export const PAGE_SIZE = 100;

const STATUS_HINTS: Record<number, string> = {
	400: 'Boomerangme rejected the request. Check the values you filled in.',
	401: 'Check the API key in the Boomerangme credential (in Boomerangme: settings icon → Integrations). A sub-account has its own key.',
	403: 'This API key may not do this. Companies and tariffs need the agency (reseller) account\'s key.',
	404: 'Check the number or ID: Boomerangme has no such record for this API key.',
	405: 'Boomerangme does not accept this method on this address.',
	409: 'Boomerangme already has such a record (for example a customer with this phone or email).',
	422: 'Correct the fields named above and run the node again.',
	429: 'Boomerangme kept answering "too many requests". Run fewer items at once, for example with the Batching option, and try again.',
	500: 'Boomerangme had an internal problem. Try again later.',
	503: 'Boomerangme is temporarily unavailable. Try again later.',
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Field errors as Boomerangme may send them: `violations` or `errors` (a map or a list). */
function describeFields(body: IDataObject): string | undefined {
	const lines: string[] = [];
	const violations = body.violations;
	if (Array.isArray(violations)) {
		for (const violation of violations as IDataObject[]) {
			const field = text(violation?.propertyPath) ?? text(violation?.field);
			const message = text(violation?.message) ?? text(violation?.title);
			if (message) lines.push(field ? `${field}: ${message}` : message);
		}
	}
	const errors = body.errors;
	if (Array.isArray(errors)) {
		for (const error of errors) {
			if (typeof error === 'string') lines.push(error);
			else if (error && typeof error === 'object') {
				const field = text((error as IDataObject).field) ?? text((error as IDataObject).propertyPath);
				const message = text((error as IDataObject).message);
				if (message) lines.push(field ? `${field}: ${message}` : message);
			}
		}
	} else if (errors && typeof errors === 'object') {
		for (const [field, messages] of Object.entries(errors as IDataObject)) {
			lines.push(`${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`);
		}
	}
	return invalidFields(lines);
}

export function describeBoomerangmeError(_status: number, body: IDataObject): ErrorText {
	const error = body.error;
	const message =
		text(body.message) ??
		text(body.detail) ??
		text(body['hydra:description']) ??
		text(error) ??
		(error && typeof error === 'object' ? text((error as IDataObject).message) : undefined) ??
		text(body.title) ??
		'';
	return { message, description: describeFields(body) };
}

const isList = (options: IHttpRequestOptions) => options.qs?.itemsPerPage !== undefined;

export const BOOMERANGME: PlatformSpec = {
	name: 'Boomerangme',
	credentialType: BOOMERANGME_CREDENTIAL,
	// Boomerangme publishes no rate; public integrations keep under 8 a second.
	rate: { requests: 5, windowMs: 1000 },
	// As the credential's authenticate sets it (test/boomerangme holds the two equal).
	authHeaders: (credentials) => ({ 'X-API-Key': headerValue(credentials.apiKey) }),
	describeError: describeBoomerangmeError,
	hints: STATUS_HINTS,
	// Answers carry their own `code`; one above 399 in a 2xx answer is still a failure.
	failureIn2xx: (body) =>
		typeof body.code === 'number' && body.code >= 400
			? describeBoomerangmeError(body.code, body)
			: undefined,
	checkAnswer: (body, options) =>
		isList(options) && !Array.isArray(body.data) ? 'a list answer without a "data" list' : undefined,
	// A change answered with no content was applied: say so rather than fail (and tempt a re-run).
	emptyAnswer: (options) =>
		(options.method ?? 'GET').toUpperCase() === 'GET' ? undefined : { success: true },
	baseUrlField: 'Base URL',
};

/** Boomerangme's answers: `{ code, meta: { currentPage, itemsPerPage, totalItems }, data }`. */
export const PAGING: Paging = {
	pageRequest: (options, page) =>
		isList(options) ? { ...options, qs: { ...options.qs, page } } : options,
	read: (body) => {
		const data = body.data;
		let records: IDataObject[];
		if (Array.isArray(data)) records = data as IDataObject[];
		else if (data && typeof data === 'object') records = [data as IDataObject];
		else {
			// No record (a deletion): what the answer says beside its code, or that it worked.
			const rest = omit(body, 'code', 'meta', 'data');
			records = [Object.keys(rest).length ? rest : { success: true }];
		}
		const meta = (body.meta ?? {}) as IDataObject;
		const currentPage = Number(meta.currentPage);
		const perPage = Number(meta.itemsPerPage);
		const total = Number(meta.totalItems);
		return {
			records,
			currentPage: Number.isFinite(currentPage) && currentPage > 0 ? currentPage : undefined,
			lastPage:
				Number.isFinite(total) && Number.isFinite(perPage) && perPage > 0
					? Math.max(1, Math.ceil(total / perPage))
					: undefined,
		};
	},
	pageSize: (options) => (isList(options) ? Number(options.qs!.itemsPerPage) : undefined),
};

/** What every Boomerangme runner is told: the shapes of the path parameters it fills. */
export const RUNNER_PLATFORM: RunnerPlatform = {
	spec: BOOMERANGME,
	baseUrl: (credentials) => baseUrlFrom(credentials.baseUrl),
	pathParams: PATH_PARAMS,
};

/** Sends the operation's request and returns its records: every page of a list (or up to the Limit). */
async function walk({ ctx, options, limit }: Operation): Promise<IDataObject[]> {
	return await walkPages(ctx, BOOMERANGME, options, PAGING, limit);
}

/**
 * The node's default runner (its `requestOperations.pagination`): the request as routing
 * built it, its pages followed, its records as Boomerangme gave them.
 */
export const boomerangmeRunner: Runner = operationRunner(RUNNER_PLATFORM, walk);

/** The runner of a Delete: once Boomerangme has accepted it, the item is `{ deleted: true }`. */
export const deleteRunner: Runner = operationRunner(RUNNER_PLATFORM, async (operation) => {
	await walk(operation);
	return [DELETED];
});

/**
 * The runner of a Get or Get Many with a Simplify switch: with the switch on, each record
 * keeps only `keys` (BOOMERANGME_SIMPLE in fields.ts).
 */
export function simplifyRunner(keys: readonly string[]): Runner {
	return operationRunner(RUNNER_PLATFORM, async (operation) => {
		return simplified(operation.ctx, keys, await walk(operation));
	});
}

/**
 * The runner of Company Create and Update: the Other Fields (JSON) are merged into the body
 * (bad JSON fails the item before anything is sent).
 */
export const otherFieldsRunner: Runner = operationRunner(RUNNER_PLATFORM, async (operation) => {
	mergeJsonFields(operation.ctx, operation.options);
	return await walk(operation);
});

/** A balance operation the platform refused: say which cards it applies to. */
function withCardTypeHint(error: unknown, balance: BalanceAction): unknown {
	if (!(error instanceof NodeApiError)) return error;
	if (!['400', '403', '409', '422'].includes(String(error.httpCode))) return error;
	const hint = `${balance.name} applies to ${balance.appliesTo} only; check the card's type in Boomerangme.`;
	error.description = error.description ? `${error.description} ${hint}` : hint;
	return error;
}

/**
 * The runner of one balance operation: its amount is checked before anything is sent, and
 * a refusal says which card types the operation applies to.
 */
export function balanceRunner(balance: BalanceAction): Runner {
	return operationRunner(RUNNER_PLATFORM, async (operation) => {
		checkBalanceAmount(operation.ctx, balance, operation.options);
		try {
			return await walk(operation);
		} catch (error) {
			throw withCardTypeHint(error, balance);
		}
	});
}
