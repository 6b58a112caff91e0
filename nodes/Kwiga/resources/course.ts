import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { idLocator, listFields, operationSelector, sortOrderOption } from '../fields';
import { KWIGA_SIMPLE } from '../simplify';
import { courseParticipantsRunner, kwigaRunner } from '../transport';

const resource = 'course';

/** `include`: the progress sections chosen, and the course program unless it is left out. */
async function sendInclude(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const include = [...(this.getNodeParameter('participantOptions.include', []) as string[])];
	if (this.getNodeParameter('participantOptions.courseProgram', 'omit') !== 'omit') {
		include.push('course_program');
	}
	if (include.length) requestOptions.qs = { ...(requestOptions.qs ?? {}), include: include.join(',') };
	return requestOptions;
}
const show = (operation: string[]) => ({ show: { resource: [resource], operation } });

export const courseOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many courses',
			description: 'List the courses of the cabinet',
			routing: sends(
				{ method: 'GET', url: '/courses' },
				{ runner: kwigaRunner({ stableSort: 'sort_by', simplify: KWIGA_SIMPLE.course.keys }) },
			),
		},
		{
			name: 'Get Participants',
			value: 'getParticipants',
			action: 'Get the participants of a course',
			description: 'List the participants of a course with their progress',
			// The runner places the course program KWIGA sends beside the participants, and sends
			// filters too long for a GET to KWIGA's POST /courses/{courseId}/users/query alias.
			routing: sends(
				{ method: 'GET', url: '/courses/{courseId}/users' },
				{ preSend: [sendInclude], runner: courseParticipantsRunner },
			),
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
	idLocator(resource, ['getParticipants'], {
		name: 'courseId',
		displayName: 'Course',
		searchListMethod: 'searchCourses',
		example: '142',
		required: true,
		description: 'The course whose participants to list',
	}),
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
				description: 'Detailed progress to add to each participant',
				options: [
					{ name: 'Lesson Progress', value: 'lesson_progress' },
					{ name: 'Module Progress', value: 'module_progress' },
					{ name: 'Quiz Progress', value: 'quiz_progress' },
				],
			},
			{
				displayName: 'Course Program',
				name: 'courseProgram',
				type: 'options',
				default: 'omit',
				description:
					'The structure of the course (modules, lessons, quizzes). KWIGA sends it once, since it is the same for every participant.',
				options: [
					{ name: 'Leave Out', value: 'omit' },
					{
						name: 'As the First Item',
						value: 'firstItem',
						description: 'One item { course_program } before the participants',
					},
					{
						name: 'In Every Participant',
						value: 'everyItem',
						description: 'Each participant item gets a copy as course_program',
					},
				],
			},
		],
	},
];
