import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'orderItem';

export const orderItemOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get an order item', description: 'Read one line of an order', routing: get('/v1/order_items/{orderItemId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many order items', description: 'List the lines of your orders', routing: get('/v1/order_items') },
	]),
];

export const orderItemFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'orderItemId', displayName: 'Order Item' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('order items'),
		{ param: 'item_type_eq', displayName: 'Item Type', description: 'Only items of this type, for example Offer' },
		{ param: 'item_id_eq', displayName: 'Item ID', description: 'Only items for this item (for example this offer ID)' },
		{ param: 'fulfilled_at_null', displayName: 'Not Fulfilled', type: 'boolean', description: 'Whether to return only unfulfilled items (on) or only fulfilled ones (off)' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Created At', 'created_at'], ['Quantity', 'quantity'], ['Fulfilled At', 'fulfilled_at']], sparse: 'order_items' }),
	...optionsCollection(resource, ['get'], { sparse: 'order_items', include: [['Order', 'order', 'orders']] }),
	simplifyField(resource, ['get', 'getAll']),
];
