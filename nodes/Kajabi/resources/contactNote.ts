import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { KAJABI_DELETE_RUNNER } from '../transport';
import {
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	show,
	siteFilter,
	simplifyField,
	toOne,
} from '../fields';

const resource = 'contactNote';

export const contactNoteOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact note',
			description: 'Add a note to a contact',
			routing: sends({ method: 'POST', url: '/v1/contact_notes', body: { data: { type: 'contact_notes' } } }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a contact note',
			description: 'Delete a note for good; the contact stays',
			routing: sends({ method: 'DELETE', url: '/v1/contact_notes/{contactNoteId}' }, { runner: KAJABI_DELETE_RUNNER }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact note',
			description: 'Read one note left on a contact',
			routing: get('/v1/contact_notes/{contactNoteId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contact notes',
			description: 'List the notes left on contacts',
			routing: get('/v1/contact_notes'),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact note',
			description: 'Replace the text of a note',
			routing: sends({
				method: 'PATCH',
				url: '/v1/contact_notes/{contactNoteId}',
				body: { data: { type: 'contact_notes' } },
			}),
		},
	]),
];

export const contactNoteFields: INodeProperties[] = [
	idLocator(resource, ['delete', 'get'], { name: 'contactNoteId', displayName: 'Contact Note' }),
	idLocator(resource, ['update'], {
		name: 'contactNoteId',
		displayName: 'Contact Note',
		// JSON:API repeats the record's ID in the body of an update.
		routing: {
			send: { type: 'body', property: 'data.id', value: '={{ String($value).trim() }}' },
		},
	}),
	// Create
	idLocator(resource, ['create'], {
		name: 'contactId',
		displayName: 'Contact',
		searchListMethod: 'searchContacts',
		description: 'The contact the note is about',
		routing: { send: { type: 'body', property: 'data.relationships.contact.data', value: toOne('contacts') } },
	}),
	{
		displayName: 'Note',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: show(resource, ['create', 'update']),
		description: 'The text of the note. Update replaces the whole text.',
		routing: { send: { type: 'body', property: 'data.attributes.body' } },
	},
	// Get Many
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('notes'),
		{ param: 'contact_id', displayName: 'Contact ID', description: 'Only the notes of this contact' },
	]),
	...optionsCollection(resource, ['getAll'], {
		sort: [
			['Created At', 'created_at'],
			['Updated At', 'updated_at'],
		],
	}),
	...optionsCollection(resource, ['get'], { sparse: 'contact_notes', include: [['Contact', 'contact', 'contacts']] }),
	simplifyField(resource, ['create', 'get', 'getAll', 'update']),
];
