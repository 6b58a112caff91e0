/** Field builders that every platform's resources use the same way. */
import type {
	IDataObject,
	IDisplayOptions,
	INodeProperties,
	INodePropertyMode,
	INodePropertyOptions,
} from 'n8n-workflow';

/** Show a field for these operations of one resource. */
export const show = (resource: string, operation: string[]): IDisplayOptions => ({
	show: { resource: [resource], operation },
});

/** The Operation dropdown of a resource; each option carries its own request routing. */
export function operationSelector(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options,
	};
}

/** A copy of a record without the named keys, such as what an answer says beside its records. */
export function omit(record: IDataObject, ...keys: string[]): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/**
 * How a list asks for its page size: the query parameter and the most a page may hold
 * (Return All asks for the most; Limit for no more than it needs). `fixed` instead sends
 * one value whatever the choice (a list whose page size the platform sets).
 */
export type PageSizeQuery = { property: string; max: number } | { property: string; fixed: number };

/** "Return All" and "Limit" of a list, the same on every platform; the runner reads Limit's maxResults. */
export function returnAllAndLimit(resource: string, operation: string, pageSize?: PageSizeQuery): INodeProperties[] {
	// Return All sends a plain value (`request.qs`), not an expression: n8n evaluates every
	// expression of a routing for each item, in n8n 2.x in an isolated VM (about 0.5–1 ms each).
	const most = pageSize === undefined ? undefined : 'fixed' in pageSize ? pageSize.fixed : pageSize.max;
	const limitValue =
		pageSize === undefined ? undefined : 'fixed' in pageSize ? `={{ ${pageSize.fixed} }}` : `={{ Math.min($value, ${pageSize.max}) }}`;
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: show(resource, [operation]),
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			routing: pageSize === undefined ? {} : { request: { qs: { [pageSize.property]: most } } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: {
				...(pageSize === undefined ? {} : { send: { type: 'query' as const, property: pageSize.property, value: limitValue } }),
				output: { maxResults: '={{ $value }}' },
			},
		},
	];
}

/** The description of an answer that names invalid fields: "Invalid fields — email: …; phone: …." */
export function invalidFields(lines: string[]): string | undefined {
	return lines.length ? `Invalid fields — ${lines.join('; ')}.` : undefined;
}

/** What a record picker's By ID mode takes: an example, and the editor's check of a typed ID. */
export interface ByIdMode {
	placeholder: string;
	regex: string;
	errorMessage: string;
}

/**
 * The two modes of a record picker: From List (the searchable list `searchListMethod` loads)
 * and By ID (typed, checked in the editor against `byId.regex`).
 */
export function pickerModes(searchListMethod: string | undefined, byId: ByIdMode): INodePropertyMode[] {
	const { placeholder, regex, errorMessage } = byId;
	const picker: Required<Pick<INodeProperties, 'modes'>> = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [{ type: 'regex', properties: { regex, errorMessage } }],
			},
		],
	};
	return picker.modes;
}
