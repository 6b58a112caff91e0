import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'order';

export const orderOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get an order', description: 'Read one order with its total', routing: get('/v1/orders/{orderId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many orders', description: 'List your orders', routing: get('/v1/orders') },
	]),
];

export const orderFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'orderId', displayName: 'Order' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('orders'),
		{ param: 'customer_id', displayName: 'Customer ID', description: 'Only orders of this customer' },
		{ param: 'order_number_eq', displayName: 'Order Number', description: 'Only the order with this number' },
		{ param: 'fulfilled_at_null', displayName: 'Not Fulfilled', type: 'boolean', description: 'Whether to return only unfulfilled orders (on) or only fulfilled ones (off)' },
		// Kajabi's reference shows these in its filtering examples for GET /v1/orders.
		{ param: 'created_at_gteq', displayName: 'Created At or After', type: 'timestamp', description: 'Only orders created at or after this date and time (UTC unless it says otherwise)' },
		{ param: 'created_at_lteq', displayName: 'Created At or Before', type: 'timestamp', description: 'Only orders created at or before this date and time (UTC unless it says otherwise)' },
		{ param: 'total_price_in_cents_gt', displayName: 'Total Price Greater Than (Cents)', type: 'number', description: 'Only orders whose total price, in cents (4900 is 49.00), is greater than this' },
		{ param: 'order_number_cont', displayName: 'Order Number Contains', description: 'Only orders whose number contains these digits' },
		{ param: 'currency_code_start', displayName: 'Currency Code Starts With', description: 'Only orders whose currency code starts with this (US matches USD)' },
		{ param: 'currency_code_in', displayName: 'Currency Codes', type: 'list', placeholder: 'e.g. USD, EUR', description: 'Only orders in one of these currencies, separated by commas' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Created At', 'created_at'], ['Order Number', 'order_number'], ['Fulfilled At', 'fulfilled_at']], sparse: 'orders' }),
	...optionsCollection(resource, ['get'], { sparse: 'orders', include: [['Order Items', 'order_items', 'order_items'], ['Customer', 'customer', 'customers'], ['Site', 'site', 'sites']] }),
	simplifyField(resource, ['get', 'getAll']),
];
