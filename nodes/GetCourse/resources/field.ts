import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { operationSelector, show } from '../fields';
import { importRunner } from '../transport';

const resource = 'field';

export const fieldOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many additional fields',
			description:
				'List the additional user fields and order fields of the school (does not count toward the export budget)',
			routing: sends(
				{ method: 'POST', url: '/pl/api/account/fields', body: { action: 'get' } },
				{ runner: importRunner },
			),
		},
	]),
];

export const fieldFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: show(resource, ['getAll']),
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { resource: [resource], operation: ['getAll'], returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		routing: { output: { maxResults: '={{ $value }}' } },
	},
];
