import type { INodeProperties } from 'n8n-workflow';

import { listFields, operationSelector, sortOrderOption } from '../fields';

const resource = 'course';
const show = (operation: string[]) => ({ show: { resource: [resource], operation } });

export const courseOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many courses',
			description: 'List the courses of the cabinet',
			routing: {
				request: { method: 'GET', url: '/courses' },
				send: { paginate: true },
			},
		},
		{
			name: 'Get Participants',
			value: 'getParticipants',
			action: 'Get the participants of a course',
			description: 'List the participants of a course with their progress',
			routing: {
				request: { method: 'GET', url: '=/courses/{{ $parameter.courseId }}/users' },
				send: { paginate: true },
			},
		},
	]),
];

export const courseFields: INodeProperties[] = [
	// Get Many (KWIGA returns at most 15 courses a page)
	...listFields(resource, 'getAll', 15),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['getAll']),
		options: [
			{
				displayName: 'Include',
				name: 'with',
				type: 'multiOptions',
				default: [],
				description: 'Extra sections to add to each course',
				options: [
					{ name: 'Description', value: 'description' },
					{ name: 'Offers', value: 'offers' },
					{ name: 'Program', value: 'program' },
				],
				routing: { send: { type: 'query', property: 'with' } },
			},
			sortOrderOption('sortBy', 'sort_by'),
		],
	},

	// Get Participants (up to 250 a page)
	{
		displayName: 'Course Name or ID',
		name: 'courseId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCourses' },
		required: true,
		default: '',
		displayOptions: show(['getParticipants']),
		description:
			'The course whose participants to list. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...listFields(resource, 'getParticipants', 250),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getParticipants']),
		options: [
			{
				displayName: 'Progress From (%)',
				name: 'progressFrom',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 0,
				description: 'Only participants whose overall progress is at least this percentage',
				routing: { send: { type: 'query', property: 'progress_general_from' } },
			},
			{
				displayName: 'Progress To (%)',
				name: 'progressTo',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 100,
				description: 'Only participants whose overall progress is at most this percentage',
				routing: { send: { type: 'query', property: 'progress_general_to' } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'participantOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['getParticipants']),
		options: [
			{
				displayName: 'Include',
				name: 'include',
				type: 'multiOptions',
				default: [],
				description:
					'Detailed progress to add. The course program is the same for every participant and is added to each item as course_program.',
				options: [
					{ name: 'Course Program', value: 'course_program' },
					{ name: 'Lesson Progress', value: 'lesson_progress' },
					{ name: 'Module Progress', value: 'module_progress' },
					{ name: 'Quiz Progress', value: 'quiz_progress' },
				],
				routing: {
					send: {
						type: 'query',
						property: 'include',
						value: '={{ $value.length ? $value.join(",") : undefined }}',
					},
				},
			},
		],
	},
];
