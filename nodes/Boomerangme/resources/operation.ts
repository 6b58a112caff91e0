import type { INodeProperties } from 'n8n-workflow';

import { AS_NUMBER, listFields, operationSelector, show } from '../fields';
import { sends } from '../../shared/runner';
import { PATHS } from '../paths';

const resource = 'operation';

export const operationOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many operations',
			description: 'List the operations made on cards (stamps, points, visits, rewards…)',
			routing: sends({ method: 'GET', url: PATHS.operations }),
		},
	]),
];

export const operationFields: INodeProperties[] = [
	...listFields(resource, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(resource, ['getAll']),
		options: [
			{
				displayName: 'Template Name or ID',
				name: 'templateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTemplates' },
				default: '',
				description:
					'Only operations on cards of this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'query', property: 'templateId', value: AS_NUMBER } },
			},
		],
	},
];
