/**
 * Requests the package builds itself, outside an operation's routing: the dropdowns and
 * searchable lists of the editor (methods.ts), the trigger's hooks (hooks.ts) and the lookup
 * of a contact chosen by email (contactByEmail.ts). They go to the credential's address
 * (address.ts) and leave through the same shared request as every operation.
 */
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { listPage, walkPages } from '../shared/pages';
import type { RequestContext } from '../shared/request';
import { addressOf } from '../shared/runner';
import { JSON_API, KAJABI, KAJABI_PAGING, KAJABI_RUNNER_PLATFORM } from './transport';

/** The GET request of a list for dropdowns and triggers, with the credential's base URL. */
export async function kajabiGetOptions(
	ctx: RequestContext,
	url: string,
	qs: IDataObject = {},
): Promise<IHttpRequestOptions> {
	const baseURL = await addressOf(ctx, KAJABI_RUNNER_PLATFORM);
	return { method: 'GET', baseURL, url, qs, headers: { Accept: JSON_API } };
}

/** One page of a Kajabi list, for searchable lists that page as the user scrolls. */
export async function kajabiPage(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
): Promise<{ records: IDataObject[]; hasMore: boolean }> {
	return await listPage(ctx, KAJABI, KAJABI_PAGING, await kajabiGetOptions(ctx, url, qs), Number(qs['page[number]'] ?? 1));
}

/** A whole Kajabi list (up to `limit` records), for dropdowns. */
export async function kajabiList(
	ctx: RequestContext,
	url: string,
	qs: IDataObject = {},
	limit?: number,
): Promise<IDataObject[]> {
	return await walkPages(
		ctx,
		KAJABI,
		await kajabiGetOptions(ctx, url, { 'page[size]': 100, ...qs }),
		KAJABI_PAGING,
		limit,
	);
}
