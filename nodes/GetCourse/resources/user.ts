import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { importUserFields, operationSelector, sessionFields, show } from '../fields';
import { importRunner } from '../transport';

const resource = 'user';

export const userOperations: INodeProperties[] = [
	operationSelector(resource, 'createOrUpdate', [
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			action: 'Create or update a user',
			description:
				'Create a user by email, or update the user who already has this email (switch off Update If Exists to leave them as they are)',
			routing: sends(
				{ method: 'POST', url: '/pl/api/users', body: { action: 'add' } },
				{ runner: importRunner },
			),
		},
		{
			name: 'Set Groups',
			value: 'setGroups',
			action: 'Set the groups of a user',
			description:
				'Replace the groups of a user: the user ends up in exactly the groups listed, and is removed from every other group',
			routing: sends(
				{ method: 'POST', url: '/pl/api/users', body: { action: 'update' } },
				{ runner: importRunner },
			),
		},
	]),
];

export const userFields: INodeProperties[] = [
	// Create or Update
	// An operation named "Create or Update" updates an existing user unless told not to.
	...importUserFields(resource, ['createOrUpdate']).map((field) =>
		field.name === 'refreshIfExists' ? { ...field, default: true } : field,
	),
	sessionFields(resource, ['createOrUpdate'], 'the user'),

	// Set Groups
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456789',
		displayOptions: show(resource, ['setGroups']),
		description: "The user's ID in GetCourse (the ID column of a user export)",
		routing: { send: { type: 'body', property: 'user.id' } },
	},
	{
		displayName: 'Group Names',
		name: 'groupNames',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		placeholder: 'Add Group Name',
		displayOptions: show(resource, ['setGroups']),
		description:
			'Every group the user should be in. The user is removed from any group not listed here; an empty list removes the user from all groups.',
		routing: { send: { type: 'body', property: 'user.group_name' } },
	},
];
