/**
 * Field builders the Kajabi resources share: the Operation dropdown, record pickers, list
 * size, Filters / Options collections with JSON:API's `filter[...]`, `sort`, `fields[...]`
 * and `include`, the Simplify switch, and the JSON:API bodies built from plain fields.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputCheck } from '../shared/input';
import { operationSelector, pickerModes, returnAllAndLimit, show } from '../shared/fields';
import { simplifyField as sharedSimplifyField } from '../shared/output';
import type { Runner } from '../shared/runner';
import { sends } from '../shared/runner';

export { operationSelector, show };

/** A GET of `url`, sent by the node's default runner unless `runner` names the operation's own. */
export function get(url: string, runner?: Runner): INodePropertyRouting {
	return sends({ method: 'GET', url }, { runner });
}

export interface LocatorOptions {
	name: string;
	displayName: string;
	/** The listSearch method of the From List mode; without one the ID is typed. */
	searchListMethod?: string;
	example?: string;
	description?: string;
	required?: boolean;
	routing?: INodeProperties['routing'];
	/**
	 * A third way to pick a contact: by email, looked up when the node runs. The operation
	 * names a runner of contactByEmail.ts in its routing, which does the lookup.
	 */
	byEmail?: boolean;
}

/** A Kajabi record picked from a searchable list or given by its ID. */
export function idLocator(
	resource: string,
	operation: string[],
	options: LocatorOptions,
): INodeProperties {
	const both: Pick<INodeProperties, 'modes'> = {
		modes: [
			...pickerModes(options.searchListMethod, {
				placeholder: `e.g. ${options.example ?? '123'}`,
				regex: '^\\s*[A-Za-z0-9_-]+\\s*$',
				errorMessage: `A ${options.displayName.toLowerCase()} ID is made of letters, digits, - and _`,
			}),
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[^\\s@]+@[^\\s@]+\\s*$',
							errorMessage: 'Enter an email such as name@email.com',
						},
					},
				],
			},
		],
	};
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: options.searchListMethod ? 'list' : 'id', value: '' },
		required: options.required ?? true,
		displayOptions: show(resource, operation),
		description: options.description ?? `The ${options.displayName.toLowerCase()} to work with`,
		routing: options.routing,
		// Records Kajabi has no searchable list for are given by ID only; contacts also by email.
		modes: both.modes?.filter((mode) =>
			mode.name === 'email' ? options.byEmail === true : mode.name === 'id' || options.searchListMethod !== undefined,
		),
	};
}

/** Largest `page[size]` asked for (Kajabi documents 100 as the most for contact notes). */
export const PAGE_SIZE = 100;

/**
 * "Return All" and "Limit" of a Kajabi list, paged with `page[number]` / `page[size]`;
 * without `pageSize`, Kajabi sizes the pages (payouts document only `page[number]`).
 */
export function listFields(resource: string, operation: string, pageSize = true): INodeProperties[] {
	return returnAllAndLimit(
		resource,
		operation,
		pageSize ? { property: 'page[size]', max: PAGE_SIZE } : { property: 'page[number]', fixed: 1 },
	);
}

/** The Simplify switch of operations that put out Kajabi records. */
export function simplifyField(resource: string, operation: string[]): INodeProperties {
	return sharedSimplifyField(
		resource,
		operation,
		'one flat object: ID, attributes and the IDs of related records, with included records merged in',
	);
}

export interface FilterDef {
	/** The part inside `filter[...]`. */
	param: string;
	displayName: string;
	description: string;
	/**
	 * `dateTime` sends the day (YYYY-MM-DD), for parameters Kajabi documents as dates;
	 * `timestamp` sends the date and time as picked, for comparisons with a record's time
	 * (`created_at_gteq`); `list` sends values separated by commas, trimmed (`_in`).
	 */
	type?: 'string' | 'boolean' | 'number' | 'dateTime' | 'timestamp' | 'list' | 'options';
	options?: INodePropertyOptions[];
	/** A dropdown loaded from the account (type options). */
	loadOptionsMethod?: string;
	placeholder?: string;
}

