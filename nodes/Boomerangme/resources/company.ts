import type { INodeProperties } from 'n8n-workflow';

import { ID_VALUE, listFields, operationSelector, show } from '../fields';
import { sends } from '../../shared/runner';
import { JSON_FIELDS } from '../checks';
import { PATHS } from '../paths';
import { otherFieldsRunner } from '../transport';

const resource = 'company';

const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	default: '',
	placeholder: 'name@email.com',
	description: "The sub-account's email",
	routing: { send: { type: 'body', property: 'email' } },
};

/** Fields Boomerangme's reference does not name, given as JSON; the named fields win over them. */
const otherFields: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'otherFields',
	type: 'json',
	default: '{}',
	description:
		'Any other field of the company, as a JSON object such as {"phone": "+15550100"}. Copy the field names from a company that Get returns.',
	// Merged into the body by Create's and Update's runner (otherFieldsRunner), where bad JSON fails the item.
	routing: { send: { type: 'body', property: JSON_FIELDS } },
};

export const companyOperations: INodeProperties[] = [
	operationSelector(resource, 'get', [
		{
			name: 'Change Tariff',
			value: 'changeTariff',
			action: 'Change the tariff of a company',
			description: 'Move a sub-account to another of your tariffs',
			routing: sends({ method: 'POST', url: PATHS.companyTariff }),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a company',
			description: 'Create a sub-account',
			routing: sends({ method: 'POST', url: PATHS.companies }, { runner: otherFieldsRunner }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a company',
			description: 'Get a sub-account by its ID',
			routing: sends({ method: 'GET', url: PATHS.company }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many companies',
			description: "List your agency's sub-accounts",
			routing: sends({ method: 'GET', url: PATHS.companies }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a company',
			description: "Change a sub-account's information",
			routing: sends({ method: 'PATCH', url: PATHS.company }, { runner: otherFieldsRunner }),
		},
	]),
];

export const companyFields: INodeProperties[] = [
	{
		displayName: 'Company ID',
		name: 'companyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1024',
		displayOptions: show(resource, ['get', 'update', 'changeTariff']),
		description: 'The ID of the sub-account, as Get Many shows it',
	},

	// Get Many
	...listFields(resource, 'getAll'),

	// Change Tariff
	{
		displayName: 'Tariff Name or ID',
		name: 'tariffId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTariffs' },
		required: true,
		default: '',
		displayOptions: show(resource, ['changeTariff']),
		description:
			'The tariff to move the company to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'body', property: 'tariffId', value: ID_VALUE } },
	},

	// Create, Update: the fields a company shows (name, email), and any other as JSON
	{
		displayName: 'Company Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Coffee Corner',
		displayOptions: show(resource, ['create']),
		description: 'The name of the new sub-account',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['create']),
		options: [
			emailField,
			otherFields,
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['update']),
		options: [
			{
				displayName: 'Company Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the sub-account',
				routing: { send: { type: 'body', property: 'name' } },
			},
			emailField,
			otherFields,
		],
	},
];
