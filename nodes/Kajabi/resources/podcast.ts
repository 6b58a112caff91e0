import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'podcast';

export const podcastOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a podcast', description: 'Read one podcast', routing: get('/v1/podcasts/{podcastId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many podcasts', description: 'List your podcasts', routing: get('/v1/podcasts') },
	]),
];

export const podcastFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'podcastId', displayName: 'Podcast' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('podcasts'),
		{ param: 'title_eq', displayName: 'Title', description: 'Only the podcast with exactly this title' },
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only podcasts whose title contains this text' },
		{ param: 'status_eq', displayName: 'Status', type: 'options', options: [{ name: 'Failed', value: 'failed' }, { name: 'Importing', value: 'importing' }, { name: 'Ready', value: 'ready' }], description: 'Only podcasts in this state' },
		{ param: 'show_type_eq', displayName: 'Show Type', type: 'options', options: [{ name: 'Episodic', value: 'episodic' }, { name: 'Serial', value: 'serial' }], description: 'Only podcasts of this type' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title']], sparse: 'podcasts' }),
	simplifyField(resource, ['get', 'getAll']),
];
