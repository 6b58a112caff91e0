/**
 * The page walker every platform's lists use. It keeps its own page counter (it never
 * takes the next page from what the server says), stops when the server does not move
 * forward, and never asks past the last page the first answer announced.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { PlatformSpec, RequestContext } from './request';
import { MAX_RECORDS, platformRequest, tooManyRecords } from './request';

/** What one answer of a paginated list says. */
export interface Page {
	records: IDataObject[];
	/** The page the server says it answered, where it says so. */
	currentPage?: number;
	/** The last page, where the server says so. */
	lastPage?: number;
	/** Whether the server says there is a next page (a `next` link), where it says so. */
	hasNext?: boolean;
}

export interface Paging {
	/** The request for page `page` (1-based), built from the first request. */
	pageRequest: (options: IHttpRequestOptions, page: number) => IHttpRequestOptions;
	/** Reads an answer. */
	read: (body: IDataObject) => Page;
	/** Page size asked for, when the request asks for one: a shorter page is the last. */
	pageSize?: (options: IHttpRequestOptions) => number | undefined;
	/**
	 * A record's identity: a record seen on an earlier page (pushed there by a record
	 * created during the walk) is not put out twice.
	 */
	key?: (record: IDataObject) => string | undefined;
}

/** No list is walked further than this many pages, whatever the server says. */
export const MAX_PAGES = 10_000;

/**
 * Returns the records of every page (or of the first `limit`). A request that is not
 * paginated (Paging undefined) is one page.
 */
export async function walkPages(
	ctx: RequestContext,
	spec: PlatformSpec,
	options: IHttpRequestOptions,
	paging: Paging,
	limit?: number,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const size = paging.pageSize?.(options);
	let lastPage: number | undefined;
	const seen = new Set<string>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const body = await platformRequest(ctx, spec, paging.pageRequest(options, page), itemIndex);
		const answer = paging.read(body);
		for (const record of answer.records) {
			const key = paging.key?.(record);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			records.push(record);
		}
		if (limit === undefined && records.length > MAX_RECORDS) throw tooManyRecords(ctx, records.length, itemIndex);
		if (page === 1 && answer.lastPage !== undefined && Number.isFinite(answer.lastPage)) {
			lastPage = answer.lastPage;
		}
		if (limit !== undefined && records.length >= limit) break;
		if (!answer.records.length) break;
		// The server answered another page than the one asked for: it is not moving forward.
		if (answer.currentPage !== undefined && answer.currentPage !== page) break;
		if (lastPage !== undefined && page >= lastPage) break;
		if (answer.hasNext === false) break;
		if (answer.hasNext === undefined && lastPage === undefined) {
			// No page count and no next link: only a full page can have a next one.
			if (size === undefined || answer.records.length < size) break;
		}
	}
	return limit === undefined ? records : records.slice(0, limit);
}

/**
 * One page of a list, for a searchable list in the editor that asks for the next page as
 * the user scrolls: the records, and whether there is more (the answer's next link, else its
 * last page, else — where the platform says neither — whether the page was full).
 */
export async function listPage(
	ctx: RequestContext,
	spec: PlatformSpec,
	paging: Paging,
	options: IHttpRequestOptions,
	page: number,
	pageSize?: number,
): Promise<{ records: IDataObject[]; hasMore: boolean }> {
	const answer = paging.read(await platformRequest(ctx, spec, options));
	const current = answer.currentPage ?? page;
	const hasMore =
		answer.hasNext ??
		(answer.lastPage !== undefined
			? current < answer.lastPage
			: pageSize !== undefined && answer.records.length >= pageSize);
	return { records: answer.records, hasMore };
}
