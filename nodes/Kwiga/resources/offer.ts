import type { INodeProperties } from 'n8n-workflow';

import { listFields, offerLocator, operationSelector } from '../fields';

const resource = 'offer';

export const offerOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an offer',
			routing: {
				request: { method: 'GET', url: '=/offers/{{ String($parameter.offerId).trim() }}' },
				send: { paginate: true },
			},
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many offers',
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
				displayName: 'Product Name or ID',
				name: 'productId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getProducts' },
				default: '',
				description:
					'Only offers that sell this product. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'query', property: 'product_id' } },
			},
		],
	},
];
