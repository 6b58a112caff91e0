import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	contactLocator,
	createdDateFilter,
	customFieldsOption,
	listFields,
	offerLocator,
	operationSelector,
	idLocator,
	sendIdList,
	sortOrderOption,
} from '../fields';
import { inputCheck } from '../../shared/input';
import { sends } from '../../shared/runner';
import { KWIGA_SIMPLE } from '../simplify';
import { kwigaRunner } from '../transport';

const resource = 'contact';

/** Remove Products in Bulk deletes subscriptions: it needs a product or offers to know which. */
const requireProductOrOffers = inputCheck(async function (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const product = String(this.getNodeParameter('bulkProductId', '', { extractValue: true }) ?? '').trim();
	const offers = this.getNodeParameter('offerIds', []) as unknown[];
	if (!product && !(Array.isArray(offers) ? offers.length : String(offers ?? '').trim())) {
		throw new NodeOperationError(this.getNode(), 'Choose a product or at least one offer', {
			itemIndex: this.getItemIndex(),
			description:
				"Remove Products in Bulk deletes the contact's subscriptions to the product and/or to what the offers gave; without either it would not know which.",
		});
	}
	return requestOptions;
});
const show = (operation: string[]) => ({ show: { resource: [resource], operation } });

export const contactOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Add Purchase',
			value: 'addPurchase',
			action: 'Add a purchase to a contact',
			description: 'Find or create a contact by email and give them an offer or products',
			routing: sends({ method: 'POST', url: '/contacts/purchases' }),
		},
		{
			name: 'Add Tags',
			value: 'addTags',
			action: 'Add tags to contacts',
			description: 'Put one or more tags on the chosen contacts',
			routing: sends(
				{ method: 'POST', url: '/contacts/tags' },
				{ preSend: [sendIdList('contactIds', 'contact_ids', 'Contact IDs')] },
			),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			description: 'Add a new contact to the cabinet with their email, name and phone',
			routing: sends({ method: 'POST', url: '/contacts' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Read one contact with their details',
			routing: sends(
				{ method: 'GET', url: '/contacts/{contactId}' },
				{ runner: kwigaRunner({ simplify: KWIGA_SIMPLE.contact.keys }) },
			),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			description:
				'List the cabinet\'s contacts, optionally only those matching a search or added since a date',
			routing: sends(
				{ method: 'GET', url: '/contacts' },
				{ runner: kwigaRunner({ stableSort: 'sort', queryAlias: true, simplify: KWIGA_SIMPLE.contact.keys }) },
			),
		},
		{
			name: 'Get Products',
			value: 'getProducts',
			action: 'Get the products of a contact',
			description: 'List the products a contact has, with subscription and access periods',
			routing: sends({ method: 'GET', url: '/contacts/{contactId}/products' }),
		},
		{
			name: 'Remove Product',
			value: 'removeProduct',
			action: 'Remove a product from a contact',
			description:
				"Delete the contact's subscriptions to a product; their orders lose access to it",
			routing: sends({ method: 'DELETE', url: '/contacts/{contactId}/products/{productId}' }),
		},
		{
			name: 'Remove Products in Bulk',
			value: 'removeProducts',
			action: 'Remove products from a contact in bulk',
			description:
				"Delete a contact's subscriptions to a product and/or to what offers gave; needs a product or at least one offer",
			routing: sends({ method: 'DELETE', url: '/contacts/products' }, { preSend: [requireProductOrOffers] }),
		},
		{
			name: 'Remove Tags',
			value: 'removeTags',
			action: 'Remove tags from contacts',
			description: 'Take one or more tags off the chosen contacts',
			routing: sends(
				{ method: 'DELETE', url: '/contacts/tags' },
				{ preSend: [sendIdList('contactIds', 'contact_ids', 'Contact IDs')] },
			),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change the name, phone or other details of a contact',
			routing: sends({ method: 'PUT', url: '/contacts/{contactId}' }),
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

	// Create, Add Purchase: the same field, with help for each
	...[
		{ operation: 'create', description: 'Email of the new contact' },
		{
			operation: 'addPurchase',
			description: 'The contact who gets the purchase is found by this email; a new contact is created when none has it',
		},
	].map(
		({ operation, description }): INodeProperties => ({
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			displayOptions: show([operation]),
			description,
			routing: { send: { type: 'body', property: 'email' } },
		}),
	),
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
				routing: {
					send: { preSend: [sendIdList('purchaseFields.productIds', 'product_ids', 'Products', false)] },
				},
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
				description:
					"The contact's tags, separated by commas. Replaces all the contact's tags: tags not listed here are removed (use Add Tags to keep them).",
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
	idLocator(resource, ['removeProduct'], {
		name: 'productId',
		displayName: 'Product',
		searchListMethod: 'searchProducts',
		example: '299',
		required: true,
		description: 'The product to take away',
	}),

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
	idLocator(resource, ['removeProducts'], {
		name: 'bulkProductId',
		displayName: 'Product',
		searchListMethod: 'searchProducts',
		example: '299',
		required: false,
		description:
			'Remove this product. Together with offers, only the part of it bought through those offers is removed. Give a product, offers, or both.',
		routing: { send: { type: 'body', property: 'product_id', value: '={{ String($value).trim() ? Number(String($value).trim()) : undefined }}' } },
	}),
	{
		displayName: 'Offer Names or IDs',
		name: 'offerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getOffers' },
		default: [],
		displayOptions: show(['removeProducts']),
		description:
			'Remove what the contact got through these offers. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { preSend: [sendIdList('offerIds', 'offers', 'Offers', false)] } },
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
