import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { checkCouponCode, useItemToken } from '../inputs';
import { activateCoupon } from '../transport';

const show = { show: { resource: ['coupon'], operation: ['activate'] } };

export const couponOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['coupon'] } },
		default: 'activate',
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate a coupon',
				description:
					'Activate a coupon code for a user: REMP CRM gives the user the coupon\'s subscription',
				routing: sends(
					{ method: 'POST', url: '/api/v1/coupon/activate' },
					{ preSend: [checkCouponCode, useItemToken], runner: activateCoupon },
				),
			},
		],
	},
];

export const couponFields: INodeProperties[] = [
	{
		displayName: 'Coupon Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456-789ABC-DEFG',
		displayOptions: show,
		description: 'The code of the coupon to activate, as the user received it',
		routing: { send: { type: 'body', property: 'code' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Notify User',
				name: 'notifyUser',
				type: 'boolean',
				default: false,
				description:
					'Whether REMP CRM tells the user about the new subscription (email, push notification)',
				routing: { send: { type: 'body', property: 'notifyUser' } },
			},
			{
				displayName: 'User Token',
				name: 'userToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Activate the coupon for the user this token belongs to, instead of the credential\'s user. Usually an expression that takes the token from the item: the token User → Log In gives, or a user\'s n_token cookie. Leave empty to use the credential.',
			},
		],
	},
];