function filterField(filter: FilterDef): INodeProperties {
	const type = filter.type ?? 'string';
	const base = {
		displayName: filter.displayName,
		name: filter.param,
		description: filter.description,
		...(filter.placeholder ? { placeholder: filter.placeholder } : {}),
	};
	const query = (value?: string) => ({
		send: { type: 'query' as const, property: `filter[${filter.param}]`, ...(value ? { value } : {}) },
	});
	switch (type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: true, routing: query('={{ String($value) }}') };
		case 'number':
			return { ...base, type: 'number', default: 0, routing: query('={{ String($value) }}') };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '', routing: query('={{ String($value).slice(0, 10) }}') };
		case 'timestamp':
			return { ...base, type: 'dateTime', default: '', routing: query('={{ String($value).trim() }}') };
		case 'list':
			return {
				...base,
				type: 'string',
				default: '',
				routing: query('={{ String($value).split(",").map(v => v.trim()).filter(v => v).join(",") }}'),
			};
		case 'options':
			if (filter.loadOptionsMethod) {
				return {
					...base,
					type: 'options',
					typeOptions: { loadOptionsMethod: filter.loadOptionsMethod },
					default: '',
					routing: query('={{ String($value).trim() }}'),
				};
			}
			return {
				...base,
				type: 'options',
				default: filter.options?.[0]?.value ?? '',
				options: filter.options ?? [],
				routing: query(),
			};
		default:
			return { ...base, type: 'string', default: '', routing: query('={{ String($value).trim() }}') };
	}
}

/** The Filters collection of a list: each documented `filter[...]` parameter, by its own name. */
export function filtersCollection(
	resource: string,
	operation: string,
	filters: FilterDef[],
	extra: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(resource, [operation]),
		options: [...filters.map(filterField), ...extra]
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export interface ListOptions {
	/** The attributes Kajabi documents `sort` for. */
	sort?: Array<[name: string, value: string]>;
	/** The JSON:API type of `fields[type]`, where sparse fields are documented. */
	sparse?: string;
	/**
	 * The relationships `include` takes, where documented, each with the JSON:API type of the
	 * records it brings (for their sparse fields, `fields[type]`).
	 */
	include?: Array<[name: string, value: string, type: string]>;
	/** Other documented query options of the operation. */
	extra?: INodeProperties[];
}

/** A sparse fields option: the attributes of records of `type` to return (`fields[type]`). */
function sparseField(displayName: string, name: string, type: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'e.g. name,email',
		description,
		routing: {
			send: {
				type: 'query',
				property: `fields[${type}]`,
				value: '={{ String($value).split(",").map(f => f.trim()).filter(f => f).join(",") }}',
			},
		},
	};
}

