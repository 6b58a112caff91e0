import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { REMP_LOGIN_PATH } from '../session';
import { logInUser } from '../transport';

const show = { show: { resource: ['user'], operation: ['logIn'] } };

export const userOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		default: 'logIn',
		options: [
			{
				name: 'Log In',
				value: 'logIn',
				action: 'Log in a user',
				description:
					'Check a user\'s email and password and get the user\'s token, for example to activate coupons for that user',
				routing: sends(
					{
						method: 'POST',
						url: REMP_LOGIN_PATH,
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					},
					{ runner: logInUser },
				),
			},
		],
	},
];

export const userFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: show,
		description: 'The email the user logs in to the CRM with',
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: show,
		description: 'The user\'s CRM password',
		routing: { send: { type: 'body', property: 'password' } },
	},
];
