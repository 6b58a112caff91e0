import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { listFields, operationSelector } from '../fields';

const resource = 'timezone';

export const timezoneOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many time zones',
			description: 'List the time zones KWIGA knows, with their IDs',
			routing: sends({ method: 'GET', url: '/timezones' }),
		},
	]),
];

// KWIGA returns all time zones at once; Limit only trims the list.
export const timezoneFields: INodeProperties[] = [...listFields(resource, 'getAll')];
