import type { INodeProperties } from 'n8n-workflow';

import { listFields, operationSelector, sortOrderOption } from '../fields';

const resource = 'product';

export const productOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
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
	]),
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
			sortOrderOption('sortBy', 'sort_by'),
		],
	},
];
