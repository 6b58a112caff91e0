import type { INodeProperties } from 'n8n-workflow';

import {
	attributeFilters,
	COMPARISONS,
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	simplifyField,
	siteFilter,
} from '../fields';

const resource = 'landingPage';

export const landingPageOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a landing page', description: 'Read one landing page', routing: get('/v1/landing_pages/{landingPageId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many landing pages', description: 'List your landing pages', routing: get('/v1/landing_pages') },
	]),
];

export const landingPageFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'landingPageId', displayName: 'Landing Page' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('landing pages'),
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only landing pages whose title contains this text' },
		{ param: 'published', displayName: 'Published', type: 'boolean', description: 'Whether to return only published pages (on) or only unpublished ones (off)' },
	]),
	// Kajabi lists these attributes and every comparison for landing pages.
	attributeFilters(
		resource,
		'getAll',
		[
			['Created At', 'created_at'],
			['Publish At', 'publish_at'],
			['Title', 'title'],
			['Updated At', 'updated_at'],
		],
		Object.keys(COMPARISONS),
	),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title'], ['Publish At', 'publish_at']], sparse: 'landing_pages' }),
	...optionsCollection(resource, ['get'], { sparse: 'landing_pages' }),
	simplifyField(resource, ['get', 'getAll']),
];
