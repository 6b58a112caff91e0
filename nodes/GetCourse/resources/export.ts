import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	dateFilter,
	operationSelector,
	ORDER_STATUSES,
	PAYMENT_STATUSES,
	show,
	USER_STATUSES,
} from '../fields';
import { simplifyField } from '../../shared/output';
import { sends } from '../../shared/runner';
import { exportResultRunner, exportRunner } from '../transport';

const resource = 'export';
const KINDS = ['users', 'orders', 'payments', 'groupUsers'];

const statusFilter = (
	options: INodePropertyOptions[],
	things: string,
	byDefault: string,
): INodeProperties => ({
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options,
	default: byDefault,
	description: `Only ${things} with this status`,
	routing: { send: { type: 'query', property: 'status' } },
});

const created = (things: string) => [
	dateFilter('created_at', 'from', 'Created From', `Only ${things} created on or after this day`),
	dateFilter('created_at', 'to', 'Created To', `Only ${things} created on or before this day`),
];

const filters = (operation: string, options: INodeProperties[]): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	displayOptions: show(resource, [operation]),
	description: 'GetCourse needs at least one filter. Dates are whole days in the school\'s time zone.',
	options,
});

export const exportOperations: INodeProperties[] = [
	operationSelector(resource, 'users', [
		{
			name: 'Export Group Users',
			value: 'groupUsers',
			action: 'Export the users of a group',
			description: 'Have GetCourse make a list of the users of a group',
			routing: sends(
				{ method: 'GET', url: '/pl/api/account/groups/{groupId}/users' },
				{ runner: exportRunner },
			),
		},
		{
			name: 'Export Orders',
			value: 'orders',
			action: 'Export orders',
			description: 'Have GetCourse make a list of orders, chosen by filters such as dates and status',
			routing: sends(
				{ method: 'GET', url: '/pl/api/account/deals' },
				{ runner: exportRunner },
			),
		},
		{
			name: 'Export Payments',
			value: 'payments',
			action: 'Export payments',
			description: 'Have GetCourse make a list of payments, chosen by filters such as dates and status',
			routing: sends(
				{ method: 'GET', url: '/pl/api/account/payments' },
				{ runner: exportRunner },
			),
		},
		{
			name: 'Export Users',
			value: 'users',
			action: 'Export users',
			description: 'Have GetCourse make a list of users, chosen by filters such as dates and status',
			routing: sends(
				{ method: 'GET', url: '/pl/api/account/users' },
				{ runner: exportRunner },
			),
		},
		{
			name: 'Get Result',
			value: 'getResult',
			action: 'Get the result of an export',
			description: 'Fetch the rows of an export started earlier, waiting while the file is being made',
			routing: sends(
				{ method: 'GET', url: '/pl/api/account/exports/{exportId}' },
				{ runner: exportResultRunner },
			),
		},
	]),
];

export const exportFields: INodeProperties[] = [
	{
		displayName:
			'Each export takes at least 2 of the 100 export requests GetCourse allows per 2 hours (starting it, and each check whether it is ready).',
		name: 'budgetNotice',
		type: 'notice',
		default: '',
		displayOptions: show(resource, [...KINDS, 'getResult']),
	},
	{
		displayName: 'Group',
		name: 'groupId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: show(resource, ['groupUsers']),
		description: 'The group whose users to export',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1234',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A group ID is a number' } },
				],
			},
		],
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'wait',
		displayOptions: show(resource, KINDS),
		options: [
			{
				name: 'Start and Wait for Rows',
				value: 'wait',
				description: 'Start the export, wait until GetCourse has made it, and output one item per row',
			},
			{
				name: 'Start Only',
				value: 'start',
				description: 'Start the export and output its export ID; fetch the rows later with Get Result',
			},
		],
	},
	{
		displayName: 'Export ID',
		name: 'exportId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5278921',
		displayOptions: show(resource, ['getResult']),
		description: 'The export ID a "Start Only" export returned',
	},

	filters('users', [...created('users'), statusFilter(USER_STATUSES, 'users', 'active')]),
	filters('groupUsers', [
		dateFilter('added_at', 'from', 'Added From', 'Only users added to the group on or after this day'),
		dateFilter('added_at', 'to', 'Added To', 'Only users added to the group on or before this day'),
		...created('users'),
		statusFilter(USER_STATUSES, 'users', 'active'),
	]),
	filters('orders', [
		...created('orders'),
		dateFilter('finished_at', 'from', 'Finished From', 'Only orders completed on or after this day'),
		dateFilter('finished_at', 'to', 'Finished To', 'Only orders completed on or before this day'),
		dateFilter('payed_at', 'from', 'Paid From', 'Only orders paid on or after this day'),
		dateFilter('payed_at', 'to', 'Paid To', 'Only orders paid on or before this day'),
		statusFilter(ORDER_STATUSES, 'orders', 'new'),
		dateFilter('status_changed_at', 'from', 'Status Changed From', 'Only orders whose status changed on or after this day'),
		dateFilter('status_changed_at', 'to', 'Status Changed To', 'Only orders whose status changed on or before this day'),
	]),
	filters('payments', [
		...created('payments'),
		statusFilter(PAYMENT_STATUSES, 'payments', 'accepted'),
		dateFilter('status_changed_at', 'from', 'Status Changed From', 'Only payments whose status changed on or after this day'),
		dateFilter('status_changed_at', 'to', 'Status Changed To', 'Only payments whose status changed on or before this day'),
	]),

	simplifyField(
		resource,
		[...KINDS, 'getResult'],
		'English keys such as email, first_name, created_at, order_id, status for the columns GetCourse names in Russian; the export\'s own column names when off',
	),
	{
		displayName: 'Options',
		name: 'exportOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(resource, [...KINDS, 'getResult']),
		options: [
			{
				displayName: 'Include Export Details',
				name: 'exportDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to add "_export" to each row: the export ID, how many export requests it took, and the number of rows',
			},
			{
				displayName: 'Max Status Checks',
				name: 'maxChecks',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1, maxValue: 50 },
				description:
					'How many times to ask whether the export is ready before giving up (waits grow from 10 seconds to 2 minutes; each check counts toward the export budget)',
			},
			{
				displayName: 'Raw Output',
				name: 'rawOutput',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item with GetCourse\'s own "fields" (column names) and "items" (rows) instead of one item per row',
			},
		],
	},
];
