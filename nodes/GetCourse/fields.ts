/**
 * Field builders several GetCourse resources share: the user of an import, the
 * registration context (UTM), additional fields, dates and the documented value lists.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationSelector, show } from '../shared/fields';
import { setGroups, setUserAddFields } from './imports';

export { operationSelector, show };

/** A date picker's value as GetCourse's YYYY-MM-DD. */
export const DATE_VALUE = '={{ String($value).slice(0, 10) }}';

/** A date picker's value as "YYYY-MM-DD HH:MM:SS", the school's own clock. */
export const DATE_TIME_VALUE = '={{ String($value).slice(0, 19).replace("T", " ") }}';

/** A text field left empty is not sent at all. */
export const OPTIONAL_TEXT = '={{ String($value).trim() || undefined }}';

/** 1 or 0, as GetCourse's import flags are documented. */
export const FLAG_VALUE = '={{ $value ? 1 : 0 }}';

/** A bound of an export's date filter: `<name>[from]` or `<name>[to]`, as YYYY-MM-DD. */
export function dateFilter(
	property: string,
	bound: 'from' | 'to',
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name: `${property.replace(/_(\w)/g, (_all, letter: string) => letter.toUpperCase())}${bound === 'from' ? 'From' : 'To'}`,
		type: 'dateTime',
		default: '',
		description,
		routing: { send: { type: 'query', property: `${property}.${bound}`, value: DATE_VALUE } },
	};
}

export const ORDER_STATUSES: INodePropertyOptions[] = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Completed (Paid)', value: 'payed' },
	{ name: 'In Progress', value: 'in_work' },
	{ name: 'New', value: 'new' },
	{ name: 'Not Confirmed', value: 'not_confirmed' },
	{ name: 'Partially Paid', value: 'part_payed' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Waiting for Payment', value: 'payment_waiting' },
	{ name: 'Waiting for Return', value: 'waiting_for_return' },
];

/** The import accepts one more status than the export filter documents: "false" (false order). */
export const ORDER_STATUSES_IMPORT: INodePropertyOptions[] = [
	...ORDER_STATUSES,
	{ name: 'False (Spam) Order', value: 'false' },
].sort((a, b) => a.name.localeCompare(b.name));

export const PAYMENT_STATUSES: INodePropertyOptions[] = [
	{ name: 'Accepted', value: 'accepted' },
	{ name: 'Expected', value: 'expected' },
	{ name: 'From Balance', value: 'frombalance' },
	{ name: 'Returned', value: 'returned' },
	{ name: 'Returned to Balance', value: 'returned_to_balance' },
	{ name: 'To Balance', value: 'tobalance' },
];

export const USER_STATUSES: INodePropertyOptions[] = [
	{ name: 'Active', value: 'active' },
	{ name: 'In Base (Not Activated)', value: 'in_base' },
];

const PAYMENT_TYPE_CODES = [
	'2CO', 'ALFA', 'BILL', 'CARD', 'CARD_TERMINAL', 'CASH', 'cloud_payments', 'cloud_payments_kz',
	'ebanx', 'fondy', 'hutki_grosh', 'interkassa', 'INTERNAL', 'justclick', 'kvit', 'OTHER',
	'payanyway', 'PAYPAL', 'perfect_money', 'PERFECTMONEY', 'prodamus', 'QIWI', 'qiwi_kassa',
	'QUICKTRANSFER', 'RBK', 'rbkmoney', 'rbkmoney_new', 'ROBOKASSA', 'SBER', 'sberbank', 'swedbank',
	'tinkoff', 'tinkoffcredit', 'VIRTUAL', 'walletone', 'wayforpay', 'WEBMONEY', 'yandex_kassa',
	'YANDEXMONEY', 'ZPAYMENT',
];

/** GetCourse's payment type codes, named as they are written (two codes differ only in case). */
export const PAYMENT_TYPES: INodePropertyOptions[] = PAYMENT_TYPE_CODES.map((code) => ({
	name: code,
	value: code,
})).sort((a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value));

const CURRENCY_CODES = [
	'AED', 'AMD', 'AUD', 'AZN', 'BRL', 'BYN', 'BYR', 'CAD', 'CHF', 'CZK', 'DKK', 'EUR', 'GBP', 'ILS',
	'INR', 'JPY', 'KGS', 'KZT', 'MNT', 'MXN', 'MYR', 'NZD', 'PLN', 'RON', 'RSD', 'RUB', 'SEK', 'SGD',
	'TRY', 'UAH', 'USD', 'UZS', 'ZAR',
];

