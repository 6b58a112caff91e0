/** Dropdowns and searchable lists that load from the Boomerangme account. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { PATHS } from './paths';
import { boomerangmeList, boomerangmePage } from './requests';

/** Dropdowns show at most this many entries; an account with more is searched or given by ID. */
const DROPDOWN_LIMIT = 500;

const named = (record: IDataObject) =>
	`${String(record.name ?? record.title ?? 'Untitled')} (#${String(record.id)})`;

function matches(record: IDataObject, filter: string | undefined, keys: string[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return keys.some((key) => String(record[key] ?? '').toLowerCase().includes(needle));
}

function toOptions(records: IDataObject[]): INodePropertyOptions[] {
	return records
		.map((record) => ({ name: named(record), value: record.id as string | number }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const loadOptions = {
	async getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await boomerangmeList(this, PATHS.templates, DROPDOWN_LIMIT));
	},

	async getTariffs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await boomerangmeList(this, PATHS.tariffs, DROPDOWN_LIMIT));
	},
};

/** How a customer reads in a list: "Anna Smith <anna@example.com>". */
function customerName(customer: IDataObject): string {
	const name = [customer.firstName, customer.surname].filter(Boolean).join(' ');
	const contact = customer.email ?? customer.phone;
	if (name && contact) return `${name} <${String(contact)}>`;
	return name || String(contact ?? customer.id);
}

export const listSearch = {
	async searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const records = await boomerangmeList(this, PATHS.templates, DROPDOWN_LIMIT);
		return {
			results: records
				.filter((template) => matches(template, filter, ['name', 'title', 'id']))
				.map((template) => ({ name: named(template), value: String(template.id) })),
		};
	},

	/**
	 * Boomerangme finds customers by `email` or `phone`: a search with "@" asks by email, one
	 * of digits by phone; other text filters the loaded page by name.
	 */
	async searchCustomers(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1);
		const qs: IDataObject = { page, itemsPerPage: 50 };
		const search = filter?.trim() ?? '';
		let byName = '';
		if (search.includes('@')) qs.email = search;
		else if (/^\+?[\d\s()-]{5,}$/.test(search)) qs.phone = search.replace(/[\s()-]/g, '');
		else byName = search;
		const { records, hasMore } = await boomerangmePage(this, PATHS.customers, qs);
		return {
			results: records
				.filter((customer) => matches(customer, byName, ['firstName', 'surname', 'email', 'phone']))
				.map((customer) => ({ name: customerName(customer), value: String(customer.id) })),
			paginationToken: hasMore ? String(page + 1) : undefined,
		};
	},
};
