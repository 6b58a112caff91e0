import type { INodeProperties } from 'n8n-workflow';

import { AS_NUMBER, listFields, operationSelector, show, templateLocator } from '../fields';
import { sends } from '../../shared/runner';
import { PATHS } from '../paths';

const resource = 'push';

export const pushOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a push',
			description: 'Get a push notification by its ID',
			routing: sends({ method: 'GET', url: PATHS.push }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many pushes',
			description: 'List the push notifications sent to card holders',
			routing: sends({ method: 'GET', url: PATHS.pushes }),
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send a push',
			description: 'Send a push notification to the holders of a template\'s cards',
			routing: sends({ method: 'POST', url: PATHS.pushes }),
		},
	]),
];

export const pushFields: INodeProperties[] = [
	{
		displayName: 'Push ID',
		name: 'pushId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(resource, ['get']),
		description: 'The ID of the push notification, as Get Many shows it',
	},

	// Get Many
	...listFields(resource, 'getAll'),

	// Send
	templateLocator(resource, ['send'], {
		description: "The template whose card holders get the push",
		routing: { send: { type: 'body', property: 'templateId', value: AS_NUMBER } },
	}),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		displayOptions: show(resource, ['send']),
		description: 'The text shown on the lock screen of the card holders\' phones',
		routing: { send: { type: 'body', property: 'message' } },
	},
];
