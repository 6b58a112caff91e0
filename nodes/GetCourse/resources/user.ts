import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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
				'Create a user by email; the user who already has this email is updated only with Update If Exists on',
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

/**
 * Update If Exists of Create or Update, off by default as in GetCourse's own API
 * (`system.refresh_if_exists` 0 unless set): on, an existing user's data is overwritten,
 * their registration data (Session) included. Version 1 of the node had it on by default;
 * n8n saves only values that differ from the default, so a workflow saved with version 1
 * and the switch left on has no value saved, and keeps it on with version 1's default.
 */
function updateIfExists(field: INodeProperties): INodeProperties[] {
	const forVersions = (versions: NonNullable<IDisplayOptions['show']>['@version'], on: boolean): INodeProperties => ({
		...field,
		default: on,
		displayOptions: { show: { ...field.displayOptions?.show, '@version': versions } },
		description:
			'Whether to change a user who already has this email. On: their name, phone, city, country and additional fields are replaced with these, the groups are added (none removed), and the Session fields replace their registration data (UTM, partner, referer). Off (GetCourse\'s default): a user who already exists is left exactly as they are, groups included; only a new user is created.',
	});
	return [forVersions([1], true), forVersions([{ _cnd: { gte: 2 } }], false)];
}

export const userFields: INodeProperties[] = [
	// Create or Update
	...importUserFields(resource, ['createOrUpdate']).flatMap((field) =>
		field.name === 'refreshIfExists' ? updateIfExists(field) : [field],
	),
	{
		...sessionFields(resource, ['createOrUpdate'], 'the user'),
		description:
			'Where the user came from: recorded as the registration data of a new user. With Update If Exists on, it also replaces the registration data of a user who already exists.',
	},

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
