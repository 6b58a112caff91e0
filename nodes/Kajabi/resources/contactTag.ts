import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'contactTag';

export const contactTagOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a contact tag', description: 'Read one tag you use to group contacts', routing: get('/v1/contact_tags/{contactTagId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many contact tags', description: 'List the tags you use to group contacts', routing: get('/v1/contact_tags') },
	]),
];

export const contactTagFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'contactTagId', displayName: 'Contact Tag', searchListMethod: 'searchContactTags' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('contact tags'),
		{ param: 'name_cont', displayName: 'Name Contains', description: 'Only tags whose name contains this text' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Name', 'name']], sparse: 'contact_tags' }),
	simplifyField(resource, ['get', 'getAll']),
];
