/**
 * The Boomerangme requests that are not an operation's: the dropdowns and searchable lists of
 * the editor, and the trigger's hook and verification calls. Each goes through the shared
 * request layer with the credential's address (address.ts) and Boomerangme's paging.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { listPage, walkPages } from '../shared/pages';
import type { RequestContext } from '../shared/request';
import { platformRequest } from '../shared/request';
import { addressOf } from '../shared/runner';
import { BOOMERANGME, PAGE_SIZE, PAGING, RUNNER_PLATFORM } from './transport';

/** The base URL of the credential, without a trailing slash (address.ts), as the runners set it. */
async function baseUrlOf(ctx: RequestContext): Promise<string> {
	return await addressOf(ctx, RUNNER_PLATFORM);
}

/** One request from a dropdown, a search or the trigger's hook methods. */
export async function boomerangmeRequest(
	ctx: RequestContext,
	options: Omit<IHttpRequestOptions, 'baseURL'>,
): Promise<IDataObject> {
	return await platformRequest(ctx, BOOMERANGME, {
		...options,
		baseURL: await baseUrlOf(ctx),
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
	} as IHttpRequestOptions);
}

/** One page of a Boomerangme list, for searchable lists that page as the user scrolls. */
export async function boomerangmePage(
	ctx: RequestContext,
	url: string,
	qs: IDataObject,
): Promise<{ records: IDataObject[]; hasMore: boolean }> {
	const options = { method: 'GET', baseURL: await baseUrlOf(ctx), url, qs, headers: { Accept: 'application/json' } } as IHttpRequestOptions;
	return await listPage(ctx, BOOMERANGME, PAGING, options, Number(qs.page ?? 1), Number(qs.itemsPerPage ?? PAGE_SIZE));
}

/** A whole Boomerangme list (up to `limit` records), for dropdowns. */
export async function boomerangmeList(
	ctx: RequestContext,
	url: string,
	limit: number,
): Promise<IDataObject[]> {
	return await walkPages(
		ctx,
		BOOMERANGME,
		{
			method: 'GET',
			baseURL: await baseUrlOf(ctx),
			url,
			qs: { itemsPerPage: PAGE_SIZE },
			headers: { Accept: 'application/json' },
		},
		PAGING,
		limit,
	);
}
