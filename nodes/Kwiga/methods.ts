/** Dropdowns and searchable lists that load from the KWIGA cabinet. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { kwigaList, kwigaPage } from './transport';

/** Dropdowns show at most this many entries; a cabinet with more is searched by ID. */
const DROPDOWN_LIMIT = 500;

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

export const loadOptions = {
	async getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kwigaList(this, '/products', { per_page: 100 }, DROPDOWN_LIMIT), titled);
	},

	async getCourses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kwigaList(this, '/courses', { per_page: 15 }, DROPDOWN_LIMIT), titled);
	},

	async getOffers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await kwigaList(this, '/offers', { per_page: 100 }, DROPDOWN_LIMIT), titled);
	},

	async getContactLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(
			await kwigaList(this, '/mailing/contact-lists', { per_page: 100 }, DROPDOWN_LIMIT),
			titled,
		);
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

	async searchOffers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const records = await kwigaList(this, '/offers', { per_page: 100 }, DROPDOWN_LIMIT);
		return {
			results: records
				.filter((offer) => matches(offer, filter, ['title', 'id', 'unique_offer_code']))
				.map((offer) => ({ name: titled(offer), value: String(offer.id) })),
		};
	},
};
