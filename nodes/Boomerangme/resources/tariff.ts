import type { INodeProperties } from 'n8n-workflow';

import { listFields, operationSelector, show } from '../fields';
import { sends } from '../../shared/runner';
import { PATHS } from '../paths';

const resource = 'tariff';

export const tariffOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a tariff',
			description: "Get one of your agency's tariffs by its ID",
			routing: sends({ method: 'GET', url: PATHS.tariff }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many tariffs',
			description: "List your agency's tariffs",
			routing: sends({ method: 'GET', url: PATHS.tariffs }),
		},
	]),
];

export const tariffFields: INodeProperties[] = [
	{
		displayName: 'Tariff ID',
		name: 'tariffId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(resource, ['get']),
		description: 'The ID of the tariff, as Get Many shows it',
	},
	...listFields(resource, 'getAll'),
];
