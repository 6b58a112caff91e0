import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
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

const resource = 'purchase';

/** A POST that acts on a purchase: `/v1/purchases/{purchaseId}/<path>`. */
const action = (path: string) => sends({ method: 'POST', url: `/v1/purchases/{purchaseId}/${path}` });

export const purchaseOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Cancel Subscription',
			value: 'cancelSubscription',
			action: 'Cancel the subscription of a purchase',
			description: 'Stop the future payments of a subscription purchase',
			routing: action('cancel_subscription'),
		},
		{
			name: 'Deactivate',
			value: 'deactivate',
			action: 'Deactivate a purchase',
			description: 'Remove the customer\'s access that this purchase gave',
			routing: action('deactivate'),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a purchase',
			description: 'Read one purchase: who bought which offer, and its status',
			routing: get('/v1/purchases/{purchaseId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many purchases',
			description: 'List the purchases of your offers',
			routing: get('/v1/purchases'),
		},
		{
			name: 'Reactivate',
			value: 'reactivate',
			action: 'Reactivate a purchase',
			description: 'Give back the access of a deactivated purchase',
			routing: action('reactivate'),
		},
	]),
];

export const purchaseFields: INodeProperties[] = [
	idLocator(resource, ['cancelSubscription', 'deactivate', 'get', 'reactivate'], {
		name: 'purchaseId',
		displayName: 'Purchase',
	}),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('purchases'),
		{ param: 'customer_id', displayName: 'Customer ID', description: 'Only purchases of this customer' },
		{ param: 'active', displayName: 'Active', type: 'boolean', description: 'Whether to return only purchases that are not deactivated' },
		{ param: 'deactivated', displayName: 'Deactivated', type: 'boolean', description: 'Whether to return only deactivated purchases' },
		{ param: 'referrer', displayName: 'Referrer', description: 'Only purchases with this referrer' },
		{ param: 'coupon_code_eq', displayName: 'Coupon Code', description: 'Only purchases made with this coupon code' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Created At', 'created_at']], sparse: 'purchases' }),
	...optionsCollection(resource, ['get'], { sparse: 'purchases' }),
	simplifyField(resource, ['cancelSubscription', 'deactivate', 'get', 'getAll', 'reactivate']),
];
