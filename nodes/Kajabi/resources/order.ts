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
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Created At', 'created_at'], ['Order Number', 'order_number'], ['Fulfilled At', 'fulfilled_at']], sparse: 'orders' }),
	...optionsCollection(resource, ['get'], { sparse: 'orders', include: [['Order Items', 'order_items', 'order_items'], ['Customer', 'customer', 'customers'], ['Site', 'site', 'sites']] }),
	simplifyField(resource, ['get', 'getAll']),
];
