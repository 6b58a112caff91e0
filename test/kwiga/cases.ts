/**
 * One case per operation of the KWIGA node, for the end-to-end suite (test/e2e/): each runs
 * as its own node in one workflow against a fresh KwigaMock (30 contacts, products 299/300,
 * offers 18/19, courses 200–219, contact lists 1/2, coupon 3 "SPRING", certificate
 * 1986-0001), in this order, and must succeed there. The exact requests and outputs are
 * asserted in operations.test.ts; here `request` is the first request the mock must see.
 */
import type { OperationCase } from '../e2e/cases';

const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

export const kwigaCases: OperationCase[] = [
	// Contact
	{
		title: 'Contact: Get Many',
		parameters: {
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { search: 'example.com' },
			options: { withOffers: true, sort: 'asc' },
		},
		request: { method: 'GET', path: '/contacts' },
	},
	{
		title: 'Contact: Get',
		parameters: { resource: 'contact', operation: 'get', contactId: locator('3', 'list') },
		request: { method: 'GET', path: '/contacts/3' },
	},
	{
		title: 'Contact: Create',
		parameters: {
			resource: 'contact',
			operation: 'create',
			email: 'new.student@example.com',
			additionalFields: {
				firstName: 'James',
				lastName: 'Bond',
				phone: '+380931234567',
				sendActivationEmail: false,
				customFields: { field: [{ fieldId: 17, value: 'from the e2e suite' }] },
			},
		},
		request: { method: 'POST', path: '/contacts' },
	},
	{
		title: 'Contact: Add Purchase',
		parameters: {
			resource: 'contact',
			operation: 'addPurchase',
			email: 'student1@example.com',
			offerId: locator('18', 'list'),
			purchaseFields: { firstName: 'Student1', sendActivationEmail: false },
		},
		request: { method: 'POST', path: '/contacts/purchases' },
	},
	{
		title: 'Contact: Update',
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: locator('5'),
			updateFields: { firstName: 'John', lastName: 'Black', tags: 'vip, e2e' },
		},
		request: { method: 'PUT', path: '/contacts/5' },
	},
	{
		title: 'Contact: Add Tags',
		parameters: { resource: 'contact', operation: 'addTags', contactIds: '1, 2', tags: 'webinar' },
		request: { method: 'POST', path: '/contacts/tags' },
	},
	{
		title: 'Contact: Remove Tags',
		parameters: { resource: 'contact', operation: 'removeTags', contactIds: '1', tags: 'webinar' },
		request: { method: 'DELETE', path: '/contacts/tags' },
	},
	{
		title: 'Contact: Get Products',
		parameters: { resource: 'contact', operation: 'getProducts', contactId: locator('3') },
		request: { method: 'GET', path: '/contacts/3/products' },
	},
	{
		title: 'Contact: Remove Product',
		parameters: { resource: 'contact', operation: 'removeProduct', contactId: locator('3'), productId: locator('299') },
		request: { method: 'DELETE', path: '/contacts/3/products/299' },
	},
	{
		title: 'Contact: Remove Products in Bulk',
		parameters: {
			resource: 'contact',
			operation: 'removeProducts',
			email: 'student2@example.com',
			bulkProductId: locator('299'),
			offerIds: [18],
		},
		request: { method: 'DELETE', path: '/contacts/products' },
	},

	// Product
	{
		title: 'Product: Get Many',
		parameters: { resource: 'product', operation: 'getAll', returnAll: true, options: { sortBy: 'asc' } },
		request: { method: 'GET', path: '/products' },
	},

	// Course
	{
		title: 'Course: Get Many',
		parameters: {
			resource: 'course',
			operation: 'getAll',
			returnAll: true,
			options: { with: ['offers', 'description', 'program'], sortBy: 'desc' },
		},
		request: { method: 'GET', path: '/courses' },
	},
	{
		title: 'Course: Get Participants',
		parameters: {
			resource: 'course',
			operation: 'getParticipants',
			courseId: locator('200'),
			returnAll: false,
			limit: 10,
			filters: { progressFrom: 0, progressTo: 100 },
			participantOptions: { include: ['lesson_progress', 'course_program'] },
		},
		request: { method: 'GET', path: '/courses/200/users' },
	},

	// Offer
	{
		title: 'Offer: Get Many',
		parameters: { resource: 'offer', operation: 'getAll', returnAll: true, filters: { productId: locator('299') } },
		request: { method: 'GET', path: '/offers' },
	},
	{
		title: 'Offer: Get',
		parameters: { resource: 'offer', operation: 'get', offerId: locator('18') },
		request: { method: 'GET', path: '/offers/18' },
	},

	// Contact list
	{
		title: 'Contact List: Get Many',
		parameters: { resource: 'contactList', operation: 'getAll', returnAll: false, limit: 10 },
		request: { method: 'GET', path: '/mailing/contact-lists' },
	},
	{
		title: 'Contact List: Get',
		parameters: { resource: 'contactList', operation: 'get', listId: locator('1') },
		request: { method: 'GET', path: '/mailing/contact-lists/1' },
	},
	{
		title: 'Contact List: Create',
		parameters: {
			resource: 'contactList',
			operation: 'create',
			title: 'Webinar sign-ups',
			additionalFields: { description: 'From the e2e suite' },
		},
		request: { method: 'POST', path: '/mailing/contact-lists' },
	},
	{
		title: 'Contact List: Add Contacts',
		parameters: { resource: 'contactList', operation: 'addContacts', listIds: ['1', '2'], contactIds: '2, 5' },
		request: { method: 'POST', path: '/mailing/contact-lists/bulk-contacts' },
	},

	// Coupon
	{
		title: 'Coupon: Get Many',
		parameters: {
			resource: 'coupon',
			operation: 'getAll',
			returnAll: true,
			filters: { dateFrom: '2022-04-15T00:00:00', dateTo: '2030-12-31T00:00:00' },
		},
		request: { method: 'GET', path: '/coupons' },
	},
	{
		title: 'Coupon: Get',
		parameters: { resource: 'coupon', operation: 'get', couponId: '3' },
		request: { method: 'GET', path: '/coupons/3' },
	},
	{
		title: 'Coupon: Create',
		parameters: {
			resource: 'coupon',
			operation: 'create',
			code: 'E2E-COUPON',
			discountType: 'discount_with_percent',
			reward: 15,
			additionalFields: {
				expiresAt: '2030-12-31T23:59:59',
				timezoneId: '375',
				totalUses: 100,
				totalUsesPerUser: 1,
				offerIds: ['18'],
			},
		},
		request: { method: 'POST', path: '/coupons' },
	},
	{
		title: 'Coupon: Check',
		parameters: { resource: 'coupon', operation: 'check', code: 'SPRING', price: 65 },
		request: { method: 'POST', path: '/coupons/check' },
	},

	// Certificate
	{
		title: 'Certificate: Get by Number',
		parameters: { resource: 'certificate', operation: 'getByNumber', number: '1986-0001' },
		request: { method: 'GET', path: '/certificates/by-number/1986-0001' },
	},

	// Time zone
	{
		title: 'Time Zone: Get Many',
		parameters: { resource: 'timezone', operation: 'getAll', returnAll: true },
		request: { method: 'GET', path: '/timezones' },
	},
];
