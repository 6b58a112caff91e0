import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField } from '../fields';

const resource = 'site';

export const siteOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a site', description: 'Read one of your Kajabi sites', routing: get('/v1/sites/{siteId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many sites', description: 'List your Kajabi sites', routing: get('/v1/sites') },
	]),
];

export const siteFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'siteId', displayName: 'Site', searchListMethod: 'searchSites' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only sites whose title contains this text' },
		{ param: 'subdomain_cont', displayName: 'Subdomain Contains', description: 'Only sites whose subdomain contains this text' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title'], ['Subdomain', 'subdomain']], sparse: 'sites' }),
	...optionsCollection(resource, ['get'], { sparse: 'sites' }),
	simplifyField(resource, ['get', 'getAll']),
];
