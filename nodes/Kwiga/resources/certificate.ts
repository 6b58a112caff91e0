import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../fields';

const resource = 'certificate';

export const certificateOperations: INodeProperties[] = [
	operationSelector(resource, 'getByNumber', [
		{
			name: 'Get by Number',
			value: 'getByNumber',
			action: 'Get a certificate by its number',
			description: 'Look up an issued certificate by the number printed on it',
			routing: {
				request: {
					method: 'GET',
					url: '/certificates/by-number/{number}',
				},
				send: { paginate: true },
			},
		},
	]),
];

export const certificateFields: INodeProperties[] = [
	{
		displayName: 'Certificate Number',
		name: 'number',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1986-0001',
		displayOptions: { show: { resource: [resource], operation: ['getByNumber'] } },
	},
];
