import type { INodeProperties } from 'n8n-workflow';

import { get, operationSelector } from '../fields';

const resource = 'version';

export const versionOperations: INodeProperties[] = [
	operationSelector(resource, 'get', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the API version',
			description: "Kajabi API's version and documentation links; works as a health check",
			routing: get('/v1/version'),
		},
	]),
];

export const versionFields: INodeProperties[] = [];
