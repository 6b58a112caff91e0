import type { INodeProperties } from 'n8n-workflow';

import { BOOMERANGME_SIMPLE, customerLocator, listFields, operationSelector, show, TRIMMED } from '../fields';
import { sends } from '../../shared/runner';
import { PATHS } from '../paths';
import { deleteRunner, simplifyRunner } from '../transport';

const resource = 'customer';

/** Get and Get Many: Simplify keeps the customer's name and contacts. */
const simplified = simplifyRunner(BOOMERANGME_SIMPLE.customer.keys);

export const customerOperations: INodeProperties[] = [
	operationSelector(resource, 'get', [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a customer',
			description: 'Add a customer with their name, phone and email',
			routing: sends({ method: 'POST', url: PATHS.customers }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a customer',
			description: 'Delete a customer and their cards',
			routing: sends({ method: 'DELETE', url: PATHS.customer }, { runner: deleteRunner }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a customer',
			description: 'Read one customer with their details',
			routing: sends({ method: 'GET', url: PATHS.customer }, { runner: simplified }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many customers',
			description: 'List customers, or find them by phone or email',
			routing: sends({ method: 'GET', url: PATHS.customers }, { runner: simplified }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a customer',
			description: 'Change only the fields you fill in',
			routing: sends({ method: 'PATCH', url: PATHS.customer }),
		},
	]),
];

/** The customer fields of Boomerangme's create example, for Create and Update. */
function customerDataFields(includeFirstName: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'dateTime',
			default: '',
			routing: { send: { type: 'body', property: 'dateOfBirth', value: '={{ String($value).slice(0, 10) }}' } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			routing: { send: { type: 'body', property: 'email', value: TRIMMED } },
		},
		{
			displayName: 'External User ID',
			name: 'externalUserId',
			type: 'string',
			default: '',
			description: "The customer's ID in your own system, to find them again later",
			routing: { send: { type: 'body', property: 'externalUserId' } },
		},
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			default: 0,
			options: [
				{ name: 'Not Specified', value: 0 },
				{ name: 'Male', value: 1 },
				{ name: 'Female', value: 2 },
			],
			routing: { send: { type: 'body', property: 'gender' } },
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			placeholder: '+14155550123',
			default: '',
			description: 'Phone number in international format',
			routing: { send: { type: 'body', property: 'phone', value: TRIMMED } },
		},
		{
			displayName: 'Surname',
			name: 'surname',
			type: 'string',
			default: '',
			routing: { send: { type: 'body', property: 'surname' } },
		},
	];
	if (includeFirstName) {
		fields.splice(3, 0, {
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			routing: { send: { type: 'body', property: 'firstName' } },
		});
	}
	return fields;
}

export const customerFields: INodeProperties[] = [
	customerLocator(resource, ['get', 'update', 'delete'], { description: 'The customer to work with' }),

	// Get Many
	...listFields(resource, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(resource, ['getAll']),
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the customer with this email',
				routing: { send: { type: 'query', property: 'email', value: TRIMMED } },
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				placeholder: '+14155550123',
				default: '',
				description: 'Only the customer with this phone number',
				routing: { send: { type: 'query', property: 'phone', value: TRIMMED } },
			},
		],
	},

	// Create
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(resource, ['create']),
		routing: { send: { type: 'body', property: 'firstName' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['create']),
		options: customerDataFields(false),
	},

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['update']),
		options: customerDataFields(true),
	},
];
