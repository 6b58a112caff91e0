import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { operationSelector } from '../fields';

const resource = 'certificate';

export const certificateOperations: INodeProperties[] = [
	operationSelector(resource, 'getByNumber', [
		{
			name: 'Get by Number',
			value: 'getByNumber',
			action: 'Get a certificate by its number',
			description: 'Look up an issued certificate by the number printed on it',
			routing: sends({ method: 'GET', url: '/certificates/by-number/{number}' }),
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
