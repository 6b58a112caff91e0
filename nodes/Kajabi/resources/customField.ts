import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'customField';

export const customFieldOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a custom field', description: 'Read one of the extra fields you added to contacts', routing: get('/v1/custom_fields/{customFieldId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many custom fields', description: 'List the extra fields you added to contacts', routing: get('/v1/custom_fields') },
	]),
];

export const customFieldFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'customFieldId', displayName: 'Custom Field' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('custom fields'),
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only custom fields whose title contains this text' },
		{ param: 'type_eq', displayName: 'Type', description: 'Only custom fields of this type, for example TextField' },
		{ param: 'required_eq', displayName: 'Required', type: 'boolean', description: 'Whether to return only required fields (on) or only optional ones (off)' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title'], ['Handle', 'handle'], ['Type', 'type'], ['Required', 'required']], sparse: 'custom_fields' }),
	...optionsCollection(resource, ['get'], { sparse: 'custom_fields' }),
	simplifyField(resource, ['get', 'getAll']),
];