/** The Options collection of an operation: sort with direction, sparse fields, include. */
export function optionsCollection(
	resource: string,
	operation: string[],
	list: ListOptions,
): INodeProperties[] {
	const options: INodeProperties[] = [];
	if (list.sort?.length) {
		const firstSort = list.sort[0][1];
		options.push(
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: firstSort,
				description: 'The attribute Kajabi sorts the list by',
				options: list.sort.map(([name, value]) => ({ name, value })),
				routing: {
					send: {
						type: 'query',
						property: 'sort',
						value: '={{ ($parameter.options.sortDirection === "descending" ? "-" : "") + $value }}',
					},
				},
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				default: 'ascending',
				description: 'Used with Sort By',
				options: [
					{ name: 'Ascending', value: 'ascending' },
					{ name: 'Descending', value: 'descending' },
				],
			},
		);
	}
	if (list.sparse) {
		options.push(
			sparseField(
				'Fields',
				'fields',
				list.sparse,
				'Only these attributes, separated by commas (sparse fields). Leave empty for all.',
			),
		);
	}
	if (list.include?.length) {
		options.push({
			displayName: 'Include',
			name: 'include',
			type: 'multiOptions',
			default: [],
			description:
				'Related records to load with each record. With Simplify on they are merged into the record.',
			options: list.include.map(([name, value]) => ({ name, value })),
			routing: { send: { type: 'query', property: 'include', value: '={{ $value.join(",") }}' } },
		});
		// Sparse fields of the included records: `fields[customers]`, `fields[offers]`, ...
		for (const [name, , type] of list.include) {
			options.push(
				sparseField(
					`Fields of Included ${name}`,
					`fields_${type}`,
					type,
					`With Include: ${name}, only these attributes of the included records, separated by commas. Leave empty for all.`,
				),
			);
		}
	}
	options.push(...(list.extra ?? []));
	if (!options.length) return [];
	return [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show(resource, operation),
			options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/** Splits "a, b" (or takes an array from an expression) into trimmed, non-empty IDs. */
export function idList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts
		.map((part) => {
			if (part && typeof part === 'object' && 'value' in (part as IDataObject)) {
				return String((part as IDataObject).value).trim();
			}
			return String(part ?? '').trim();
		})
		.filter((part) => part !== '');
}

export interface RelationshipOptions {
	/** Kajabi's `meta` object to send beside `data`. */
	meta?: (ctx: IExecuteSingleFunctions) => IDataObject | undefined;
	/** Send `{ data: [] }` for an empty list (a replace that removes them all). */
	allowEmpty?: boolean;
	/**
	 * Put the relationship into the body built so far, at this path
	 * (`data.relationships.tags`), instead of making it the whole body.
	 */
	at?: string;
}

/**
 * A preSend that puts a JSON:API relationship body `{ data: [{ type, id }] }` built from the
 * IDs in `parameter` (a list or "1, 2").
 */
export function relationshipBody(
	parameter: string,
	type: string,
	label: string,
	{ meta, allowEmpty = false, at }: RelationshipOptions = {},
) {
	return inputCheck(async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const ids = idList(this.getNodeParameter(parameter, []));
		const bad = ids.filter((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id));
		if (bad.length) {
			throw new NodeOperationError(this.getNode(), `${label} has a value that is not an ID: "${bad[0]}"`, {
				itemIndex: this.getItemIndex(),
				description: `Give IDs such as "123, 456" (or choose from the list). Nothing was sent.`,
			});
		}
		if (!ids.length && !allowEmpty) {
			throw new NodeOperationError(this.getNode(), `${label} is empty`, {
				itemIndex: this.getItemIndex(),
				description: `Choose at least one. Nothing was sent.`,
			});
		}
		const body: IDataObject = { data: ids.map((id) => ({ type, id })) };
		const extra = meta?.(this);
		if (extra && Object.keys(extra).length) body.meta = extra;
		if (!at) {
			requestOptions.body = body;
			return requestOptions;
		}
		const keys = at.split('.');
		const last = keys.pop() as string;
		let parent = (requestOptions.body ?? {}) as IDataObject;
		requestOptions.body = parent;
		for (const key of keys) {
			if (!parent[key] || typeof parent[key] !== 'object') parent[key] = {};
			parent = parent[key] as IDataObject;
		}
		parent[last] = body;
		return requestOptions;
	});
}

/** A relationship of a JSON:API body to one record picked in `$value`. */
export const toOne = (type: string) => `={{ { type: "${type}", id: String($value).trim() } }}`;

