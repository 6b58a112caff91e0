import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, simplifyField } from '../fields';

const resource = 'payout';

/** Kajabi Payments payouts are looked up per site: `filter[site_id]` is required. */
const siteField = (operation: string[]): INodeProperties => ({
	...idLocator(resource, operation, {
		name: 'siteId',
		displayName: 'Site',
		searchListMethod: 'searchSites',
		description: 'The site whose Kajabi Payments payouts to read',
	}),
	routing: { send: { type: 'query', property: 'filter[site_id]', value: '={{ String($value).trim() }}' } },
});

export const payoutOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a payout',
			description: 'Read one payout Kajabi Payments made to your bank account',
			routing: get('/v1/kajabi_payments_payouts/{payoutId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many payouts',
			description: 'List the payouts Kajabi Payments made to your bank account',
			routing: get('/v1/kajabi_payments_payouts'),
		},
	]),
];

export const payoutFields: INodeProperties[] = [
	siteField(['get', 'getAll']),
	idLocator(resource, ['get'], { name: 'payoutId', displayName: 'Payout', example: 'payout_abc123' }),
	// Kajabi documents `page[number]` but no page size for payouts.
	...listFields(resource, 'getAll', false),
	filtersCollection(resource, 'getAll', [
		{
			param: 'status',
			displayName: 'Status',
			type: 'options',
			options: [
				{ name: 'Canceled', value: 'canceled' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'In Transit', value: 'in_transit' },
				{ name: 'Paid', value: 'paid' },
				{ name: 'Pending', value: 'pending' },
			],
			description: 'Only payouts in this state',
		},
		{ param: 'start_date', displayName: 'Start Date', type: 'dateTime', description: 'Only payouts after this date' },
		{ param: 'end_date', displayName: 'End Date', type: 'dateTime', description: 'Only payouts before this date' },
	]),
	simplifyField(resource, ['get', 'getAll']),
];
