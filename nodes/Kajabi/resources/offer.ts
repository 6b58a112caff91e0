import type { INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	siteFilter,
	simplifyField,
} from '../fields';

const resource = 'offer';

export const offerOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an offer',
			description: 'Read one offer with its price',
			routing: get('/v1/offers/{offerId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many offers',
			description: 'List your offers',
			routing: get('/v1/offers'),
		},
		{
			name: 'Get Products',
			value: 'getProducts',
			action: "Get an offer's products",
			description: 'List the products an offer gives access to',
			routing: get('/v1/offers/{offerId}/relationships/products'),
		},
	]),
];

export const offerFields: INodeProperties[] = [
	idLocator(resource, ['get', 'getProducts'], {
		name: 'offerId',
		displayName: 'Offer',
		searchListMethod: 'searchOffers',
	}),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('offers'),
		{ param: 'title_cont', displayName: 'Title Contains', description: 'Only offers whose title contains this text' },
		{ param: 'description_cont', displayName: 'Description Contains', description: 'Only offers whose description contains this text' },
	]),
	...optionsCollection(resource, ['getAll'], {
		sort: [
			['Title', 'title'],
			['Price', 'price_in_cents'],
		],
		sparse: 'offers',
	}),
	...optionsCollection(resource, ['get'], { sparse: 'offers', include: [['Products', 'products', 'products']] }),
	simplifyField(resource, ['get', 'getAll', 'getProducts']),
];
