import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { operationSelector, show } from '../fields';

const resource = 'group';

export const groupOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many groups',
			description:
				'List the groups of the school: ID, name and when a user was last added (one export request)',
			routing: sends({ method: 'GET', url: '/pl/api/account/groups' }),
		},
	]),
];

export const groupFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: show(resource, ['getAll']),
		default: false,
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
