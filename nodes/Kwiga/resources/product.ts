import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { listFields, operationSelector, sortOrderOption } from '../fields';
import { KWIGA_SIMPLE } from '../simplify';
import { kwigaRunner } from '../transport';

const resource = 'product';

export const productOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many products',
			description: 'List the products of the cabinet',
			routing: sends(
				{ method: 'GET', url: '/products' },
				{ runner: kwigaRunner({ stableSort: 'sort_by', simplify: KWIGA_SIMPLE.product.keys }) },
			),
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
