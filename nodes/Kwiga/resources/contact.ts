import type { INodeProperties } from 'n8n-workflow';

import {
	contactLocator,
	createdDateFilter,
	customFieldsOption,
	listFields,
	offerLocator,
	operationSelector,
	sendIdList,
	sortOrderOption,
} from '../fields';

const resource = 'contact';
const show = (operation: string[]) => ({ show: { resource: [resource], operation } });
const contactUrl = '/contacts/{{ String($parameter.contactId).trim() }}';

export const contactOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Add Purchase',
			value: 'addPurchase',
			action: 'Add a purchase to a contact',
			description: 'Find or create a contact by email and give them an offer or products',
			routing: {
				request: { method: 'POST', url: '/contacts/purchases' },
				send: { paginate: true },
			},
		},
		{
			name: 'Add Tags',
			value: 'addTags',
			action: 'Add tags to contacts',
			routing: {
				request: { method: 'POST', url: '/contacts/tags' },
				send: { paginate: true, preSend: [sendIdList('contactIds', 'contact_ids', 'Contact IDs')] },
			},
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			routing: {
				request: { method: 'POST', url: '/contacts' },
				send: { paginate: true },
			},
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			routing: {
				request: { method: 'GET', url: `=${contactUrl}` },
				send: { paginate: true },
			},
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			routing: {
				request: { method: 'GET', url: '/contacts' },
				send: { paginate: true },
			},
		},
		{
			name: 'Get Products',
			value: 'getProducts',
			action: 'Get the products of a contact',
			description: 'List the products a contact has, with subscription and access periods',
			routing: {
				request: { method: 'GET', url: `=${contactUrl}/products` },
				send: { paginate: true },
			},
		},
		{
			name: 'Remove Product',
			value: 'removeProduct',
			action: 'Remove a product from a contact',
			description:
				"Delete the contact's subscriptions to a product; their orders lose access to it",
			routing: {
				request: {
					method: 'DELETE',
					url: `=${contactUrl}/products/{{ $parameter.productId }}`,
				},
				send: { paginate: true },
			},
		},
		{
			name: 'Remove Products in Bulk',
			value: 'removeProducts',
			action: 'Remove products from a contact in bulk',
			description: 'Delete subscriptions of a contact by product and/or offers',
			routing: {
				request: { method: 'DELETE', url: '/contacts/products' },
				send: { paginate: true },
			},
		},
		{
			name: 'Remove Tags',
			value: 'removeTags',
			action: 'Remove tags from contacts',
			routing: {
				request: { method: 'DELETE', url: '/contacts/tags' },
				send: { paginate: true, preSend: [sendIdList('contactIds', 'contact_ids', 'Contact IDs')] },
			},
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			routing: {
				request: { method: 'PUT', url: `=${contactUrl}` },
				send: { paginate: true },
			},
		},
	]),
];

const nameAndPhone: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property: 'first_name' } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property: 'last_name' } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+380931234567',
		description: 'Phone number in international format',
		routing: { send: { type: 'body', property: 'phone' } },
	},
	{
		displayName: 'Send Activation Email',
		name: 'sendActivationEmail',
		type: 'boolean',
		default: true,
		description: 'Whether KWIGA emails the contact a link to activate their account',
		routing: { send: { type: 'body', property: 'send_activation_email' } },
	},
];

export const contactFields: INodeProperties[] = [
	// Get, Update, Get Products, Remove Product
	contactLocator(resource, ['get', 'update', 'getProducts', 'removeProduct']),

	// Create, Add Purchase
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: show(['create', 'addPurchase']),
		description: 'Email of the contact; Add Purchase finds the contact by it or creates one',
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['create']),
		options: [
			...nameAndPhone,
			customFieldsOption,
			{
				displayName: 'Manager IDs',
				name: 'managerIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 264, 288',
				description: 'IDs of the cabinet managers responsible for the contact, separated by commas',
				routing: {
					send: { preSend: [sendIdList('additionalFields.managerIds', 'manager_ids', 'Manager IDs')] },
				},
			},
		],
	},

	// Add Purchase
	offerLocator(
		resource,
		['addPurchase'],
		false,
		'The offer the contact buys. Without an offer, the products chosen under Additional Fields are given; with neither, KWIGA creates an empty order.',
		{
			send: {
				type: 'body',
				property: 'offer_id',
				value: '={{ String($value).trim() ? Number(String($value).trim()) : undefined }}',
			},
		},
	),
	{
		displayName: 'Additional Fields',
		name: 'purchaseFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['addPurchase']),
		options: [
			...nameAndPhone,
			customFieldsOption,
			{
				displayName: 'Product Names or IDs',
				name: 'productIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getProducts' },
				default: [],
				description:
					'Products to give when no offer is chosen. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'body', property: 'product_ids' } },
			},
		],
	},

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['update']),
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				routing: { send: { type: 'body', property: 'email' } },
			},
			...nameAndPhone.filter((field) => field.name !== 'sendActivationEmail'),
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, webinar-2024',
				description: "The contact's tags, separated by commas",
				routing: {
					send: {
						type: 'body',
						property: 'tags',
						value: '={{ String($value).split(",").map(t => t.trim()).filter(t => t) }}',
					},
				},
			},
		],
	},

	// Add Tags, Remove Tags
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 23698, 23699',
		displayOptions: show(['addTags', 'removeTags']),
		description: 'IDs of the contacts, separated by commas',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. vip, webinar-2024',
		displayOptions: show(['addTags', 'removeTags']),
		description: 'Tag names, separated by commas',
		routing: {
			send: {
				type: 'body',
				property: 'tags',
				value: '={{ String($value).split(",").map(t => t.trim()).filter(t => t) }}',
			},
		},
	},

	// Remove Product
	{
		displayName: 'Product Name or ID',
		name: 'productId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getProducts' },
		required: true,
		default: '',
		displayOptions: show(['removeProduct']),
		description:
			'The product to take away. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},

	// Remove Products in Bulk
	{
		displayName: 'Contact Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: show(['removeProducts']),
		description: 'Email of the contact whose products are removed',
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Product Name or ID',
		name: 'bulkProductId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getProducts' },
		default: '',
		displayOptions: show(['removeProducts']),
		description:
			'Remove this product. Together with offers, only the part of it bought through those offers is removed. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'body', property: 'product_id', value: '={{ $value || undefined }}' } },
	},
	{
		displayName: 'Offer Names or IDs',
		name: 'offerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getOffers' },
		default: [],
		displayOptions: show(['removeProducts']),
		description:
			'Remove what the contact got through these offers. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: {
			send: { type: 'body', property: 'offers', value: '={{ $value.length ? $value : undefined }}' },
		},
	},

	// Get Many
	...listFields(resource, 'getAll', 100),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getAll']),
		options: [
			createdDateFilter('date_from', 'contacts'),
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. example.com',
				description: 'Text to look for in name, email or phone',
				routing: { send: { type: 'query', property: 'filters.search' } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['getAll']),
		options: [
			{
				displayName: 'Include Offers',
				name: 'withOffers',
				type: 'boolean',
				default: true,
				description: 'Whether to include the offers each contact has purchased',
				routing: { send: { type: 'query', property: 'with_offers', value: '={{ $value ? 1 : 0 }}' } },
			},
			sortOrderOption('sort', 'sort'),
		],
	},
];
