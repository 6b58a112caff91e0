/**
 * One case per operation of the Kajabi node, for the end-to-end suite (test/e2e/): each runs
 * as its own node in one workflow against a fresh KajabiMock (sites 11/12, offers 21/22,
 * product 31, course 41, tags 51/52, form 61, contacts 101–130, customer 201, purchase 301,
 * transaction 401, order 501, order item 502, submission 601, notes 701/702, hooks 801/802,
 * payout payout_abc123) and must succeed there. Destructive cases work on records no other
 * case reads. `expected` is the exact query and JSON:API body, asserted in operations.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../e2e/cases';

const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

export interface KajabiCase extends OperationCase {
	expected: { query: IDataObject; body?: unknown };
}

const read = (
	title: string,
	resource: string,
	path: string,
	idName?: string,
	id?: string,
	extra: IDataObject = {},
	query: IDataObject = {},
): KajabiCase => ({
	title,
	parameters: {
		resource,
		operation: idName ? 'get' : 'getAll',
		...(idName ? { [idName]: locator(id ?? '') } : { returnAll: false, limit: 5 }),
		...extra,
	},
	request: { method: 'GET', path },
	expected: { query: idName ? query : { 'page[size]': '5', 'page[number]': '1', ...query } },
});

const identifiers = (type: string, ...ids: string[]) => ({ data: ids.map((id) => ({ type, id })) });

export const kajabiCases: KajabiCase[] = [
	// Blog posts
	read('Blog Post: Get Many', 'blogPost', '/v1/blog_posts', undefined, undefined, {
		filters: { title_cont: 'Wel' },
		attributeFilters: { condition: [{ attribute: 'slug', comparison: 'start', value: 'wel' }] },
		options: { sortBy: 'published_at', sortDirection: 'descending', fields: 'title, slug' },
	}, {
		'filter[title_cont]': 'Wel',
		'filter[slug_start]': 'wel',
		sort: '-published_at',
		'fields[blog_posts]': 'title,slug',
	}),
	read('Blog Post: Get', 'blogPost', '/v1/blog_posts/81', 'blogPostId', '81'),

	// Contact notes
	{
		title: 'Contact Note: Create',
		parameters: { resource: 'contactNote', operation: 'create', contactId: locator('101', 'list'), body: 'Wants the retreat' },
		request: { method: 'POST', path: '/v1/contact_notes' },
		expected: {
			query: {},
			body: {
				data: {
					type: 'contact_notes',
					attributes: { body: 'Wants the retreat' },
					relationships: { contact: { data: { type: 'contacts', id: '101' } } },
				},
			},
		},
	},
	read('Contact Note: Get Many', 'contactNote', '/v1/contact_notes', undefined, undefined, {
		filters: { contact_id: '101', site_id: '11' },
		options: { sortBy: 'updated_at' },
	}, { 'filter[contact_id]': '101', 'filter[site_id]': '11', sort: 'updated_at' }),
	read('Contact Note: Get', 'contactNote', '/v1/contact_notes/701', 'contactNoteId', '701', {
		options: { include: ['contact'] },
	}, { include: 'contact' }),
	{
		title: 'Contact Note: Update',
		parameters: { resource: 'contactNote', operation: 'update', contactNoteId: locator('701'), body: 'Booked' },
		request: { method: 'PATCH', path: '/v1/contact_notes/701' },
		expected: { query: {}, body: { data: { type: 'contact_notes', id: '701', attributes: { body: 'Booked' } } } },
	},
	{
		title: 'Contact Note: Delete',
		parameters: { resource: 'contactNote', operation: 'delete', contactNoteId: locator('702') },
		request: { method: 'DELETE', path: '/v1/contact_notes/702' },
		expected: { query: {} },
	},

	// Contact tags
	read('Contact Tag: Get Many', 'contactTag', '/v1/contact_tags', undefined, undefined, {
		filters: { name_cont: 'VI' },
	}, { 'filter[name_cont]': 'VI' }),
	read('Contact Tag: Get', 'contactTag', '/v1/contact_tags/51', 'contactTagId', '51'),

	// Contacts
	{
		title: 'Contact: Create',
		parameters: {
			resource: 'contact',
			operation: 'create',
			siteId: locator('11', 'list'),
			email: 'new@example.com',
			additionalFields: { name: 'New Student', subscribed: true, address_city: 'Lviv' },
		},
		request: { method: 'POST', path: '/v1/contacts' },
		expected: {
			query: {},
			body: {
				data: {
					type: 'contacts',
					attributes: { email: 'new@example.com', name: 'New Student', subscribed: true, address_city: 'Lviv' },
					relationships: { site: { data: { type: 'sites', id: '11' } } },
				},
			},
		},
	},
	read('Contact: Get Many', 'contact', '/v1/contacts', undefined, undefined, {
		filters: { site_id: '11', search: 'student', has_tag_id: '51', is_hidden: false },
		options: { sortBy: 'email', sortDirection: 'descending', fields: 'name,email' },
	}, {
		'filter[site_id]': '11',
		'filter[search]': 'student',
		'filter[has_tag_id]': '51',
		'filter[is_hidden]': 'false',
		sort: '-email',
		'fields[contacts]': 'name,email',
	}),
	read('Contact: Get', 'contact', '/v1/contacts/101', 'contactId', '101', {
		options: { include: ['offers', 'tags', 'customer'], fields_contact_tags: 'name', fields_customers: 'email, net_revenue' },
	}, { include: 'offers,tags,customer', 'fields[contact_tags]': 'name', 'fields[customers]': 'email,net_revenue' }),
	{
		title: 'Contact: Update',
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: locator('102'),
			updateFields: { phone_number: '12134567890', external_user_id: 'u-7', tagIds: ['52'] },
		},
		request: { method: 'PATCH', path: '/v1/contacts/102' },
		expected: {
			query: {},
			body: {
				data: {
					type: 'contacts',
					id: '102',
					attributes: { phone_number: '12134567890', external_user_id: 'u-7' },
					relationships: { tags: identifiers('contact_tags', '52') },
				},
			},
		},
	},
	{
		title: 'Contact: Delete',
		parameters: { resource: 'contact', operation: 'delete', contactId: locator('130') },
		request: { method: 'DELETE', path: '/v1/contacts/130' },
		expected: { query: {} },
	},
	{
		title: 'Contact: Get Offers',
		parameters: { resource: 'contact', operation: 'getOffers', contactId: locator('103') },
		request: { method: 'GET', path: '/v1/contacts/103/relationships/offers' },
		expected: { query: {} },
	},
	{
		title: 'Contact: Grant Offers',
		parameters: { resource: 'contact', operation: 'grantOffers', contactId: locator('103'), offerIds: ['21', '22'] },
		request: { method: 'POST', path: '/v1/contacts/103/relationships/offers' },
		expected: { query: {}, body: identifiers('offers', '21', '22') },
	},
	{
		title: 'Contact: Grant Offers (no welcome email)',
		parameters: { resource: 'contact', operation: 'grantOffers', contactId: locator('107'), offerIds: ['21'], sendWelcomeEmail: false },
		request: { method: 'POST', path: '/v1/contacts/107/relationships/offers' },
		expected: { query: {}, body: { ...identifiers('offers', '21'), meta: { send_customer_welcome_email: false } } },
	},
	{
		title: 'Contact: Revoke Offers',
		parameters: { resource: 'contact', operation: 'revokeOffers', contactId: locator('103'), offerIds: ['22'] },
		request: { method: 'DELETE', path: '/v1/contacts/103/relationships/offers' },
		expected: { query: {}, body: identifiers('offers', '22') },
	},
	{
		title: 'Contact: Replace Offers',
		parameters: { resource: 'contact', operation: 'replaceOffers', contactId: locator('104'), offerIds: '21' },
		request: { method: 'PATCH', path: '/v1/contacts/104/relationships/offers' },
		expected: { query: {}, body: identifiers('offers', '21') },
	},
	{
		title: 'Contact: Get Tags',
		parameters: { resource: 'contact', operation: 'getTags', contactId: locator('101') },
		request: { method: 'GET', path: '/v1/contacts/101/relationships/tags' },
		expected: { query: {} },
	},
	{
		title: 'Contact: Add Tags',
		parameters: { resource: 'contact', operation: 'addTags', contactId: locator('105'), tagIds: ['51', '52'] },
		request: { method: 'POST', path: '/v1/contacts/105/relationships/tags' },
		expected: { query: {}, body: identifiers('contact_tags', '51', '52') },
	},
	{
		title: 'Contact: Remove Tags',
		parameters: { resource: 'contact', operation: 'removeTags', contactId: locator('105'), tagIds: ['52'] },
		request: { method: 'DELETE', path: '/v1/contacts/105/relationships/tags' },
		expected: { query: {}, body: identifiers('contact_tags', '52') },
	},
	{
		title: 'Contact: Replace Tags',
		parameters: { resource: 'contact', operation: 'replaceTags', contactId: locator('106'), tagIds: '51, 52' },
		request: { method: 'PATCH', path: '/v1/contacts/106/relationships/tags' },
		expected: { query: {}, body: identifiers('contact_tags', '51', '52') },
	},
	{
		title: 'Contact: Replace Tags (none)',
		parameters: { resource: 'contact', operation: 'replaceTags', contactId: locator('108'), tagIds: [] },
		request: { method: 'PATCH', path: '/v1/contacts/108/relationships/tags' },
		expected: { query: {}, body: { data: [] } },
	},
	{
		title: 'Contact: Replace Offers (none)',
		parameters: { resource: 'contact', operation: 'replaceOffers', contactId: locator('108'), offerIds: '' },
		request: { method: 'PATCH', path: '/v1/contacts/108/relationships/offers' },
		expected: { query: {}, body: { data: [] } },
	},

	// Courses
	read('Course: Get Many', 'course', '/v1/courses', undefined, undefined, {
		filters: { publish_status_eq: 'published' },
		options: { sortBy: 'title' },
	}, { 'filter[publish_status_eq]': 'published', sort: 'title' }),
	read('Course: Get', 'course', '/v1/courses/41', 'courseId', '41', {
		options: { include: ['modules', 'lessons', 'offers'], fields: 'title', fields_offers: 'title' },
	}, { include: 'modules,lessons,offers', 'fields[courses]': 'title', 'fields[offers]': 'title' }),

	// Custom fields
	read('Custom Field: Get Many', 'customField', '/v1/custom_fields', undefined, undefined, {
		filters: { required_eq: false },
	}, { 'filter[required_eq]': 'false' }),
	read('Custom Field: Get', 'customField', '/v1/custom_fields/71', 'customFieldId', '71', {
		options: { fields: 'title,handle' },
	}, { 'fields[custom_fields]': 'title,handle' }),

	// Customers
	read('Customer: Get Many', 'customer', '/v1/customers', undefined, undefined, {
		filters: { site_id: '11', net_revenue_greater_than: '10' },
		options: { sortBy: 'net_revenue', sortDirection: 'descending' },
	}, { 'filter[site_id]': '11', 'filter[net_revenue_greater_than]': '10', sort: '-net_revenue' }),
	read('Customer: Get', 'customer', '/v1/customers/201', 'customerId', '201', {
		options: { include: ['offers', 'contact'], offersSearch: 'Yoga', offersPage: 2, offersPer: 10, fields_contacts: 'email' },
	}, {
		include: 'offers,contact',
		'filter[offers_search]': 'Yoga',
		'filter[offers_page]': '2',
		'filter[offers_per]': '10',
		'fields[contacts]': 'email',
	}),
	read('Customer: Get (included products, a page)', 'customer', '/v1/customers/201', 'customerId', '201', {
		options: { include: ['products'], productsPage: 1, productsPer: 5, fields_products: 'title' },
	}, { include: 'products', 'filter[products_page]': '1', 'filter[products_per]': '5', 'fields[products]': 'title' }),
	{
		title: 'Customer: Get Offers',
		parameters: { resource: 'customer', operation: 'getOffers', customerId: locator('201') },
		request: { method: 'GET', path: '/v1/customers/201/relationships/offers' },
		expected: { query: {} },
	},
	{
		title: 'Customer: Grant Offers',
		parameters: { resource: 'customer', operation: 'grantOffers', customerId: locator('201'), offerIds: ['22'] },
		request: { method: 'POST', path: '/v1/customers/201/relationships/offers' },
		expected: { query: {}, body: identifiers('offers', '22') },
	},
	{
		title: 'Customer: Revoke Offers',
		parameters: { resource: 'customer', operation: 'revokeOffers', customerId: locator('201'), offerIds: ['22'] },
		request: { method: 'DELETE', path: '/v1/customers/201/relationships/offers' },
		expected: { query: {}, body: identifiers('offers', '22') },
	},
	{
		title: 'Customer: Replace Offers',
		parameters: { resource: 'customer', operation: 'replaceOffers', customerId: locator('201'), offerIds: ['21'] },
		request: { method: 'PATCH', path: '/v1/customers/201/relationships/offers' },
		expected: { query: {}, body: identifiers('offers', '21') },
	},

	// Form submissions
	read('Form Submission: Get Many', 'formSubmission', '/v1/form_submissions', undefined, undefined, {
		filters: { form_id: '61' },
	}, { 'filter[form_id]': '61' }),
	read('Form Submission: Get', 'formSubmission', '/v1/form_submissions/601', 'formSubmissionId', '601', {
		options: { include: ['form'] },
	}, { include: 'form' }),

	// Forms
	read('Form: Get Many', 'form', '/v1/forms', undefined, undefined, { filters: { site_id: '11' } }, { 'filter[site_id]': '11' }),
	read('Form: Get', 'form', '/v1/forms/61', 'formId', '61'),
	{
		title: 'Form: Submit',
		parameters: {
			resource: 'form',
			operation: 'submit',
			formId: locator('61', 'list'),
			name: 'Jane Lead',
			email: 'jane@example.com',
			additionalFields: { phone_number: '555' },
		},
		request: { method: 'POST', path: '/v1/forms/61/submit' },
		expected: {
			query: {},
			body: { data: { type: 'form_submissions', attributes: { name: 'Jane Lead', email: 'jane@example.com', phone_number: '555' } } },
		},
	},

	// Webhooks
	read('Webhook: Get Many', 'hook', '/v1/hooks', undefined, undefined, { filters: { event_eq: 'purchase' } }, { 'filter[event_eq]': 'purchase' }),
	{
		title: 'Webhook: Create',
		parameters: {
			resource: 'hook',
			operation: 'create',
			siteId: locator('11'),
			event: 'tag_added',
			targetUrl: 'https://example.com/tags',
			additionalFields: { resourceId: '51' },
		},
		request: { method: 'POST', path: '/v1/hooks' },
		expected: {
			query: {},
			body: {
				data: {
					type: 'hooks',
					attributes: { event: 'tag_added', target_url: 'https://example.com/tags', resource_id: '51' },
					relationships: { site: { data: { type: 'sites', id: '11' } } },
				},
			},
		},
	},
	read('Webhook: Get', 'hook', '/v1/hooks/802', 'hookId', '802'),
	{
		title: 'Webhook: Delete',
		parameters: { resource: 'hook', operation: 'delete', hookId: locator('801') },
		request: { method: 'DELETE', path: '/v1/hooks/801' },
		expected: { query: {} },
	},
	...(['tag_added', 'tag_removed', 'form_submission', 'purchase', 'payment_succeeded', 'order_created'] as const).map(
		(event): KajabiCase => ({
			title: `Webhook: Get Sample Payload (${event})`,
			parameters: { resource: 'hook', operation: 'getSample', sampleEvent: event },
			request: { method: 'GET', path: `/v1/hooks/${event}_sample` },
			expected: { query: {} },
		}),
	),

	// Payouts
	{
		title: 'Payout: Get Many',
		parameters: {
			resource: 'payout',
			operation: 'getAll',
			siteId: locator('11', 'list'),
			returnAll: true,
			filters: { status: 'in_transit', start_date: '2024-01-01T00:00:00' },
		},
		request: { method: 'GET', path: '/v1/kajabi_payments_payouts' },
		expected: {
			query: { 'filter[site_id]': '11', 'page[number]': '1', 'filter[status]': 'in_transit', 'filter[start_date]': '2024-01-01' },
		},
	},
	{
		title: 'Payout: Get',
		parameters: { resource: 'payout', operation: 'get', siteId: locator('11'), payoutId: locator('payout_abc123') },
		request: { method: 'GET', path: '/v1/kajabi_payments_payouts/payout_abc123' },
		expected: { query: { 'filter[site_id]': '11' } },
	},

	// Landing pages
	read('Landing Page: Get Many', 'landingPage', '/v1/landing_pages', undefined, undefined, {
		filters: { published: true, site_id: '11' },
		attributeFilters: { condition: [{ attribute: 'publish_at', comparison: 'gte', value: '2024-01-01' }] },
		options: { sortBy: 'publish_at', sortDirection: 'descending' },
	}, { 'filter[published]': 'true', 'filter[site_id]': '11', 'filter[publish_at_gte]': '2024-01-01', sort: '-publish_at' }),
	read('Landing Page: Get', 'landingPage', '/v1/landing_pages/82', 'landingPageId', '82'),

	// Me, version
	{
		title: 'Me: Get',
		parameters: { resource: 'me', operation: 'get' },
		request: { method: 'GET', path: '/v1/me' },
		expected: { query: {} },
	},
	{
		title: 'Version: Get',
		parameters: { resource: 'version', operation: 'get' },
		request: { method: 'GET', path: '/v1/version' },
		expected: { query: {} },
	},

	// Offers
	read('Offer: Get Many', 'offer', '/v1/offers', undefined, undefined, {
		filters: { title_cont: 'Yoga' },
		options: { sortBy: 'price_in_cents', sortDirection: 'descending' },
	}, { 'filter[title_cont]': 'Yoga', sort: '-price_in_cents' }),
	read('Offer: Get', 'offer', '/v1/offers/21', 'offerId', '21', { options: { include: ['products'] } }, { include: 'products' }),
	{
		title: 'Offer: Get Products',
		parameters: { resource: 'offer', operation: 'getProducts', offerId: locator('21', 'list') },
		request: { method: 'GET', path: '/v1/offers/21/relationships/products' },
		expected: { query: {} },
	},

	// Orders
	read('Order Item: Get Many', 'orderItem', '/v1/order_items', undefined, undefined, { filters: { fulfilled_at_null: true } }, { 'filter[fulfilled_at_null]': 'true' }),
	read('Order Item: Get', 'orderItem', '/v1/order_items/502', 'orderItemId', '502', { options: { include: ['order'] } }, { include: 'order' }),
	read('Order: Get Many', 'order', '/v1/orders', undefined, undefined, { filters: { customer_id: '201' } }, { 'filter[customer_id]': '201' }),
	// The date, amount, number and currency filters of Kajabi's examples, and a documented sort.
	read('Order: Get Many (dates, amount, number, currency, sort)', 'order', '/v1/orders', undefined, undefined, {
		filters: {
			created_at_gteq: '2024-01-01T00:00:00',
			created_at_lteq: '2099-12-31T23:59:59',
			total_price_in_cents_gt: 1000,
			order_number_cont: '100',
			currency_code_start: 'US',
			currency_code_in: 'USD, EUR ,',
		},
		options: { sortBy: 'order_number', sortDirection: 'descending' },
	}, {
		'filter[created_at_gteq]': '2024-01-01T00:00:00',
		'filter[created_at_lteq]': '2099-12-31T23:59:59',
		'filter[total_price_in_cents_gt]': '1000',
		'filter[order_number_cont]': '100',
		'filter[currency_code_start]': 'US',
		'filter[currency_code_in]': 'USD,EUR',
		sort: '-order_number',
	}),
	read('Order: Get', 'order', '/v1/orders/501', 'orderId', '501', { options: { include: ['customer', 'order_items'] } }, { include: 'customer,order_items' }),

	// Podcasts, products
	read('Podcast: Get Many', 'podcast', '/v1/podcasts', undefined, undefined, { filters: { status_eq: 'ready' } }, { 'filter[status_eq]': 'ready' }),
	read('Podcast: Get', 'podcast', '/v1/podcasts/84', 'podcastId', '84'),
	read('Product: Get Many', 'product', '/v1/products', undefined, undefined, {
		filters: { status_eq: 'ready', exclude_product_types: 'Courses::CohortCourse, Coaching::Program' },
	}, { 'filter[status_eq]': 'ready', 'filter[exclude_product_types][]': ['Courses::CohortCourse', 'Coaching::Program'] }),
	read('Product: Get', 'product', '/v1/products/31', 'productId', '31'),

	// Purchases
	read('Purchase: Get Many', 'purchase', '/v1/purchases', undefined, undefined, { filters: { active: true, customer_id: '201' } }, { 'filter[active]': 'true', 'filter[customer_id]': '201' }),
	// Dates and amounts (filter[<attribute>_<comparison>]), an attribute condition and a documented sort.
	read('Purchase: Get Many (dates, amount, attribute, sort)', 'purchase', '/v1/purchases', undefined, undefined, {
		filters: {
			created_at_gte: '2024-01-01T00:00:00',
			created_at_lte: '2099-12-31T23:59:59',
			amount_in_cents_gt: 1000,
			amount_in_cents_lt: 10000,
		},
		attributeFilters: { condition: [{ attribute: 'currency', comparison: 'eq', value: 'USD' }] },
		options: { sortBy: 'effective_start_at', sortDirection: 'descending' },
	}, {
		'filter[created_at_gte]': '2024-01-01T00:00:00',
		'filter[created_at_lte]': '2099-12-31T23:59:59',
		'filter[amount_in_cents_gt]': '1000',
		'filter[amount_in_cents_lt]': '10000',
		'filter[currency_eq]': 'USD',
		sort: '-effective_start_at',
	}),
	read('Purchase: Get', 'purchase', '/v1/purchases/301', 'purchaseId', '301'),
	...(
		[
			['deactivate', 'Deactivate', 'deactivate'],
			['reactivate', 'Reactivate', 'reactivate'],
			['cancelSubscription', 'Cancel Subscription', 'cancel_subscription'],
		] as const
	).map(
		([operation, name, path]): KajabiCase => ({
			title: `Purchase: ${name}`,
			parameters: { resource: 'purchase', operation, purchaseId: locator('301') },
			request: { method: 'POST', path: `/v1/purchases/301/${path}` },
			expected: { query: {} },
		}),
	),

	// Sites, transactions, website pages
	read('Site: Get Many', 'site', '/v1/sites', undefined, undefined, { filters: { subdomain_cont: 'yo' } }, { 'filter[subdomain_cont]': 'yo' }),
	read('Site: Get', 'site', '/v1/sites/11', 'siteId', '11'),
	read('Transaction: Get Many', 'transaction', '/v1/transactions', undefined, undefined, {
		filters: { start_date: '2024-12-01T00:00:00', name_or_email: 'John' },
	}, { 'filter[start_date]': '2024-12-01', 'filter[name_or_email]': 'John' }),
	read('Transaction: Get', 'transaction', '/v1/transactions/401', 'transactionId', '401', { options: { include: ['customer'] } }, { include: 'customer' }),
	read('Website Page: Get Many', 'websitePage', '/v1/website_pages', undefined, undefined, {
		filters: { site_id: '11' },
		options: { sortBy: 'created_at', sortDirection: 'descending' },
	}, { 'filter[site_id]': '11', sort: '-created_at' }),
	read('Website Page: Get', 'websitePage', '/v1/website_pages/83', 'websitePageId', '83'),
];