export const CURRENCIES: INodePropertyOptions[] = CURRENCY_CODES.map((code) => ({ name: code, value: code }));

/** The user of an import: email, the documented optional fields, groups and additional fields. */
export function importUserFields(resource: string, operation: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			displayOptions: show(resource, operation),
			description: 'The user is found by this email, or created when there is none',
			routing: { send: { type: 'body', property: 'user.email' } },
		},
		{
			displayName: 'Update If Exists',
			name: 'refreshIfExists',
			type: 'boolean',
			default: false,
			displayOptions: show(resource, operation),
			description:
				'Whether to update the data of a user who already exists (their groups are then added to, never removed). When off, an existing user is left as they are.',
			routing: { send: { type: 'body', property: 'system.refresh_if_exists', value: FLAG_VALUE } },
		},
		{
			displayName: 'User Fields',
			name: 'userDetails',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show(resource, operation),
			options: [
				{
					displayName: 'City',
					name: 'city',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'user.city' } },
				},
				{
					displayName: 'Country',
					name: 'country',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'user.country' } },
				},
				{
					displayName: 'First Name',
					name: 'firstName',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'user.first_name' } },
				},
				{
					displayName: 'Last Name',
					name: 'lastName',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'user.last_name' } },
				},
				{
					displayName: 'Partner Email',
					name: 'partnerEmail',
					type: 'string',
					placeholder: 'partner@email.com',
					default: '',
					description:
						"Email of the user's partner: the user becomes this partner's referral. A user who is not a partner yet becomes one; an email with no user is an error.",
					routing: { send: { type: 'body', property: 'system.partner_email' } },
				},
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: 'e.g. +74951234567',
					routing: { send: { type: 'body', property: 'user.phone' } },
				},
			],
		},
		{
			displayName: 'Groups',
			name: 'groups',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Group',
			default: {},
			displayOptions: show(resource, operation),
			description: 'Groups to add the user to (existing groups of the user are kept)',
			options: [
				{
					displayName: 'Group',
					name: 'group',
					values: [
						{
							displayName: 'Group Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The group\'s name as in GetCourse; a group that does not exist is created',
						},
						{
							displayName: 'Joined At',
							name: 'joinedAt',
							type: 'dateTime',
							default: '',
							description:
								'When the user joined the group, in the school\'s time. Leave empty for now.',
						},
					],
				},
			],
			routing: { send: { preSend: [setGroups] } },
		},
		{
			displayName: 'Additional User Fields',
			name: 'userFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Additional Field',
			default: {},
			displayOptions: show(resource, operation),
			description:
				'Additional user fields of the school, by their names as in GetCourse (see Field → Get Many)',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Telegram',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
			routing: { send: { preSend: [setUserAddFields] } },
		},
	];
}

/** The `session` object: where the user (or order) came from. */
export function sessionFields(
	resource: string,
	operation: string[],
	what: string,
): INodeProperties {
	const utm = (name: string, key: string): INodeProperties => ({
		displayName: name,
		name: key.replace(/_(\w)/g, (_all, letter: string) => letter.toUpperCase()),
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property: `session.${key}` } },
	});
	return {
		displayName: 'Session (UTM)',
		name: 'session',
		type: 'collection',
		placeholder: 'Add Session Field',
		default: {},
		displayOptions: show(resource, operation),
		description: `Where ${what} came from: recorded as the registration context of a new user`,
		options: [
			{
				displayName: 'Partner Code',
				name: 'gcpc',
				type: 'string',
				default: '',
				description:
					'The partner\'s code, as it appears in their partner links after gcpc=. It takes priority over any partner email.',
				routing: { send: { type: 'body', property: 'session.gcpc' } },
			},
			{
				displayName: 'Partner Ad Code',
				name: 'gcao',
				type: 'string',
				default: '',
				description: 'The code of the partner\'s ad, as it appears in its links after gcao=',
				routing: { send: { type: 'body', property: 'session.gcao' } },
			},
			{
				displayName: 'Referer',
				name: 'referer',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/landing',
				routing: { send: { type: 'body', property: 'session.referer' } },
			},
			utm('UTM Campaign', 'utm_campaign'),
			utm('UTM Content', 'utm_content'),
			utm('UTM Group', 'utm_group'),
			utm('UTM Medium', 'utm_medium'),
			utm('UTM Source', 'utm_source'),
		],
	};
}
