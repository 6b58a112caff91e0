import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { sends } from '../../shared/runner';
import { CONTACT_DELETE_RUNNER, CONTACT_RUNNER } from '../contactByEmail';
import type { FilterDef } from '../fields';
import {
	contactAttributeFields,
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	relatedIds,
	relationshipBody,
	show,
	siteFilter,
	simplifyField,
	toOne,
} from '../fields';

const resource = 'contact';

/** A change or read of a contact's offers or tags (its Contact field has By Email). */
const relationship = (
	method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
	what: 'offers' | 'tags',
	preSend?: ReturnType<typeof relationshipBody>,
) =>
	sends(
		{ method, url: `/v1/contacts/{contactId}/relationships/${what}` },
		{ preSend: preSend ? [preSend] : [], runner: CONTACT_RUNNER },
	);

/**
 * Kajabi sends its welcome email unless `meta.send_customer_welcome_email` is false: the
 * flag goes out only to turn the email off.
 */
const welcomeEmail = (ctx: IExecuteSingleFunctions) =>
	ctx.getNodeParameter('sendWelcomeEmail', true) === false ? { send_customer_welcome_email: false } : undefined;
const offers = (meta = false, allowEmpty = false) =>
	relationshipBody('offerIds', 'offers', 'Offers', { meta: meta ? welcomeEmail : undefined, allowEmpty });
const tags = (allowEmpty = false) => relationshipBody('tagIds', 'contact_tags', 'Tags', { allowEmpty });

export const contactOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Add Tags',
			value: 'addTags',
			action: 'Add tags to a contact',
			description: 'Add tags to a contact; the tags it already has stay',
			routing: relationship('POST', 'tags', tags()),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			description: 'Create a contact in a site',
			routing: sends({ method: 'POST', url: '/v1/contacts', body: { data: { type: 'contacts' } } }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a contact',
			description: 'Delete a contact for good, with its tags, notes and offers access',
			routing: sends({ method: 'DELETE', url: '/v1/contacts/{contactId}' }, { runner: CONTACT_DELETE_RUNNER }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Read one contact with their details',
			routing: get('/v1/contacts/{contactId}', CONTACT_RUNNER),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			description: 'List your contacts, optionally only those matching a search or filter',
			routing: get('/v1/contacts'),
		},
		{
			name: 'Get Offers',
			value: 'getOffers',
			action: "Get a contact's offers",
			description: 'List the offers a contact has been granted',
			routing: relationship('GET', 'offers'),
		},
		{
			name: 'Get Tags',
			value: 'getTags',
			action: "Get a contact's tags",
			description: 'List the tags a contact has',
			routing: relationship('GET', 'tags'),
		},
		{
			name: 'Grant Offers',
			value: 'grantOffers',
			action: 'Grant offers to a contact',
			description: 'Give a contact access to offers; the offers it already has stay',
			routing: relationship('POST', 'offers', offers(true)),
		},
		{
			name: 'Remove Tags',
			value: 'removeTags',
			action: 'Remove tags from a contact',
			description: 'Remove the chosen tags from a contact; its other tags stay',
			routing: relationship('DELETE', 'tags', tags()),
		},
		{
			name: 'Replace Offers',
			value: 'replaceOffers',
			action: "Replace a contact's offers",
			description:
				"Replace all of a contact's offers with the chosen ones: access to every offer not chosen is revoked (none chosen revokes them all)",
			routing: relationship('PATCH', 'offers', offers(false, true)),
		},
		{
			name: 'Replace Tags',
			value: 'replaceTags',
			action: "Replace a contact's tags",
			description:
				"Replace all of a contact's tags with the chosen ones: every tag not chosen is removed (none chosen removes them all)",
			routing: relationship('PATCH', 'tags', tags(true)),
		},
		{
			name: 'Revoke Offers',
			value: 'revokeOffers',
			action: 'Revoke offers from a contact',
			description: "Take away a contact's access to the chosen offers; its other offers stay",
			routing: relationship('DELETE', 'offers', offers()),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change the attributes you fill in; the others stay as they are',
			// Kajabi requires `attributes` in an update, also when only the tags change.
			routing: sends(
				{ method: 'PATCH', url: '/v1/contacts/{contactId}', body: { data: { type: 'contacts', attributes: {} } } },
				{ runner: CONTACT_RUNNER },
			),
		},
	]),
];

