import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'product';

export const productOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a product', description: 'Read one product: a course, coaching, community or other thing you sell', routing: get('/v1/products/{productId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many products', description: 'List your products', routing: get('/v1/products') },
	]),
];

export const productFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'productId', displayName: 'Product', searchListMethod: 'searchProducts' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('products'),
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only products whose title contains this text' },
		{ param: 'description_cont', displayName: 'Description Contains', description: 'Only products whose description contains this text' },
		{ param: 'status_eq', displayName: 'Status', description: 'Only products with this status, for example ready' },
	], [
		{
			displayName: 'Exclude Product Types',
			name: 'exclude_product_types',
			type: 'string',
			default: '',
			placeholder: 'e.g. Courses::CohortCourse',
			description:
				'Leave out products of these types, separated by commas: the full type names Kajabi uses, such as Courses::CohortCourse',
			routing: {
				send: {
					type: 'query',
					// Kajabi reads the parameter repeated, once per type.
					property: 'filter[exclude_product_types][]',
					propertyInDotNotation: false,
					value: '={{ String($value).split(",").map(t => t.trim()).filter(t => t) }}',
				},
			},
		},
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Title', 'title'], ['Description', 'description'], ['Status', 'status']], sparse: 'products' }),
	...optionsCollection(resource, ['get'], { sparse: 'products' }),
	simplifyField(resource, ['get', 'getAll']),
];
