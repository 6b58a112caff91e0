import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../fields';

const resource = 'product';

export const productOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: 'getAll',
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many products',
				description: 'List the products of the cabinet',
				routing: {
					request: { method: 'GET', url: '/products' },
					send: { paginate: true },
				},
			},
		],
	},
];

export const productFields: INodeProperties[] = [
	...listFields(resource, 'getAll', 100),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: [resource], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Sort Order',
				name: 'sortBy',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				routing: { send: { type: 'query', property: 'sort_by' } },
			},
		],
	},
];
