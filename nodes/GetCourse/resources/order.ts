import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import {
	CURRENCIES,
	DATE_TIME_VALUE,
	FLAG_VALUE,
	importUserFields,
	operationSelector,
	OPTIONAL_TEXT,
	ORDER_STATUSES_IMPORT,
	PAYMENT_STATUSES,
	PAYMENT_TYPES,
	sessionFields,
	show,
} from '../fields';
import { refreshForOrderNumber, setDealAddFields } from '../imports';
import { importRunner } from '../transport';

const resource = 'order';

export const orderOperations: INodeProperties[] = [
	operationSelector(resource, 'createOrUpdate', [
		{
			name: 'Change Status',
			value: 'changeStatus',
			action: 'Change the status of an order',
			description:
				'Set the status of an existing order by its number. Access the order gave is not taken back by a status change.',
			routing: sends(
				{ method: 'POST', url: '/pl/api/deals', body: { action: 'add' } },
				{ runner: importRunner },
			),
		},
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			action: 'Create or update an order',
			description:
				'Create an order for a user (created when missing), or update the order with the given number',
			routing: sends(
				{ method: 'POST', url: '/pl/api/deals', body: { action: 'add' } },
				{ runner: importRunner },
			),
		},
	]),
];

const both = ['createOrUpdate'];

export const orderFields: INodeProperties[] = [
	// Create or Update: the user
	...importUserFields(resource, both),

	// Create or Update: the order
	{
		displayName: 'Offer Code',
		name: 'offerCode',
		type: 'string',
		default: '',
		displayOptions: show(resource, both),
		description:
			'The unique code of the offer, from the offer\'s settings. Give either this or Offer Title.',
		routing: { send: { type: 'body', property: 'deal.offer_code', value: OPTIONAL_TEXT } },
	},
	{
		displayName: 'Offer Title',
		name: 'productTitle',
		type: 'string',
		default: '',
		displayOptions: show(resource, both),
		description: 'The name of the offer, when no offer code is given',
		routing: { send: { type: 'body', property: 'deal.product_title', value: OPTIONAL_TEXT } },
	},
	{
		displayName: 'Order Amount',
		name: 'dealCost',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		displayOptions: show(resource, both),
		description: 'The cost of the order',
		routing: { send: { type: 'body', property: 'deal.deal_cost' } },
	},
	{
		displayName: 'Return Payment Link',
		name: 'returnPaymentLink',
		type: 'boolean',
		default: true,
		displayOptions: show(resource, both),
		description: 'Whether GetCourse should return the link to the order\'s payment page',
		routing: { send: { type: 'body', property: 'system.return_payment_link', value: FLAG_VALUE } },
	},
	{
		displayName: 'Return Order Number',
		name: 'returnDealNumber',
		type: 'boolean',
		default: true,
		displayOptions: show(resource, both),
		description: 'Whether GetCourse should return the number of the order',
		routing: { send: { type: 'body', property: 'system.return_deal_number', value: FLAG_VALUE } },
	},
	{
		displayName: 'Order Fields',
		name: 'orderDetails',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, both),
		options: [
			{
				displayName: 'Add to Existing Offers',
				name: 'multipleOffers',
				type: 'boolean',
				default: false,
				description:
					'Whether the offer is added to the positions of an existing order with this number instead of replacing them',
				routing: { send: { type: 'body', property: 'system.multiple_offers', value: FLAG_VALUE } },
			},
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'deal.deal_comment' } },
			},
			{
				displayName: 'Created At',
				name: 'createdAt',
				type: 'dateTime',
				default: '',
				description: 'The date of the order, in the school\'s time',
				routing: { send: { type: 'body', property: 'deal.deal_created_at', value: DATE_TIME_VALUE } },
			},
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'options',
				options: CURRENCIES,
				default: 'RUB',
				description: 'The currency of the order; without it the school\'s base currency is used',
				routing: { send: { type: 'body', property: 'deal.deal_currency' } },
			},
			{
				displayName: 'Finished At',
				name: 'finishedAt',
				type: 'dateTime',
				default: '',
				description: 'When the order was paid or completed, in the school\'s time',
				routing: { send: { type: 'body', property: 'deal.deal_finished_at', value: DATE_TIME_VALUE } },
			},
			{
				displayName: 'Is Paid',
				name: 'isPaid',
				type: 'boolean',
				default: false,
				description: 'Whether the order is paid',
				routing: {
					send: { type: 'body', property: 'deal.deal_is_paid', value: '={{ $value ? "yes" : "no" }}' },
				},
			},
			{
				displayName: 'Manager Email',
				name: 'managerEmail',
				type: 'string',
				placeholder: 'manager@email.com',
				default: '',
				routing: { send: { type: 'body', property: 'deal.manager_email' } },
			},
			{
				displayName: 'Offer Description',
				name: 'productDescription',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'deal.product_description' } },
			},
			{
				displayName: 'Order Number',
				name: 'dealNumber',
				type: 'string',
				default: '',
				description:
					"The number of an existing order to update; without it a new order is created. GetCourse edits an order only with Update If Exists on, so with an order number the node turns it on: the user's fields given here then also update the existing user.",
				routing: {
					send: {
						type: 'body',
						property: 'deal.deal_number',
						value: '={{ String($value).trim() }}',
						preSend: [refreshForOrderNumber],
					},
				},
			},
			{
				displayName: 'Order Partner Email',
				name: 'dealPartnerEmail',
				type: 'string',
				placeholder: 'partner@email.com',
				default: '',
				description:
					"The order's partner, when other than the user's partner. An email with no user is an error.",
				routing: { send: { type: 'body', property: 'deal.partner_email' } },
			},
			{
				displayName: 'Payment Status',
				name: 'paymentStatus',
				type: 'options',
				options: PAYMENT_STATUSES,
				default: 'expected',
				routing: { send: { type: 'body', property: 'deal.payment_status' } },
			},
			{
				displayName: 'Payment Type',
				name: 'paymentType',
				type: 'options',
				options: PAYMENT_TYPES,
				default: 'CARD',
				routing: { send: { type: 'body', property: 'deal.payment_type' } },
			},
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1 },
				routing: { send: { type: 'body', property: 'deal.quantity' } },
			},
			{
				displayName: 'Status',
				name: 'dealStatus',
				type: 'options',
				options: ORDER_STATUSES_IMPORT,
				default: 'new',
				routing: { send: { type: 'body', property: 'deal.deal_status' } },
			},
		],
	},
	{
		displayName: 'Additional Order Fields',
		name: 'orderFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Additional Field',
		default: {},
		displayOptions: show(resource, both),
		description:
			'Additional order fields of the school, by their names as in GetCourse (see Field → Get Many)',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		routing: { send: { preSend: [setDealAddFields] } },
	},
	sessionFields(resource, both, 'the order'),

	// Change Status
	{
		displayName: 'Email',
		name: 'statusEmail',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: show(resource, ['changeStatus']),
		description: 'Email of the user who owns the order',
		routing: { send: { type: 'body', property: 'user.email' } },
	},
	{
		displayName: 'Order Number',
		name: 'statusDealNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 13667463',
		displayOptions: show(resource, ['changeStatus']),
		routing: { send: { type: 'body', property: 'deal.deal_number' } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: ORDER_STATUSES_IMPORT,
		default: 'payed',
		displayOptions: show(resource, ['changeStatus']),
		description: 'The new status of the order',
		routing: { send: { type: 'body', property: 'deal.deal_status' } },
	},
];