export const CONTACT_FILTERS: FilterDef[] = [
	siteFilter('contacts'),
	{ param: 'search', displayName: 'Search', description: 'Filter with fuzzy search of name/email' },
	{ param: 'created_in_last', displayName: 'Created in Last (Days)', description: 'Filter contacts created in the last N days (a number of days)' },
	{ param: 'not_created_in_last', displayName: 'Not Created in Last (Days)', description: 'Filter contacts not created in the last N days (a number of days)' },
	{ param: 'is_hidden', displayName: 'Is Hidden', description: 'Filter hidden contacts', type: 'boolean' },
	{ param: 'joined_in_last', displayName: 'Joined in Last (Days)', description: 'Filter contacts who joined in the last N days (a number of days)' },
	{ param: 'active_in_last', displayName: 'Active in Last (Days)', description: 'Filter contacts active in the last N days (a number of days)' },
	{ param: 'inactive_in_last', displayName: 'Inactive in Last (Days)', description: 'Filter contacts inactive in the last N days (a number of days)' },
	{ param: 'name_contains', displayName: 'Name Contains', description: 'Filter contacts whose name contains the given value' },
	{ param: 'email_contains', displayName: 'Email Contains', description: 'Filter contacts whose email contains the given value' },
	{ param: 'phone_number_contains', displayName: 'Phone Number Contains', description: 'Filter contacts whose phone number contains the given value' },
	{ param: 'address_line_1_contains', displayName: 'Address Line 1 Contains', description: 'Filter contacts whose address line 1 contains the given value' },
	{ param: 'address_line_2_contains', displayName: 'Address Line 2 Contains', description: 'Filter contacts whose address line 2 contains the given value' },
	{ param: 'address_city_contains', displayName: 'Address City Contains', description: 'Filter contacts whose city contains the given value' },
	{ param: 'address_state_contains', displayName: 'Address State Contains', description: 'Filter contacts whose state contains the given value' },
	{ param: 'address_country_contains', displayName: 'Address Country Contains', description: 'Filter contacts whose country contains the given value' },
	{ param: 'address_zip_contains', displayName: 'Address Zip Contains', description: 'Filter contacts whose zip code contains the given value' },
	{ param: 'has_tag_id', displayName: 'Has Tag Name or ID', type: 'options', loadOptionsMethod: 'getContactTags', description: 'Only contacts with this tag. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	{ param: 'has_all_tag_id', displayName: 'Has All Tag ID', description: 'Filter contacts with all specified tag IDs' },
	{ param: 'has_no_tag_id', displayName: 'Has No Tag Name or ID', type: 'options', loadOptionsMethod: 'getContactTags', description: 'Only contacts without this tag. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	{ param: 'subscribed', displayName: 'Subscribed', description: 'Filter subscribed contacts', type: 'boolean' },
	{ param: 'has_offer_id', displayName: 'Has Offer ID', description: 'Filter contacts with a specific offer ID' },
	{ param: 'has_no_offer_id', displayName: 'Has No Offer ID', description: 'Filter contacts without the specified offer ID' },
	{ param: 'has_product_id', displayName: 'Has Product ID', description: 'Filter contacts who own a specific product ID' },
	{ param: 'has_active_product_id', displayName: 'Has Active Product ID', description: 'Filter contacts with an active membership to a specific product ID' },
	{ param: 'has_no_product_id', displayName: 'Has No Product ID', description: 'Filter contacts who do not own a specific product ID' },
	{ param: 'previously_owned_product_id', displayName: 'Previously Owned Product ID', description: 'Filter contacts who previously owned a specific product ID' },
	{ param: 'used_coupon_code', displayName: 'Used Coupon Code', description: 'Filter contacts who used a specific coupon code' },
	{ param: 'submitted_form_id', displayName: 'Submitted Form ID', description: 'Filter contacts who submitted a specific form ID' },
	{ param: 'no_submitted_form_id', displayName: 'No Submitted Form ID', description: 'Filter contacts who have not submitted the specified form ID' },
	{ param: 'registered_event_id', displayName: 'Registered Event ID', description: 'Filter contacts who registered for a specific event ID' },
	{ param: 'not_registered_event_id', displayName: 'Not Registered Event ID', description: 'Filter contacts who have not registered for the specified event ID' },
	{ param: 'completed_assessment_id', displayName: 'Completed Assessment ID', description: 'Filter contacts who completed a specific assessment ID' },
	{ param: 'passed_assessment_id', displayName: 'Passed Assessment ID', description: 'Filter contacts who passed a specific assessment ID' },
	{ param: 'failed_assessment_id', displayName: 'Failed Assessment ID', description: 'Filter contacts who failed a specific assessment ID' },
	{ param: 'net_revenue_equal_to', displayName: 'Net Revenue Equal to', description: 'Filter contacts whose net revenue equals the given value' },
	{ param: 'net_revenue_greater_than', displayName: 'Net Revenue Greater than', description: 'Filter contacts whose net revenue is greater than the given value' },
	{ param: 'net_revenue_less_than', displayName: 'Net Revenue Less than', description: 'Filter contacts whose net revenue is less than the given value' },
	{ param: 'subscribed_in_last', displayName: 'Subscribed in Last (Days)', description: 'Filter contacts subscribed in the last N days (a number of days)' },
	{ param: 'unsubscribed_in_last', displayName: 'Unsubscribed in Last (Days)', description: 'Filter contacts unsubscribed in the last N days (a number of days)' },
	{ param: 'never_subscribed', displayName: 'Never Subscribed', description: 'Filter contacts who have never subscribed', type: 'boolean' },
	{ param: 'sent_email_broadcast_id', displayName: 'Sent Email Broadcast ID', description: 'Filter contacts who were sent a specific email broadcast ID' },
	{ param: 'no_sent_email_broadcast_id', displayName: 'No Sent Email Broadcast ID', description: 'Filter contacts who were not sent the specified email broadcast ID' },
	{ param: 'no_sent_email_broadcast_ids', displayName: 'No Sent Email Broadcast IDs', description: 'Filter contacts who were not sent any of the specified email broadcast IDs' },
	{ param: 'no_delivered_email_broadcast_id', displayName: 'No Delivered Email Broadcast ID', description: 'Filter contacts who did not receive the specified email broadcast ID' },
	{ param: 'opened_email_broadcast_id', displayName: 'Opened Email Broadcast ID', description: 'Filter contacts who opened a specific email broadcast ID' },
	{ param: 'no_opened_email_broadcast_id', displayName: 'No Opened Email Broadcast ID', description: 'Filter contacts who did not open the specified email broadcast ID' },
	{ param: 'clicked_email_broadcast_id', displayName: 'Clicked Email Broadcast ID', description: 'Filter contacts who clicked a specific email broadcast ID' },
	{ param: 'no_clicked_email_broadcast_id', displayName: 'No Clicked Email Broadcast ID', description: 'Filter contacts who did not click the specified email broadcast ID' },
	{ param: 'bounced_email_broadcast_id', displayName: 'Bounced Email Broadcast ID', description: 'Filter contacts who bounced a specific email broadcast ID' },
	{ param: 'no_bounced_email_broadcast_id', displayName: 'No Bounced Email Broadcast ID', description: 'Filter contacts who did not bounce the specified email broadcast ID' },
	{ param: 'dropped_email_broadcast_id', displayName: 'Dropped Email Broadcast ID', description: 'Filter contacts who dropped a specific email broadcast ID' },
	{ param: 'no_dropped_email_broadcast_id', displayName: 'No Dropped Email Broadcast ID', description: 'Filter contacts who did not drop the specified email broadcast ID' },
	{ param: 'opened_email_in_last', displayName: 'Opened Email in Last (Days)', description: 'Filter contacts who opened an email in the last N days (a number of days)' },
	{ param: 'not_opened_email_in_last', displayName: 'Not Opened Email in Last (Days)', description: 'Filter contacts who did not open an email in the last N days (a number of days)' },
	{ param: 'delivered_email_in_last', displayName: 'Delivered Email in Last (Days)', description: 'Filter contacts who were delivered an email in the last N days (a number of days)' },
	{ param: 'not_delivered_email_in_last', displayName: 'Not Delivered Email in Last (Days)', description: 'Filter contacts who were not delivered an email in the last N days (a number of days)' },
	{ param: 'clicked_email_in_last', displayName: 'Clicked Email in Last (Days)', description: 'Filter contacts who clicked an email in the last N days (a number of days)' },
	{ param: 'not_clicked_email_in_last', displayName: 'Not Clicked Email in Last (Days)', description: 'Filter contacts who did not click an email in the last N days (a number of days)' },
	{ param: 'is_hard_bouncing', displayName: 'Is Hard Bouncing', description: 'Filter contacts that are hard bouncing', type: 'boolean' },
	{ param: 'bounced_in_last', displayName: 'Bounced in Last (Days)', description: 'Filter contacts who bounced in the last N days (a number of days)' },
	{ param: 'complained_in_last', displayName: 'Complained in Last (Days)', description: 'Filter contacts who complained in the last N days (a number of days)' },
	{ param: 'manually_unsubscribed_in_last', displayName: 'Manually Unsubscribed in Last (Days)', description: 'Filter contacts manually unsubscribed in the last N days (a number of days)' },
	{ param: 'opted_out_in_last', displayName: 'Opted Out in Last (Days)', description: 'Filter contacts who opted out in the last N days (a number of days)' },
	{ param: 'healthy_contacts_with_open_data', displayName: 'Healthy Contacts with Open Data', description: 'Filter healthy contacts with open data', type: 'boolean' },
	{ param: 'passive_contacts_with_open_data', displayName: 'Passive Contacts with Open Data', description: 'Filter passive contacts with open data', type: 'boolean' },
	{ param: 'unengaged_contacts_with_open_data', displayName: 'Unengaged Contacts with Open Data', description: 'Filter unengaged contacts with open data', type: 'boolean' },
	{ param: 'inactive_contacts_with_open_data', displayName: 'Inactive Contacts with Open Data', description: 'Filter inactive contacts with open data', type: 'boolean' },
	{ param: 'subscribed_newsletter_id', displayName: 'Subscribed Newsletter ID', description: 'Filter contacts subscribed to a specific newsletter ID' },
	{ param: 'unsubscribed_newsletter_id', displayName: 'Unsubscribed Newsletter ID', description: 'Filter contacts unsubscribed from a specific newsletter ID' },
	{ param: 'mobile_phone_number_contains', displayName: 'Mobile Phone Number Contains', description: 'Filter contacts whose mobile phone number contains the given value' },
	{ param: 'subscribed_email_sequence_id', displayName: 'Subscribed Email Sequence ID', description: 'Filter contacts subscribed to a specific email sequence ID' },
	{ param: 'not_subscribed_email_sequence_id', displayName: 'Not Subscribed Email Sequence ID', description: 'Filter contacts not subscribed to a specific email sequence ID' },
];

/** Update's tags: JSON:API's `data.relationships.tags`, which sets the contact's tags. */
const updateTags: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'tagIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getContactTags' },
	default: [],
	description:
		'The tags the contact has after the update: every tag not chosen is removed, and none chosen removes them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	routing: {
		send: {
			preSend: [
				relationshipBody('updateFields.tagIds', 'contact_tags', 'Tags', {
					allowEmpty: true,
					at: 'data.relationships.tags',
				}),
			],
		},
	},
};

