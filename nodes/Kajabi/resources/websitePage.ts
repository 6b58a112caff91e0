import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'websitePage';

export const websitePageOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a website page', description: 'Read one page of a site', routing: get('/v1/website_pages/{websitePageId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many website pages', description: 'List the pages of your sites', routing: get('/v1/website_pages') },
	]),
];

export const websitePageFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'websitePageId', displayName: 'Website Page' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [siteFilter('website pages')]),
	...optionsCollection(resource, ['getAll'], { sort: [['Created At', 'created_at']], sparse: 'website_pages' }),
	...optionsCollection(resource, ['get'], { sparse: 'website_pages' }),
	simplifyField(resource, ['get', 'getAll']),
];
