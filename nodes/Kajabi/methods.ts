/** Dropdowns and searchable lists that load from the Kajabi account. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { KajabiSite } from './lists';
import { accountSites, kajabiList, kajabiPage } from './lists';

/** Dropdowns show at most this many entries; an account with more is searched or given by ID. */
const DROPDOWN_LIMIT = 500;

const SEARCH_PAGE_SIZE = 50;

function label(record: IDataObject): string {
	const attributes = (record.attributes ?? {}) as IDataObject;
	const text = [attributes.title, attributes.name, attributes.internal_title, attributes.email].find(
		(value) => typeof value === 'string' && value.trim() !== '',
	);
	const email =
		typeof attributes.email === 'string' && attributes.email !== text ? ` <${attributes.email}>` : '';
	return `${String(text ?? 'Untitled')}${email} (#${String(record.id)})`;
}

function toOptions(records: IDataObject[]): INodePropertyOptions[] {
	return records
		.map((record) => ({ name: label(record), value: String(record.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The site chosen in the node (Site field or Filters → Site), if any. */
function chosenSiteId(ctx: ILoadOptionsFunctions): string | undefined {
	for (const path of ['siteId', 'filters.site_id']) {
		try {
			// The editor sends the values being edited; saved ones are the fallback.
			const value =
				ctx.getCurrentNodeParameter(path, { extractValue: true }) ??
				ctx.getNodeParameter(path, '', { extractValue: true });
			if (typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value.trim())) return value.trim();
		} catch {
			// the parameter is not on this operation
		}
	}
	return undefined;
}

/** The site chosen in the node as a filter, to narrow a dropdown to it. */
function chosenSite(ctx: ILoadOptionsFunctions): IDataObject {
	const site = chosenSiteId(ctx);
	return site === undefined ? {} : { 'filter[site_id]': site };
}

const dropdown = (url: string, bySite = true) =>
	async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kajabiList(this, url, bySite ? chosenSite(this) : {}, DROPDOWN_LIMIT));
	};

/** A searchable list: Kajabi filters by `filterKey` where it documents one, else the page is filtered here. */
const searchable = (url: string, filterKey?: string, bySite = true) =>
	async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = paginationToken ? Number(paginationToken) : 1;
		const qs: IDataObject = {
			...(bySite ? chosenSite(this) : {}),
			'page[number]': page,
			'page[size]': SEARCH_PAGE_SIZE,
		};
		if (filter && filterKey) qs[`filter[${filterKey}]`] = filter;
		const { records, hasMore } = await kajabiPage(this, url, qs);
		let results = records.map((record) => ({
			name: label(record),
			value: String(record.id),
		}));
		if (filter && !filterKey) {
			const needle = filter.toLowerCase();
			results = results.filter((result) => result.name.toLowerCase().includes(needle));
		}
		return { results, paginationToken: hasMore ? String(page + 1) : undefined };
	};

/**
 * The searchable list of contacts or customers, searched with `filter[search]`. Kajabi
 * requires `filter[site_id]` on these lists when the account has several sites (and
 * recommends it always): the site chosen in the node, else the account's only site; with
 * several sites and none chosen, the list runs through each site in turn, each entry naming
 * its site. The next-page token is `<site index>:<page>`.
 */
const searchablePeople = (url: string) =>
	async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const chosen = chosenSiteId(this);
		const sites: Array<KajabiSite | undefined> = chosen ? [{ id: chosen, title: '' }] : await accountSites(this);
		if (!sites.length) sites.push(undefined);
		const [siteToken, pageToken] = (paginationToken ?? '').split(':');
		let index = pageToken === undefined ? 0 : Number(siteToken) || 0;
		let page = Number(pageToken ?? siteToken) || 1;
		const named = sites.length > 1;
		while (index < sites.length) {
			const site = sites[index];
			const qs: IDataObject = {
				...(site ? { 'filter[site_id]': site.id } : {}),
				'page[number]': page,
				'page[size]': SEARCH_PAGE_SIZE,
			};
			if (filter) qs['filter[search]'] = filter;
			const { records, hasMore } = await kajabiPage(this, url, qs);
			const results = records.map((record) => ({
				name: named && site ? `${label(record)} · ${site.title || `site #${site.id}`}` : label(record),
				value: String(record.id),
			}));
			const next = hasMore ? `${index}:${page + 1}` : index + 1 < sites.length ? `${index + 1}:1` : undefined;
			// A site without matches is passed over, so that the list never stops on an empty page.
			if (results.length || hasMore || next === undefined) return { results, paginationToken: next };
			index += 1;
			page = 1;
		}
		return { results: [] };
	};

export const loadOptions = {
	getSites: dropdown('/v1/sites', false),
	getOffers: dropdown('/v1/offers'),
	getContactTags: dropdown('/v1/contact_tags'),
	getForms: dropdown('/v1/forms'),
	getProducts: dropdown('/v1/products'),
	getCourses: dropdown('/v1/courses'),
};

export const listSearch = {
	searchSites: searchable('/v1/sites', 'title_cont', false),
	searchOffers: searchable('/v1/offers', 'title_cont'),
	searchContactTags: searchable('/v1/contact_tags', 'name_cont'),
	searchForms: searchable('/v1/forms', 'title_cont'),
	searchProducts: searchable('/v1/products', 'title_cont'),
	searchCourses: searchable('/v1/courses', 'title_cont'),
	searchContacts: searchablePeople('/v1/contacts'),
	searchCustomers: searchablePeople('/v1/customers'),
};
