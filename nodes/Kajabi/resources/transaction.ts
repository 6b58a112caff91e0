import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'transaction';

export const transactionOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a transaction', description: 'Read one payment, refund or charge', routing: get('/v1/transactions/{transactionId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many transactions', description: 'List payments, refunds and charges', routing: get('/v1/transactions') },
	]),
];

export const transactionFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'transactionId', displayName: 'Transaction' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('transactions'),
		{ param: 'customer_id', displayName: 'Customer ID', description: 'Only transactions of this customer' },
		{ param: 'name_or_email', displayName: 'Name or Email', description: "Only transactions whose customer's name or email matches this text" },
		{ param: 'start_date', displayName: 'Start Date', type: 'dateTime', description: 'Only transactions on or after this date' },
		{ param: 'end_date', displayName: 'End Date', type: 'dateTime', description: 'Only transactions on or before this date' },
	]),
	...optionsCollection(resource, ['getAll'], { sparse: 'transactions' }),
	...optionsCollection(resource, ['get'], { sparse: 'transactions', include: [['Customer', 'customer', 'customers'], ['Purchases', 'purchases', 'purchases']] }),
	simplifyField(resource, ['get', 'getAll']),
];