/** Contact attributes Kajabi documents, for create and update. */
export function contactAttributeFields(includeEmail: boolean): INodeProperties[] {
	const text = (displayName: string, name: string, description?: string): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		default: '',
		description,
		routing: { send: { type: 'body', property: `data.attributes.${name}` } },
	});
	const fields: INodeProperties[] = [
		text('Address Line 1', 'address_line_1'),
		text('Address Line 2', 'address_line_2'),
		text('Business Number', 'business_number', 'Business phone number'),
		text('City', 'address_city'),
		text('Country', 'address_country'),
		text('Custom Field 1', 'custom_1', "The site's first custom contact field (see Custom Field: Get Many)"),
		text('Custom Field 2', 'custom_2', "The site's second custom contact field"),
		text('Custom Field 3', 'custom_3', "The site's third custom contact field"),
		text('Name', 'name'),
		text('Phone Number', 'phone_number'),
		text('State', 'address_state'),
		{
			displayName: 'Subscribed',
			name: 'subscribed',
			type: 'boolean',
			default: false,
			description: 'Whether the contact agreed to receive marketing emails from the site',
			routing: { send: { type: 'body', property: 'data.attributes.subscribed' } },
		},
		text('ZIP Code', 'address_zip'),
	];
	if (includeEmail) {
		fields.push(text('Email', 'email', 'Must be a valid, deliverable address'));
		fields.push(
			text(
				'External User ID',
				'external_user_id',
				'Your own ID for the person; Kajabi accepts it only once the contact has an offer or a purchase',
			),
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The Site filter of a list (`filter[site_id]`), a dropdown of the account's sites. */
export const siteFilter = (things: string): FilterDef => ({
	param: 'site_id',
	displayName: 'Site Name or ID',
	type: 'options',
	loadOptionsMethod: 'getSites',
	description: `Only ${things} of this site. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

/** The IDs of records of a type to relate, for the relationship operations. */
export function relatedIds(
	resource: string,
	operation: string[],
	name: string,
	things: string,
	loadOptionsMethod: string,
	description: string,
	required = true,
): INodeProperties {
	return {
		displayName: `${things} Names or IDs`,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod },
		required,
		default: [],
		displayOptions: show(resource, operation),
		description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	};
}

/** The comparisons of `filter[<attribute>_<comparison>]`, as Kajabi names them. */
export const COMPARISONS: Record<string, string> = {
	eq: 'Equals',
	not_eq: 'Is Not Equal To',
	cont: 'Contains',
	not_cont: 'Does Not Contain',
	start: 'Starts With',
	end: 'Ends With',
	gt: 'Is Greater Than',
	gte: 'Is Greater Than or Equal To',
	lt: 'Is Less Than',
	lte: 'Is Less Than or Equal To',
};

/** Each attribute condition becomes `filter[<attribute>_<comparison>]=<value>`. */
async function sendAttributeFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const conditions = (this.getNodeParameter('attributeFilters.condition', []) ?? []) as IDataObject[];
	const qs = { ...((requestOptions.qs as IDataObject) ?? {}) };
	for (const condition of conditions) {
		qs[`filter[${String(condition.attribute)}_${String(condition.comparison)}]`] = String(condition.value ?? '');
	}
	requestOptions.qs = qs;
	return requestOptions;
}

/**
 * The Attribute Filters of a list: conditions on the attributes Kajabi documents
 * `filter[<attribute>_<comparison>]` for, with the comparisons it lists for them.
 */
export function attributeFilters(
	resource: string,
	operation: string,
	attributes: Array<[name: string, value: string]>,
	comparisons: string[],
	/** The attribute a new condition starts with (saved workflows rely on title where it is). */
	defaultAttribute = 'title',
): INodeProperties {
	return {
		displayName: 'Attribute Filters',
		name: 'attributeFilters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute Filter',
		default: {},
		displayOptions: show(resource, [operation]),
		description: 'Compare an attribute with a value; every condition must hold',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Attribute',
						name: 'attribute',
						type: 'options',
						default: defaultAttribute,
						options: attributes.map(([name, value]) => ({ name, value })),
					},
					{
						displayName: 'Comparison',
						name: 'comparison',
						type: 'options',
						default: 'cont',
						options: comparisons
							.map((value) => ({ name: COMPARISONS[value], value }))
							.sort((a, b) => a.name.localeCompare(b.name)),
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
		routing: { send: { preSend: [sendAttributeFilters] } },
	};
}
