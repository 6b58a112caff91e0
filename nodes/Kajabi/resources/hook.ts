import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { KAJABI_DELETE_RUNNER } from '../transport';
import {
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	show,
	simplifyField,
	toOne,
} from '../fields';

const resource = 'hook';

/** The events Kajabi sends webhooks for, with the API key scope each needs. */
export const HOOK_EVENTS: INodePropertyOptions[] = [
	{ name: 'Form Submission', value: 'form_submission', description: 'Someone submits a form. The API key needs permission to view form submissions (view:form_submissions).' },
	{ name: 'Order Created', value: 'order_created', description: 'A new order is created. The API key needs permission to view transactions and orders (view:transactions, view:orders).' },
	{ name: 'Payment Succeeded', value: 'payment_succeeded', description: 'A payment completes. The API key needs permission to view transactions (view:transactions).' },
	{ name: 'Purchase', value: 'purchase', description: 'A customer makes a purchase. The API key needs permission to view purchases (view:purchases).' },
	{ name: 'Tag Added', value: 'tag_added', description: 'A tag is added to a contact. The API key needs permission to view contacts (view:contacts).' },
	{ name: 'Tag Removed', value: 'tag_removed', description: 'A tag is removed from a contact. The API key needs permission to view contacts (view:contacts).' },
];

export const hookOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webhook',
			description: 'Subscribe a URL to an event of a site',
			routing: sends({ method: 'POST', url: '/v1/hooks', body: { data: { type: 'hooks' } } }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a webhook',
			description: 'Delete a webhook subscription: Kajabi stops sending its events to the URL',
			routing: sends({ method: 'DELETE', url: '/v1/hooks/{hookId}' }, { runner: KAJABI_DELETE_RUNNER }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a webhook',
			description: 'Read one webhook subscription: which event goes to which URL',
			routing: get('/v1/hooks/{hookId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many webhooks',
			description: 'List the webhook subscriptions of your sites',
			routing: get('/v1/hooks'),
		},
		{
			name: 'Get Sample Payload',
			value: 'getSample',
			action: 'Get a sample webhook payload',
			description: 'The records Kajabi sends with an event, as a sample to build a workflow with',
			routing: get('/v1/hooks/{sampleEvent}_sample'),
		},
	]),
];

export const hookFields: INodeProperties[] = [
	idLocator(resource, ['delete', 'get'], { name: 'hookId', displayName: 'Webhook' }),

	// Create
	idLocator(resource, ['create'], {
		name: 'siteId',
		displayName: 'Site',
		searchListMethod: 'searchSites',
		description: 'The site whose events are sent',
		routing: { send: { type: 'body', property: 'data.relationships.site.data', value: toOne('sites') } },
	}),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		default: 'purchase',
		displayOptions: show(resource, ['create']),
		options: HOOK_EVENTS,
		routing: { send: { type: 'body', property: 'data.attributes.event' } },
	},
	{
		displayName: 'Target URL',
		name: 'targetUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/webhook',
		displayOptions: show(resource, ['create']),
		description: 'Where Kajabi posts each event',
		routing: { send: { type: 'body', property: 'data.attributes.target_url' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['create']),
		options: [
			{
				displayName: 'Resource ID',
				name: 'resourceId',
				type: 'string',
				default: '',
				description:
					'Only events of this record: the contact tag for tag events, the form for form submissions. Leave empty for every one.',
				routing: {
					send: { type: 'body', property: 'data.attributes.resource_id', value: '={{ String($value).trim() }}' },
				},
			},
		],
	},

	// Get Sample Payload
	{
		displayName: 'Event',
		name: 'sampleEvent',
		type: 'options',
		required: true,
		default: 'purchase',
		displayOptions: show(resource, ['getSample']),
		options: HOOK_EVENTS,
	},

	// Get Many
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		{
			param: 'event_eq',
			displayName: 'Event',
			type: 'options',
			options: HOOK_EVENTS,
			description: 'Only webhooks of this event',
		},
	]),
	simplifyField(resource, ['create', 'get', 'getAll', 'getSample']),
];
