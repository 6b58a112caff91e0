import type { INodeProperties } from 'n8n-workflow';

import { get, operationSelector, simplifyField } from '../fields';

const resource = 'me';

export const meOperations: INodeProperties[] = [
	operationSelector(resource, 'get', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get my user profile',
			description: 'The profile of the user the API key belongs to: name, email, role',
			routing: get('/v1/me'),
		},
	]),
];

export const meFields: INodeProperties[] = [simplifyField(resource, ['get'])];
