/**
 * Field builders that several KWIGA resources use: list size, record pickers, custom
 * fields, and the few value conversions routing alone can't check.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputCheck } from '../shared/input';
import { operationSelector, pickerModes, returnAllAndLimit, show } from '../shared/fields';

export { operationSelector };

/** Newest or oldest first, sent as `property` (KWIGA's lists default to newest first). */
export function sortOrderOption(name: string, property: string): INodeProperties {
	return {
		displayName: 'Sort Order',
		name,
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
		routing: { send: { type: 'query', property } },
	};
}

/** A creation-date bound of a list filter, sent as `filters[<bound>]` in YYYY-MM-DD. */
export function createdDateFilter(
	bound: 'date_from' | 'date_to',
	things: string,
): INodeProperties {
	const from = bound === 'date_from';
	return {
		displayName: from ? 'Created From' : 'Created To',
		name: from ? 'dateFrom' : 'dateTo',
		type: 'dateTime',
		default: '',
		description: `Only ${things} created on or ${from ? 'after' : 'before'} this date`,
		routing: { send: { type: 'query', property: `filters.${bound}`, value: DATE_VALUE } },
	};
}

/**
 * "Return All" and "Limit" for a KWIGA list. `pageSize` is the largest per_page the
 * endpoint accepts; omit it for lists KWIGA returns whole (time zones).
 */
export function listFields(resource: string, operation: string, pageSize?: number): INodeProperties[] {
	return returnAllAndLimit(
		resource,
		operation,
		pageSize === undefined ? undefined : { property: 'per_page', max: pageSize },
	);
}

export interface LocatorOptions {
	name: string;
	displayName: string;
	/** The listSearch method of the From List mode. */
	searchListMethod: string;
	example: string;
	required: boolean;
	description: string;
	routing?: INodeProperties['routing'];
}

/**
 * A KWIGA record picked from a searchable list that pages as the user scrolls, or given
 * by its numeric ID.
 */
export function idLocator(
	resource: string,
	operation: string[],
	options: LocatorOptions,
): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required,
		displayOptions: show(resource, operation),
		description: options.description,
		routing: options.routing,
		modes: [
			...pickerModes(options.searchListMethod, {
				placeholder: `e.g. ${options.example}`,
				regex: '^\\s*\\d+\\s*$',
				errorMessage: `A ${options.displayName.toLowerCase()} ID is a number`,
			}),
		],
	};
}

/** A contact picked from a searchable list or given by its numeric ID. */
export function contactLocator(
	resource: string,
	operation: string[],
	name = 'contactId',
): INodeProperties {
	return idLocator(resource, operation, {
		name,
		displayName: 'Contact',
		searchListMethod: 'searchContacts',
		example: '132',
		required: true,
		description: 'The contact to work with',
	});
}

/** An offer picked from a searchable list or given by its numeric ID. */
export function offerLocator(
	resource: string,
	operation: string[],
	required: boolean,
	description: string,
	routing?: INodeProperties['routing'],
): INodeProperties {
	return idLocator(resource, operation, {
		name: 'offerId',
		displayName: 'Offer',
		searchListMethod: 'searchOffers',
		example: '18',
		required,
		description,
		routing,
	});
}

/** The cabinet's own contact fields (`additional_fields: [{ field_id, value }]`). */
export const customFieldsOption: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: "Values for the cabinet's own contact fields",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field ID',
					name: 'fieldId',
					type: 'number',
					default: 0,
					description: 'ID of the custom field, as shown in the contact field settings of the cabinet',
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
	routing: {
		send: {
			type: 'body',
			property: 'additional_fields',
			value:
				'={{ ($value.field || []).map(f => ({ field_id: f.fieldId, value: f.value })) }}',
		},
	},
};

/** Splits "a, b, c" (or takes an array from an expression) into trimmed, non-empty parts. */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/**
 * A preSend that reads a list of IDs from `parameter` (text separated by commas, or a list
 * from a dropdown or an expression), checks that each is a whole number and puts them
 * into the body as `bodyKey: [numbers]`. `required` lists must not be empty.
 */
export function sendIdList(parameter: string, bodyKey: string, label: string, required = true) {
	return inputCheck(async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const parts = splitList(this.getNodeParameter(parameter, ''));
		const invalid = parts.filter((part) => !/^\d+$/.test(part));
		if (invalid.length) {
			throw new NodeOperationError(
				this.getNode(),
				`${label} must be numbers separated by commas; "${invalid.join('", "')}" is not`,
				{
					itemIndex: this.getItemIndex(),
					description: `Change ${label} to IDs such as "23698, 23699".`,
				},
			);
		}
		if (!parts.length) {
			if (!required) return requestOptions;
			throw new NodeOperationError(this.getNode(), `${label} is empty`, {
				itemIndex: this.getItemIndex(),
				description: `Give at least one ID in ${label}.`,
			});
		}
		requestOptions.body = { ...((requestOptions.body as IDataObject) ?? {}), [bodyKey]: parts.map(Number) };
		return requestOptions;
	});
}

/** KWIGA takes dates as "2024-12-31" and moments as "2024-12-31 23:59:59". */
export const DATE_VALUE = '={{ String($value).slice(0, 10) }}';
export const DATE_TIME_VALUE = '={{ String($value).slice(0, 19).replace("T", " ") }}';
