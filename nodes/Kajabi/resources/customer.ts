import type { INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import type { FilterDef } from '../fields';
import {
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	relatedIds,
	relationshipBody,
	siteFilter,
	simplifyField,
} from '../fields';

const resource = 'customer';

/** A read or change of a customer's offers. */
const offers = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', withBody = true) =>
	sends(
		{ method, url: '/v1/customers/{customerId}/relationships/offers' },
		// A replace with no offers revokes them all.
		{ preSend: withBody ? [relationshipBody('offerIds', 'offers', 'Offers', { allowEmpty: method === 'PATCH' })] : [] },
	);

export const customerOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a customer',
			description: 'Read one customer: a contact who bought something',
			routing: get('/v1/customers/{customerId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many customers',
			description: 'List the people who bought something',
			routing: get('/v1/customers'),
		},
		{
			name: 'Get Offers',
			value: 'getOffers',
			action: "Get a customer's offers",
			description: 'List the offers a customer has',
			routing: offers('GET', false),
		},
		{
			name: 'Grant Offers',
			value: 'grantOffers',
			action: 'Grant offers to a customer',
			description: 'Give a customer access to offers; the offers they already have stay',
			routing: offers('POST'),
		},
		{
			name: 'Replace Offers',
			value: 'replaceOffers',
			action: "Replace a customer's offers",
			description:
				"Replace all of a customer's offers with the chosen ones: access to every offer not chosen is revoked (none chosen revokes them all)",
			routing: offers('PATCH'),
		},
		{
			name: 'Revoke Offers',
			value: 'revokeOffers',
			action: 'Revoke offers from a customer',
			description: "Take away a customer's access to the chosen offers; their other offers stay",
			routing: offers('DELETE'),
		},
	]),
];

