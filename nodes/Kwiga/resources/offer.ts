import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { idLocator, listFields, offerLocator, operationSelector } from '../fields';
import { KWIGA_SIMPLE } from '../simplify';
import { kwigaRunner } from '../transport';

const resource = 'offer';

/** Get and Get Many put out only the fields of KWIGA_SIMPLE.offer while Simplify is on. */
const simplified = kwigaRunner({ simplify: KWIGA_SIMPLE.offer.keys });

export const offerOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an offer',
			description: 'Read one offer with its price and what it gives',
			routing: sends({ method: 'GET', url: '/offers/{offerId}' }, { runner: simplified }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many offers',
			description: 'List the cabinet\'s offers',
			routing: sends({ method: 'GET', url: '/offers' }, { runner: simplified }),
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
