import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { createdDateFilter, DATE_TIME_VALUE, listFields, operationSelector, sendIdList } from '../fields';
import { KWIGA_SIMPLE } from '../simplify';
import { kwigaRunner } from '../transport';

const resource = 'coupon';

/** Get and Get Many put out only the fields of KWIGA_SIMPLE.coupon while Simplify is on. */
const simplified = kwigaRunner({ simplify: KWIGA_SIMPLE.coupon.keys });
const show = (operation: string[]) => ({ show: { resource: [resource], operation } });

export const couponOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Check',
			value: 'check',
			action: 'Check a coupon',
			description:
				'Check that a coupon exists and can still be used (limit not reached, not expired)',
			routing: sends({ method: 'POST', url: '/coupons/check' }),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a coupon',
			description: 'Make a discount code for offers of the cabinet',
			routing: sends({ method: 'POST', url: '/coupons' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a coupon',
			description: 'Read one coupon with its discount and limits',
			routing: sends({ method: 'GET', url: '/coupons/{couponId}' }, { runner: simplified }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many coupons',
			description: 'List the cabinet\'s coupons',
			routing: sends({ method: 'GET', url: '/coupons' }, { runner: simplified }),
		},
	]),
];

export const couponFields: INodeProperties[] = [
	// Get
	{
		displayName: 'Coupon ID',
		name: 'couponId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8',
		displayOptions: show(['get']),
	},

	// Create, Check
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. SPRING-SALE',
		displayOptions: show(['create', 'check']),
		description: 'The code buyers enter at checkout',
		routing: { send: { type: 'body', property: 'code' } },
	},

	// Create
	{
		displayName: 'Discount Type',
		name: 'discountType',
		type: 'options',
		default: 'discount_with_percent',
		displayOptions: show(['create']),
		options: [
			{
				name: 'Percentage of the Order',
				value: 'discount_with_percent',
				description: 'The discount is a percentage of the order or offer value',
			},
			{
				name: 'Fixed Amount',
				value: 'discount_with_currency',
				description: 'The discount is an amount of money',
			},
		],
		routing: { send: { type: 'body', property: 'type_discount.id' } },
	},
	{
		displayName: 'Discount',
		name: 'reward',
		type: 'number',
		required: true,
		default: 10,
		typeOptions: { minValue: 0 },
		displayOptions: show(['create']),
		description: 'Size of the discount: a percentage or an amount, depending on the discount type',
		routing: { send: { type: 'body', property: 'reward' } },
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
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When the coupon stops working; leave empty for a coupon that never expires',
				routing: { send: { type: 'body', property: 'expires_at', value: DATE_TIME_VALUE } },
			},
			{
				displayName: 'Offer Names or IDs',
				name: 'offerIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getOffers' },
				default: [],
				description:
					'Offers the coupon is limited to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: {
					send: { preSend: [sendIdList('additionalFields.offerIds', 'offers', 'Offers', false)] },
				},
			},
			{
				displayName: 'Time Zone Name or ID',
				name: 'timezoneId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTimezones' },
				default: '',
				description:
					'Time zone of the expiry moment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'body', property: 'timezone.id', value: '={{ Number($value) }}' } },
			},
			{
				displayName: 'Total Uses',
				name: 'totalUses',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'How many times the coupon can be used in all; 0 means no limit',
				routing: { send: { type: 'body', property: 'total_uses' } },
			},
			{
				displayName: 'Uses per Contact',
				name: 'totalUsesPerUser',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'How many times one contact can use the coupon; 0 means no limit',
				routing: { send: { type: 'body', property: 'total_uses_per_user' } },
			},
		],
	},

	// Check
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0 },
		displayOptions: show(['check']),
		description: 'The price the coupon would apply to; the answer gives the discount on it',
		routing: { send: { type: 'body', property: 'price' } },
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
			createdDateFilter('date_from', 'coupons'),
			createdDateFilter('date_to', 'coupons'),
		],
	},
];
