import type { INodeProperties } from 'n8n-workflow';

import { idLocator, listFields, offerLocator, operationSelector } from '../fields';

const resource = 'offer';

export const offerOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an offer',
			description: 'Read one offer with its price and what it gives',
			routing: {
				request: { method: 'GET', url: '/offers/{offerId}' },
				send: { paginate: true },
			},
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many offers',
			description: 'List the cabinet\'s offers',
			routing: {
				request: { method: 'GET', url: '/offers' },
				send: { paginate: true },
			},
		},
	]),
];

export const offerFields: INodeProperties[] = [
	offerLocator(resource, ['get'], true, 'The offer to get'),
	...listFields(resource, 'getAll', 100),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [resource], operation: ['getAll'] } },
		options: [
			{
				...idLocator(resource, ['getAll'], {
					name: 'productId',
					displayName: 'Product',
					searchListMethod: 'searchProducts',
					example: '299',
					required: false,
					description: 'Only offers that sell this product',
					routing: { send: { type: 'query', property: 'product_id', value: '={{ String($value).trim() ? Number(String($value).trim()) : undefined }}' } },
				}),
				displayOptions: undefined,
			},
		],
	},
];
