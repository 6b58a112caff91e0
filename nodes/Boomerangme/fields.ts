/**
 * Field builders that several Boomerangme resources use: the Operation dropdown, list
 * size, template and customer pickers, the Simplify switches, and the values routing sends.
 */
import type { INodeProperties } from 'n8n-workflow';

import { PAGE_SIZE } from './transport';
import { operationSelector, pickerModes, returnAllAndLimit, show } from '../shared/fields';
import type { SimpleViews } from '../shared/output';

export { operationSelector, show };

/**
 * What Simplify keeps of Boomerangme's records, per resource (Get and Get Many): the node
 * makes the switches from it, and those operations name `simplifyRunner` with its keys.
 */
export const BOOMERANGME_SIMPLE: SimpleViews = {
	card: {
		operations: ['get', 'getAll'],
		keys: ['id', 'templateId', 'customerId', 'type', 'status', 'balance', 'installLink', 'createdAt'],
	},
	customer: { operations: ['get', 'getAll'], keys: ['id', 'firstName', 'surname', 'email', 'phone', 'createdAt'] },
};

/** "Return All" and "Limit" for a Boomerangme list (`page` / `itemsPerPage`). */
export function listFields(resource: string, operation: string): INodeProperties[] {
	return returnAllAndLimit(resource, operation, { property: 'itemsPerPage', max: PAGE_SIZE });
}

/** A card template picked from a list or given by its numeric ID. */
export function templateLocator(
	resource: string,
	operation: string[],
	options: { name?: string; required?: boolean; description: string; routing?: INodeProperties['routing'] },
): INodeProperties {
	return {
		displayName: 'Template',
		name: options.name ?? 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		displayOptions: show(resource, operation),
		description: options.description,
		routing: options.routing,
		modes: [
			...pickerModes('searchTemplates', {
				placeholder: 'e.g. 41402',
				regex: '^\\s*\\d+\\s*$',
				errorMessage: 'A template ID is a number',
			}),
		],
	};
}

/** A customer picked from a searchable list or given by ID. */
export function customerLocator(
	resource: string,
	operation: string[],
	options: { description: string; routing?: INodeProperties['routing'] },
): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customerId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: show(resource, operation),
		description: options.description,
		routing: options.routing,
		modes: [
			...pickerModes('searchCustomers', {
				placeholder: 'e.g. 3f1c2b9e-0d4a-4e7b-9a51-6c2d8e0f1a23',
				regex: '^\\s*[A-Za-z0-9][A-Za-z0-9_-]*\\s*$',
				errorMessage: 'A customer ID has letters, digits and dashes only',
			}),
		],
	};
}

/** The trimmed value of a resource locator or plain field, as routing sends it. */
export const TRIMMED = '={{ String($value).trim() }}';

/** A numeric ID from a picker, sent as a number. */
export const AS_NUMBER = '={{ Number(String($value).trim()) }}';

/** An ID sent as a number when it is one, else as trimmed text. */
export const ID_VALUE =
	'={{ /^\\d+$/.test(String($value).trim()) ? Number(String($value).trim()) : String($value).trim() }}';
