import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import {
	attributeFilters,
	COMPARISONS,
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

/**
 * The attributes Kajabi lists for filtering and sorting purchases (GET /v1/purchases), and
 * amount_in_cents, which its filter examples use (it is not listed for sorting).
 */
const PURCHASE_ATTRIBUTES: Array<[string, string]> = [
	['Amount (Cents)', 'amount_in_cents'],
	['Billing Address ZIP', 'billing_address_zip'],
	['Cardholder Name', 'cardholder_name'],
	['Coupon Code', 'coupon_code'],
	['Created At', 'created_at'],
	['Currency', 'currency'],
	['Deactivated At', 'deactivated_at'],
	['Deactivation Reason', 'deactivation_reason'],
	['Effective Start At', 'effective_start_at'],
	['Multipay Payments Made', 'multipay_payments_made'],
	['Opt In', 'opt_in'],
	['Quantity', 'quantity'],
	['Referrer', 'referrer'],
	['Source', 'source'],
	['Updated At', 'updated_at'],
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
		// Kajabi's reference: filter[<attribute>_<comparison>], with amount_in_cents in its examples.
		{ param: 'created_at_gte', displayName: 'Created At or After', type: 'timestamp', description: 'Only purchases made at or after this date and time (UTC unless it says otherwise)' },
		{ param: 'created_at_lte', displayName: 'Created At or Before', type: 'timestamp', description: 'Only purchases made at or before this date and time (UTC unless it says otherwise)' },
		{ param: 'amount_in_cents_eq', displayName: 'Amount Equals (Cents)', type: 'number', description: 'Only purchases of exactly this price, in cents (4900 is 49.00)' },
		{ param: 'amount_in_cents_gt', displayName: 'Amount Greater Than (Cents)', type: 'number', description: 'Only purchases whose price, in cents (4900 is 49.00), is greater than this' },
		{ param: 'amount_in_cents_lt', displayName: 'Amount Less Than (Cents)', type: 'number', description: 'Only purchases whose price, in cents (4900 is 49.00), is less than this' },
	]),
	// Kajabi lists these attributes, and every comparison, for filtering purchases.
	attributeFilters(resource, 'getAll', PURCHASE_ATTRIBUTES, Object.keys(COMPARISONS), 'created_at'),
	...optionsCollection(resource, ['getAll'], {
		sort: [['Created At', 'created_at'], ...PURCHASE_ATTRIBUTES.filter(([, value]) => value !== 'created_at' && value !== 'amount_in_cents')],
		sparse: 'purchases',
	}),
	...optionsCollection(resource, ['get'], { sparse: 'purchases' }),
	simplifyField(resource, ['cancelSubscription', 'deactivate', 'get', 'getAll', 'reactivate']),
];
