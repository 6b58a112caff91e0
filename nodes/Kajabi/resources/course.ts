import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'course';

export const courseOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a course', description: 'Read one course', routing: get('/v1/courses/{courseId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many courses', description: 'List your courses', routing: get('/v1/courses') },
	]),
];

export const courseFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'courseId', displayName: 'Course', searchListMethod: 'searchCourses' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('courses'),
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only courses whose title contains this text' },
		{ param: 'description_cont', displayName: 'Description Contains', description: 'Only courses whose description contains this text' },
		{ param: 'publish_status_eq', displayName: 'Publish Status', description: 'Only courses with this publish status, for example published' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title']], sparse: 'courses' }),
	...optionsCollection(resource, ['get'], {
		sparse: 'courses',
		include: [
			['Modules', 'modules', 'modules'],
			['Lessons', 'lessons', 'lessons'],
			['Lesson Media', 'lessons.media', 'media'],
			['Offers', 'offers', 'offers'],
		],
	}),
	simplifyField(resource, ['get', 'getAll']),
];
