import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	AS_NUMBER,
	BOOMERANGME_SIMPLE,
	customerLocator,
	listFields,
	operationSelector,
	show,
	templateLocator,
	TRIMMED,
} from '../fields';
import { sends } from '../../shared/runner';
import { BALANCE_ACTIONS } from '../cards';
import { PATHS } from '../paths';
import { balanceRunner, deleteRunner, simplifyRunner } from '../transport';

const resource = 'card';

/** Get and Get Many: Simplify keeps the card's main fields. */
const simplified = simplifyRunner(BOOMERANGME_SIMPLE.card.keys);

/** "Add stamps to a card", "Subtract points from a card", "Redeem coupon on a card". */
function actionOf(operation: string, name: string): string {
	const preposition = operation.startsWith('add') ? 'to' : operation.startsWith('subtract') ? 'from' : 'on';
	const words = name.toLowerCase();
	return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${preposition} a card`;
}

const balanceOptions: INodePropertyOptions[] = BALANCE_ACTIONS.map((balance) => ({
	name: balance.name,
	value: balance.operation,
	action: actionOf(balance.operation, balance.name),
	description: `Applies to ${balance.appliesTo}`,
	routing: sends({ method: 'POST', url: PATHS.cardAction(balance.action) }, { runner: balanceRunner(balance) }),
}));

export const cardOperations: INodeProperties[] = [
	operationSelector(resource, 'get', [
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a card',
			description: 'Delete a card by its number (any card type)',
			routing: sends({ method: 'DELETE', url: PATHS.card }, { runner: deleteRunner }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a card',
			description: 'Get a card and its balance by its number (any card type)',
			routing: sends({ method: 'GET', url: PATHS.card }, { runner: simplified }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many cards',
			description: 'List cards, by template or customer (any card type)',
			routing: sends({ method: 'GET', url: PATHS.cards }, { runner: simplified }),
		},
		{
			name: 'Issue',
			value: 'issue',
			action: 'Issue a card to a customer',
			description: 'Issue a card of a template to a customer (any card type)',
			routing: sends({ method: 'POST', url: PATHS.cards }),
		},
		...balanceOptions,
	].sort((a, b) => a.name.localeCompare(b.name))),
];

const withAmount = BALANCE_ACTIONS.filter((balance) => balance.amountKey);
const addOrSubtract = BALANCE_ACTIONS.filter((balance) => /^(add|subtract)/.test(balance.operation) && balance.operation !== 'addPurchase');

/** One Amount field per balance operation with an amount, each sent under its own key. */
const amountFields: INodeProperties[] = withAmount.map((balance) => ({
	displayName: balance.amountLabel ?? 'Amount',
	name: 'amount',
	type: 'number',
	required: true,
	default: 1,
	typeOptions: balance.whole ? { minValue: 1, numberPrecision: 0 } : { minValue: 0, numberPrecision: 2 },
	displayOptions: show(resource, [balance.operation]),
	description: `How many ${String(balance.amountLabel).toLowerCase()} to ${balance.operation.startsWith('subtract') ? 'take from' : 'add to'} the card; must be greater than 0. ${balance.name} applies to ${balance.appliesTo}.`,
	routing: { send: { type: 'body', property: balance.amountKey } },
}));

export const cardFields: INodeProperties[] = [
	// Get, Delete and every balance operation
	{
		displayName: 'Card Number',
		name: 'cardNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 939829-317-169',
		displayOptions: show(resource, ['get', 'delete', ...BALANCE_ACTIONS.map((balance) => balance.operation)]),
		description: "The number under the card's QR code (the card's ID in Boomerangme)",
	},

	// Get Many
	...listFields(resource, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(resource, ['getAll']),
		options: [
			{
				displayName: 'Customer Email',
				name: 'customerEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only cards of the customer with this email',
				routing: { send: { type: 'query', property: 'customerEmail', value: TRIMMED } },
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Only cards of the customer with this ID',
				routing: { send: { type: 'query', property: 'customerId', value: TRIMMED } },
			},
			{
				displayName: 'Customer Phone',
				name: 'customerPhone',
				type: 'string',
				placeholder: '+14155550123',
				default: '',
				description: 'Only cards of the customer with this phone number',
				routing: { send: { type: 'query', property: 'customerPhone', value: TRIMMED } },
			},
			{
				displayName: 'Template Name or ID',
				name: 'templateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTemplates' },
				default: '',
				description:
					'Only cards of this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'query', property: 'templateId', value: AS_NUMBER } },
			},
		],
	},

	// Issue
	templateLocator(resource, ['issue'], {
		description: 'The card template to issue',
		routing: { send: { type: 'body', property: 'templateId', value: AS_NUMBER } },
	}),
	customerLocator(resource, ['issue'], {
		description: 'The customer who gets the card',
		routing: { send: { type: 'body', property: 'customerId', value: TRIMMED } },
	}),

	// Balance operations
	...amountFields,
	{
		displayName: 'Additional Fields',
		name: 'balanceFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(
			resource,
			BALANCE_ACTIONS.filter((balance) => !addOrSubtract.includes(balance)).map((balance) => balance.operation),
		),
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: "A note kept with the operation in the card's history, such as a receipt number",
				routing: { send: { type: 'body', property: 'comment' } },
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'balanceFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, addOrSubtract.map((balance) => balance.operation)),
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: "A note kept with the operation in the card's history, such as a receipt number",
				routing: { send: { type: 'body', property: 'comment' } },
			},
			{
				displayName: 'Purchase Sum',
				name: 'purchaseSum',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: "The amount of the purchase this operation belongs to, for the customer's statistics",
				routing: { send: { type: 'body', property: 'purchaseSum' } },
			},
		],
	},
];
