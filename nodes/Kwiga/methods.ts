/**
 * Dropdowns and searchable lists that load from the KWIGA cabinet. Their requests are built
 * here (the node's routing is not run for them) and sent through the shared request layer.
 */
import type {
	IDataObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { listPage, walkPages } from '../shared/pages';
import { addressOf } from '../shared/runner';
import { KWIGA, KWIGA_PAGING, KWIGA_RUNNER_PLATFORM } from './transport';

/** A GET of a KWIGA list at the credential's address (address.ts, as the runners set it). */
async function loadOptionsRequest(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
): Promise<IHttpRequestOptions> {
	const baseURL = await addressOf(ctx, KWIGA_RUNNER_PLATFORM);
	return { method: 'GET' as const, baseURL, url, qs, headers: { Accept: 'application/json' } };
}

/** GET a whole KWIGA list, for dropdowns of lists that stay small (time zones). */
async function kwigaList(ctx: ILoadOptionsFunctions, url: string, qs: IDataObject = {}): Promise<IDataObject[]> {
	return await walkPages(ctx, KWIGA, await loadOptionsRequest(ctx, url, qs), KWIGA_PAGING);
}

/** GET one page of a KWIGA list, for searchable lists that page as the user scrolls. */
async function kwigaPage(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
): Promise<{ records: IDataObject[]; hasMore: boolean }> {
	return await listPage(ctx, KWIGA, KWIGA_PAGING, await loadOptionsRequest(ctx, url, qs), Number(qs.page ?? 1));
}

function toOptions(records: IDataObject[], label: (record: IDataObject) => string): INodePropertyOptions[] {
	return records
		.map((record) => ({ name: label(record), value: record.id as number }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const titled = (record: IDataObject) =>
	`${String(record.title ?? record.name ?? 'Untitled')} (#${String(record.id)})`;

function matches(record: IDataObject, filter: string | undefined, keys: string[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return keys.some((key) => String(record[key] ?? '').toLowerCase().includes(needle));
}

/**
 * A searchable list over one KWIGA list endpoint, a page at a time as the user scrolls.
 * KWIGA searches contacts itself; other lists are filtered here, page by page.
 */
function pagedSearch(url: string, perPage: number, keys: string[], label = titled) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1);
		const { records, hasMore } = await kwigaPage(this, url, { page, per_page: perPage });
		return {
			results: records
				.filter((record) => matches(record, filter, keys))
				.map((record) => ({ name: label(record), value: String(record.id) })),
			paginationToken: hasMore ? String(page + 1) : undefined,
		};
	};
}

export const loadOptions = {
	// Multi-select fields: every page is loaded, however many records the cabinet has.
	async getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kwigaList(this, '/products', { per_page: 100 }), titled);
	},

	async getOffers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kwigaList(this, '/offers', { per_page: 100 }), titled);
	},

	async getContactLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kwigaList(this, '/mailing/contact-lists', { per_page: 100 }), titled);
	},

	async getTimezones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const records = await kwigaList(this, '/timezones');
		return toOptions(records, (record) => String(record.name_full ?? record.name));
	},
};

export const listSearch = {
	async searchContacts(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1);
		const qs: IDataObject = { page, per_page: 50 };
		if (filter) qs.filters = { search: filter };
		const { records, hasMore } = await kwigaPage(this, '/contacts', qs);
		return {
			results: records.map((contact) => {
				const name = [contact.first_name, contact.last_name].filter(Boolean).join(' ');
				return {
					name: name ? `${name} <${String(contact.email)}>` : String(contact.email ?? contact.id),
					value: String(contact.id),
				};
			}),
			paginationToken: hasMore ? String(page + 1) : undefined,
		};
	},

	searchOffers: pagedSearch('/offers', 100, ['title', 'id', 'unique_offer_code']),
	searchProducts: pagedSearch('/products', 100, ['title', 'id']),
	searchCourses: pagedSearch('/courses', 15, ['title', 'id']),
	searchContactLists: pagedSearch('/mailing/contact-lists', 100, ['title', 'id']),
};