export const CUSTOMER_FILTERS: FilterDef[] = [
	siteFilter('customers'),
	{ param: 'search', displayName: 'Search', description: 'Filter with fuzzy search of name/email' },
	{ param: 'created_in_last', displayName: 'Created in Last (Days)', description: 'Filter customers created in the last N days (a number of days)' },
	{ param: 'not_created_in_last', displayName: 'Not Created in Last (Days)', description: 'Filter customers not created in the last N days (a number of days)' },
	{ param: 'is_hidden', displayName: 'Is Hidden', description: 'Filter hidden customers', type: 'boolean' },
	{ param: 'joined_in_last', displayName: 'Joined in Last (Days)', description: 'Filter customers who joined in the last N days (a number of days)' },
	{ param: 'active_in_last', displayName: 'Active in Last (Days)', description: 'Filter customers active in the last N days (a number of days)' },
	{ param: 'inactive_in_last', displayName: 'Inactive in Last (Days)', description: 'Filter customers inactive in the last N days (a number of days)' },
	{ param: 'name_contains', displayName: 'Name Contains', description: 'Filter customers whose name contains the given value' },
	{ param: 'email_contains', displayName: 'Email Contains', description: 'Filter customers whose email contains the given value' },
	{ param: 'phone_number_contains', displayName: 'Phone Number Contains', description: 'Filter customers whose phone number contains the given value' },
	{ param: 'address_line_1_contains', displayName: 'Address Line 1 Contains', description: 'Filter customers whose address line 1 contains the given value' },
	{ param: 'address_line_2_contains', displayName: 'Address Line 2 Contains', description: 'Filter customers whose address line 2 contains the given value' },
	{ param: 'address_city_contains', displayName: 'Address City Contains', description: 'Filter customers whose city contains the given value' },
	{ param: 'address_state_contains', displayName: 'Address State Contains', description: 'Filter customers whose state contains the given value' },
	{ param: 'address_country_contains', displayName: 'Address Country Contains', description: 'Filter customers whose country contains the given value' },
	{ param: 'address_zip_contains', displayName: 'Address Zip Contains', description: 'Filter customers whose zip code contains the given value' },
	{ param: 'has_tag_id', displayName: 'Has Tag ID', description: 'Filter customers with a specific tag ID' },
	{ param: 'has_all_tag_id', displayName: 'Has All Tag ID', description: 'Filter customers with all specified tag IDs' },
	{ param: 'has_no_tag_id', displayName: 'Has No Tag ID', description: 'Filter customers without the specified tag ID' },
	{ param: 'subscribed', displayName: 'Subscribed', description: 'Filter subscribed customers', type: 'boolean' },
	{ param: 'has_offer_id', displayName: 'Has Offer ID', description: 'Filter customers with a specific offer ID' },
	{ param: 'has_no_offer_id', displayName: 'Has No Offer ID', description: 'Filter customers without the specified offer ID' },
	{ param: 'has_product_id', displayName: 'Has Product ID', description: 'Filter customers who own a specific product ID' },
	{ param: 'has_active_product_id', displayName: 'Has Active Product ID', description: 'Filter customers with an active membership to a specific product ID' },
	{ param: 'has_no_product_id', displayName: 'Has No Product ID', description: 'Filter customers who do not own a specific product ID' },
	{ param: 'previously_owned_product_id', displayName: 'Previously Owned Product ID', description: 'Filter customers who previously owned a specific product ID' },
	{ param: 'used_coupon_code', displayName: 'Used Coupon Code', description: 'Filter customers who used a specific coupon code' },
	{ param: 'submitted_form_id', displayName: 'Submitted Form ID', description: 'Filter customers who submitted a specific form ID' },
	{ param: 'no_submitted_form_id', displayName: 'No Submitted Form ID', description: 'Filter customers who have not submitted the specified form ID' },
	{ param: 'registered_event_id', displayName: 'Registered Event ID', description: 'Filter customers who registered for a specific event ID' },
	{ param: 'not_registered_event_id', displayName: 'Not Registered Event ID', description: 'Filter customers who have not registered for the specified event ID' },
	{ param: 'completed_assessment_id', displayName: 'Completed Assessment ID', description: 'Filter customers who completed a specific assessment ID' },
	{ param: 'passed_assessment_id', displayName: 'Passed Assessment ID', description: 'Filter customers who passed a specific assessment ID' },
	{ param: 'failed_assessment_id', displayName: 'Failed Assessment ID', description: 'Filter customers who failed a specific assessment ID' },
	{ param: 'net_revenue_equal_to', displayName: 'Net Revenue Equal to', description: 'Filter customers whose net revenue equals the given value' },
	{ param: 'net_revenue_greater_than', displayName: 'Net Revenue Greater than', description: 'Filter customers whose net revenue is greater than the given value' },
	{ param: 'net_revenue_less_than', displayName: 'Net Revenue Less than', description: 'Filter customers whose net revenue is less than the given value' },
	{ param: 'subscribed_in_last', displayName: 'Subscribed in Last (Days)', description: 'Filter customers subscribed in the last N days (a number of days)' },
	{ param: 'unsubscribed_in_last', displayName: 'Unsubscribed in Last (Days)', description: 'Filter customers unsubscribed in the last N days (a number of days)' },
	{ param: 'never_subscribed', displayName: 'Never Subscribed', description: 'Filter customers who have never subscribed', type: 'boolean' },
	{ param: 'sent_email_broadcast_id', displayName: 'Sent Email Broadcast ID', description: 'Filter customers who were sent a specific email broadcast ID' },
	{ param: 'no_sent_email_broadcast_id', displayName: 'No Sent Email Broadcast ID', description: 'Filter customers who were not sent the specified email broadcast ID' },
	{ param: 'no_sent_email_broadcast_ids', displayName: 'No Sent Email Broadcast IDs', description: 'Filter customers who were not sent any of the specified email broadcast IDs' },
	{ param: 'no_delivered_email_broadcast_id', displayName: 'No Delivered Email Broadcast ID', description: 'Filter customers who did not receive the specified email broadcast ID' },
	{ param: 'opened_email_broadcast_id', displayName: 'Opened Email Broadcast ID', description: 'Filter customers who opened a specific email broadcast ID' },
	{ param: 'no_opened_email_broadcast_id', displayName: 'No Opened Email Broadcast ID', description: 'Filter customers who did not open the specified email broadcast ID' },
	{ param: 'clicked_email_broadcast_id', displayName: 'Clicked Email Broadcast ID', description: 'Filter customers who clicked a specific email broadcast ID' },
	{ param: 'no_clicked_email_broadcast_id', displayName: 'No Clicked Email Broadcast ID', description: 'Filter customers who did not click the specified email broadcast ID' },
	{ param: 'bounced_email_broadcast_id', displayName: 'Bounced Email Broadcast ID', description: 'Filter customers who bounced a specific email broadcast ID' },
	{ param: 'no_bounced_email_broadcast_id', displayName: 'No Bounced Email Broadcast ID', description: 'Filter customers who did not bounce the specified email broadcast ID' },
	{ param: 'dropped_email_broadcast_id', displayName: 'Dropped Email Broadcast ID', description: 'Filter customers who dropped a specific email broadcast ID' },
	{ param: 'no_dropped_email_broadcast_id', displayName: 'No Dropped Email Broadcast ID', description: 'Filter customers who did not drop the specified email broadcast ID' },
	{ param: 'opened_email_in_last', displayName: 'Opened Email in Last (Days)', description: 'Filter customers who opened an email in the last N days (a number of days)' },
	{ param: 'not_opened_email_in_last', displayName: 'Not Opened Email in Last (Days)', description: 'Filter customers who did not open an email in the last N days (a number of days)' },
	{ param: 'delivered_email_in_last', displayName: 'Delivered Email in Last (Days)', description: 'Filter customers who were delivered an email in the last N days (a number of days)' },
	{ param: 'not_delivered_email_in_last', displayName: 'Not Delivered Email in Last (Days)', description: 'Filter customers who were not delivered an email in the last N days (a number of days)' },
	{ param: 'clicked_email_in_last', displayName: 'Clicked Email in Last (Days)', description: 'Filter customers who clicked an email in the last N days (a number of days)' },
	{ param: 'not_clicked_email_in_last', displayName: 'Not Clicked Email in Last (Days)', description: 'Filter customers who did not click an email in the last N days (a number of days)' },
	{ param: 'is_hard_bouncing', displayName: 'Is Hard Bouncing', description: 'Filter customers that are hard bouncing', type: 'boolean' },
	{ param: 'bounced_in_last', displayName: 'Bounced in Last (Days)', description: 'Filter customers who bounced in the last N days (a number of days)' },
	{ param: 'complained_in_last', displayName: 'Complained in Last (Days)', description: 'Filter customers who complained in the last N days (a number of days)' },
	{ param: 'manually_unsubscribed_in_last', displayName: 'Manually Unsubscribed in Last (Days)', description: 'Filter customers manually unsubscribed in the last N days (a number of days)' },
	{ param: 'opted_out_in_last', displayName: 'Opted Out in Last (Days)', description: 'Filter customers who opted out in the last N days (a number of days)' },
	{ param: 'healthy_contacts_with_open_data', displayName: 'Healthy Contacts with Open Data', description: 'Filter healthy customers with open data', type: 'boolean' },
	{ param: 'passive_contacts_with_open_data', displayName: 'Passive Contacts with Open Data', description: 'Filter passive customers with open data', type: 'boolean' },
	{ param: 'unengaged_contacts_with_open_data', displayName: 'Unengaged Contacts with Open Data', description: 'Filter unengaged customers with open data', type: 'boolean' },
	{ param: 'inactive_contacts_with_open_data', displayName: 'Inactive Contacts with Open Data', description: 'Filter inactive customers with open data', type: 'boolean' },
	{ param: 'subscribed_newsletter_id', displayName: 'Subscribed Newsletter ID', description: 'Filter customers subscribed to a specific newsletter ID' },
	{ param: 'unsubscribed_newsletter_id', displayName: 'Unsubscribed Newsletter ID', description: 'Filter customers unsubscribed from a specific newsletter ID' },
	{ param: 'mobile_phone_number_contains', displayName: 'Mobile Phone Number Contains', description: 'Filter customers whose mobile phone number contains the given value' },
	{ param: 'subscribed_email_sequence_id', displayName: 'Subscribed Email Sequence ID', description: 'Filter customers subscribed to a specific email sequence ID' },
	{ param: 'not_subscribed_email_sequence_id', displayName: 'Not Subscribed Email Sequence ID', description: 'Filter customers not subscribed to a specific email sequence ID' },
];