export const contactFields: INodeProperties[] = [
	idLocator(
		resource,
		[
			'addTags',
			'delete',
			'get',
			'getOffers',
			'getTags',
			'grantOffers',
			'removeTags',
			'replaceOffers',
			'replaceTags',
			'revokeOffers',
		],
		{ name: 'contactId', displayName: 'Contact', searchListMethod: 'searchContacts', byEmail: true },
	),
	idLocator(resource, ['update'], {
		name: 'contactId',
		displayName: 'Contact',
		searchListMethod: 'searchContacts',
		byEmail: true,
		// JSON:API repeats the record's ID in the body of an update.
		routing: { send: { type: 'body', property: 'data.id', value: '={{ String($value).trim() }}' } },
	}),

	// Create
	idLocator(resource, ['create'], {
		name: 'siteId',
		displayName: 'Site',
		searchListMethod: 'searchSites',
		description: 'The site the contact belongs to',
		routing: { send: { type: 'body', property: 'data.relationships.site.data', value: toOne('sites') } },
	}),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: show(resource, ['create']),
		description: 'Must be a valid, deliverable address',
		routing: { send: { type: 'body', property: 'data.attributes.email' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['create']),
		options: contactAttributeFields(false),
	},

	// Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, ['update']),
		options: [
			...contactAttributeFields(true),
			updateTags,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},

	// Offers and tags
	relatedIds(
		resource,
		['grantOffers'],
		'offerIds',
		'Offer',
		'getOffers',
		'The offers to grant.',
	),
	{
		displayName: 'Send Welcome Email',
		name: 'sendWelcomeEmail',
		type: 'boolean',
		default: true,
		displayOptions: show(resource, ['grantOffers']),
		description:
			'Whether Kajabi sends the customer its welcome email for the offers (Kajabi sends it unless this is off)',
	},
	relatedIds(resource, ['revokeOffers'], 'offerIds', 'Offer', 'getOffers', 'The offers to take away.'),
	relatedIds(
		resource,
		['replaceOffers'],
		'offerIds',
		'Offer',
		'getOffers',
		'The offers the contact keeps; access to every other offer is revoked, and none chosen revokes them all.',
		false,
	),
	relatedIds(resource, ['addTags'], 'tagIds', 'Tag', 'getContactTags', 'The tags to add.'),
	relatedIds(resource, ['removeTags'], 'tagIds', 'Tag', 'getContactTags', 'The tags to remove.'),
	relatedIds(
		resource,
		['replaceTags'],
		'tagIds',
		'Tag',
		'getContactTags',
		'The tags the contact keeps; every other tag is removed, and none chosen removes them all.',
		false,
	),

	// Get Many
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', CONTACT_FILTERS),
	...optionsCollection(resource, ['getAll'], {
		sort: [
			['Created At', 'created_at'],
			['Email', 'email'],
			['Name', 'name'],
		],
		sparse: 'contacts',
	}),
	...optionsCollection(resource, ['get'], {
		sparse: 'contacts',
		include: [
			['Customer', 'customer', 'customers'],
			['Offers', 'offers', 'offers'],
			['Tags', 'tags', 'contact_tags'],
		],
	}),
	simplifyField(resource, [
		'addTags',
		'create',
		'get',
		'getAll',
		'getOffers',
		'getTags',
		'grantOffers',
		'removeTags',
		'replaceOffers',
		'replaceTags',
		'revokeOffers',
		'update',
	]),
];
