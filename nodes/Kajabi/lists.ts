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

/** A site of the Kajabi account: its ID and title. */
export interface KajabiSite {
	id: string;
	title: string;
}

/** The most sites read for a lookup; an account has a few. */
const SITES_LIMIT = 100;

/** The account's sites, read once per node run (its items share one request). */
const sitesOfRun = new WeakMap<object, Promise<KajabiSite[]>>();

async function readSites(ctx: RequestContext): Promise<KajabiSite[]> {
	return (await kajabiList(ctx, '/v1/sites', {}, SITES_LIMIT)).map((record) => {
		const attributes = (record.attributes ?? {}) as IDataObject;
		return { id: String(record.id ?? ''), title: String(attributes.title ?? '') };
	});
}

/**
 * The sites of the account (GET /v1/sites). Kajabi requires `filter[site_id]` on its contact
 * and customer lists when an account has several sites, and recommends it always; a lookup
 * that has no site chosen in the node asks each of these. Items of one node run share one
 * request; the editor's lists ask each time.
 */
export async function accountSites(ctx: RequestContext): Promise<KajabiSite[]> {
	const run = 'getExecuteData' in ctx && typeof ctx.getExecuteData === 'function' ? ctx.getExecuteData() : undefined;
	if (!run || typeof run !== 'object') return await readSites(ctx);
	let sites = sitesOfRun.get(run);
	if (!sites) {
		sites = readSites(ctx);
		sitesOfRun.set(run, sites);
		// A failed read is not kept: the next item asks again.
		sites.catch(() => sitesOfRun.delete(run));
	}
	return await sites;
}
