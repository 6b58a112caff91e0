import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { idLocator, listFields, operationSelector, sendIdList } from '../fields';

const resource = 'contactList';
const show = (operation: string[]) => ({ show: { resource: [resource], operation } });

export const contactListOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Add Contacts',
			value: 'addContacts',
			action: 'Add contacts to contact lists',
			description: 'Put contacts on one or more mailing lists',
			routing: sends(
				{ method: 'POST', url: '/mailing/contact-lists/bulk-contacts' },
				{ preSend: [sendIdList('contactIds', 'contacts', 'Contact IDs')] },
			),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact list',
			description: 'Make a new mailing list of contacts',
			routing: sends({ method: 'POST', url: '/mailing/contact-lists' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact list',
			description: 'Get a contact list with its contacts and statistics',
			routing: sends({ method: 'GET', url: '/mailing/contact-lists/{listId}' }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contact lists',
			description: 'List the cabinet\'s mailing lists',
			routing: sends({ method: 'GET', url: '/mailing/contact-lists' }),
		},
	]),
];

export const contactListFields: INodeProperties[] = [
	// Get
	idLocator(resource, ['get'], {
		name: 'listId',
		displayName: 'Contact List',
		searchListMethod: 'searchContactLists',
		example: '1',
		required: true,
		description: 'The contact list to get',
	}),

	// Create
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(['create']),
		routing: { send: { type: 'body', property: 'title' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['create']),
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				routing: { send: { type: 'body', property: 'description' } },
			},
		],
	},

	// Add Contacts
	{
		displayName: 'Contact List Names or IDs',
		name: 'listIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getContactLists' },
		required: true,
		default: [],
		displayOptions: show(['addContacts']),
		description:
			'Lists to add the contacts to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { preSend: [sendIdList('listIds', 'contact_lists', 'Contact Lists')] } },
	},
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 23698, 23699',
		displayOptions: show(['addContacts']),
		description: 'IDs of the contacts to add, separated by commas',
	},

	// Get Many
	...listFields(resource, 'getAll', 100),
];