/** `filter[<what>_page]` and `filter[<what>_per]`: which page of the included records, and its size. */
const includedPage = (name: string, what: string): INodeProperties[] => [
	{
		displayName: `Page of Included ${name}`,
		name: `${what}Page`,
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1 },
		description: `With Include: ${name}, which page of the customer's ${what} to include`,
		routing: { send: { type: 'query', property: `filter[${what}_page]`, value: '={{ String($value) }}' } },
	},
	{
		displayName: `Included ${name} per Page`,
		name: `${what}Per`,
		type: 'number',
		default: 25,
		typeOptions: { minValue: 1 },
		description: `With Include: ${name}, how many of the customer's ${what} a page of them holds`,
		routing: { send: { type: 'query', property: `filter[${what}_per]`, value: '={{ String($value) }}' } },
	},
];

export const customerFields: INodeProperties[] = [
	idLocator(resource, ['get', 'getOffers', 'grantOffers', 'replaceOffers', 'revokeOffers'], {
		name: 'customerId',
		displayName: 'Customer',
		searchListMethod: 'searchCustomers',
	}),
	relatedIds(resource, ['grantOffers'], 'offerIds', 'Offer', 'getOffers', 'The offers to grant.'),
	relatedIds(resource, ['revokeOffers'], 'offerIds', 'Offer', 'getOffers', 'The offers to take away.'),
	relatedIds(
		resource,
		['replaceOffers'],
		'offerIds',
		'Offer',
		'getOffers',
		'The offers the customer keeps; access to every other offer is revoked, and none chosen revokes them all.',
		false,
	),

	// Get Many
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', CUSTOMER_FILTERS),
	...optionsCollection(resource, ['getAll'], {
		sort: [
			['Created At', 'created_at'],
			['Email', 'email'],
			['Last Request At', 'last_request_at'],
			['Name', 'name'],
			['Net Revenue', 'net_revenue'],
		],
		sparse: 'customers',
	}),
	...optionsCollection(resource, ['get'], {
		sparse: 'customers',
		include: [
			['Contact', 'contact', 'contacts'],
			['Offers', 'offers', 'offers'],
			['Products', 'products', 'products'],
		],
		extra: [
			{
				displayName: 'Search Included Offers',
				name: 'offersSearch',
				type: 'string',
				default: '',
				description: 'With Include: Offers, only offers whose title or internal title contains this text',
				routing: { send: { type: 'query', property: 'filter[offers_search]' } },
			},
			{
				displayName: 'Search Included Products',
				name: 'productsSearch',
				type: 'string',
				default: '',
				description: 'With Include: Products, only products whose title contains this text',
				routing: { send: { type: 'query', property: 'filter[products_search]' } },
			},
			...includedPage('Offers', 'offers'),
			...includedPage('Products', 'products'),
		],
	}),
	simplifyField(resource, ['get', 'getAll', 'getOffers', 'grantOffers', 'replaceOffers', 'revokeOffers']),
];
