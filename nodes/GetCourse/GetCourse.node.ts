import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/subtitle';
import { listSearch } from './methods';
import { exportFields, exportOperations } from './resources/export';
import { fieldFields, fieldOperations } from './resources/field';
import { groupFields, groupOperations } from './resources/group';
import { orderFields, orderOperations } from './resources/order';
import { userFields, userOperations } from './resources/user';
import { getCourseRunner } from './transport';

export class GetCourse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GetCourse',
		name: 'getCourse',
		icon: { light: 'file:../../icons/getcourse.svg', dark: 'file:../../icons/getcourse.dark.svg' },
		group: ['transform'],
		// Version 2: User → Create or Update leaves an existing user as they are unless Update If
		// Exists is switched on (GetCourse's default); version 1 had it on (resources/user.ts).
		version: [1, 2],
		defaultVersion: 2,
		// Replaced in the constructor by the same in words: "Contact: Add Purchase".
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description: 'Import users and orders into a GetCourse school and export users, orders and payments',
		defaults: { name: 'GetCourse' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'getCourseApi', required: true }],
		requestDefaults: {
			// No baseURL: each runner sets the credential's address (nodes/shared/runner.ts).
			headers: { Accept: 'application/json' },
			arrayFormat: 'brackets',
		},
		// Every operation's routing is written with sends(), so n8n hands each request to a
		// runner: this one, or the one the operation names (imports, exports: transport.ts).
		requestOperations: { pagination: getCourseRunner },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'user',
				options: [
					{ name: 'Export', value: 'export' },
					{ name: 'Field', value: 'field' },
					{ name: 'Group', value: 'group' },
					{ name: 'Order', value: 'order' },
					{ name: 'User', value: 'user' },
				],
			},
			...userOperations,
			...userFields,
			...orderOperations,
			...orderFields,
			...exportOperations,
			...exportFields,
			...groupOperations,
			...groupFields,
			...fieldOperations,
			...fieldFields,
		],
	};

	methods = { listSearch };

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}
}
