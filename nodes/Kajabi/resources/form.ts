import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import {
	contactAttributeFields,
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	show,
	siteFilter,
	simplifyField,
} from '../fields';

const resource = 'form';

export const formOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a form',
			description: 'Read one form with its fields',
			routing: get('/v1/forms/{formId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many forms',
			description: 'List your forms',
			routing: get('/v1/forms'),
		},
		{
			name: 'Submit',
			value: 'submit',
			action: 'Submit a form',
			description:
				'Submit a form as a visitor would: Kajabi creates or updates the contact, adds the form\'s tags, grants its offers, starts its email sequences and automations',
			routing: sends({
				method: 'POST',
				url: '/v1/forms/{formId}/submit',
				body: { data: { type: 'form_submissions' } },
			}),
		},
	]),
];

export const formFields: INodeProperties[] = [
	idLocator(resource, ['get', 'submit'], {
		name: 'formId',
		displayName: 'Form',
		searchListMethod: 'searchForms',
	}),

	// Submit
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(resource, ['submit']),
		routing: { send: { type: 'body', property: 'data.attributes.name' } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: show(resource, ['submit']),
		description: 'Must be a valid, deliverable address',
		routing: { send: { type: 'body', property: 'data.attributes.email' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['submit']),
		// A submission takes the contact's attributes, except the ones only a contact has.
		options: contactAttributeFields(false).filter(
			(field) => !['name', 'subscribed'].includes(field.name),
		),
	},

	// Get Many
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('forms'),
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only forms whose title contains this text' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title']], sparse: 'forms' }),
	...optionsCollection(resource, ['get'], {
		sparse: 'forms',
		include: [
			['Contact Tags', 'contact_tags', 'contact_tags'],
			['Fields', 'fields', 'fields'],
			['Offer', 'offer', 'offers'],
			['Site', 'site', 'sites'],
		],
	}),
	simplifyField(resource, ['get', 'getAll', 'submit']),
];
