/**
 * One case per operation of the GetCourse node, for the end-to-end suite (test/e2e/): each
 * runs as its own node in one workflow against a fresh GetCourseMock (users anna 1000 and
 * boris 1001, order number 1003, groups 101/102, a ready export 4999), in this order, and
 * must succeed there. The exact requests and outputs are asserted in import.test.ts and
 * export.test.ts; here `request` is the first request the mock must see.
 */
import type { OperationCase } from '../e2e/cases';
import { READY_EXPORT_ID } from '../mocks/getcourse';

const SINCE = '2020-01-01T00:00:00';

export const getCourseCases: OperationCase[] = [
	{
		title: 'User: Create or Update',
		parameters: {
			resource: 'user',
			operation: 'createOrUpdate',
			email: 'e2e@example.com',
			refreshIfExists: true,
			userDetails: { firstName: 'Ева', city: 'Казань' },
			groups: { group: [{ name: 'Webinar', joinedAt: '2026-01-02T10:00:00' }] },
			userFields: { field: [{ name: 'Telegram', value: '@eva' }] },
			session: { utmSource: 'n8n' },
		},
		request: { method: 'POST', path: '/pl/api/users' },
	},
	{
		title: 'User: Set Groups',
		parameters: { resource: 'user', operation: 'setGroups', userId: '1000', groupNames: ['Покупатели', 'Webinar'] },
		request: { method: 'POST', path: '/pl/api/users' },
	},
	{
		title: 'Order: Create or Update',
		parameters: {
			resource: 'order',
			operation: 'createOrUpdate',
			email: 'anna@example.com',
			productTitle: 'Курс копирайтинга',
			dealCost: 4900,
			orderDetails: { dealStatus: 'new', currency: 'RUB', paymentType: 'CARD' },
		},
		request: { method: 'POST', path: '/pl/api/deals' },
	},
	{
		title: 'Order: Change Status',
		parameters: {
			resource: 'order',
			operation: 'changeStatus',
			statusEmail: 'anna@example.com',
			statusDealNumber: '1003',
			status: 'in_work',
		},
		request: { method: 'POST', path: '/pl/api/deals' },
	},
	{
		// With an order number the node sends refresh_if_exists = 1, as GetCourse asks for an edit.
		title: 'Order: Create or Update (existing order number)',
		parameters: {
			resource: 'order',
			operation: 'createOrUpdate',
			email: 'anna@example.com',
			productTitle: 'Курс копирайтинга',
			dealCost: 4900,
			orderDetails: { dealNumber: '1003' },
		},
		request: { method: 'POST', path: '/pl/api/deals' },
	},
	{
		title: 'Field: Get Many',
		parameters: { resource: 'field', operation: 'getAll' },
		request: { method: 'POST', path: '/pl/api/account/fields' },
	},
	{
		title: 'Group: Get Many',
		parameters: { resource: 'group', operation: 'getAll', returnAll: true },
		request: { method: 'GET', path: '/pl/api/account/groups' },
	},
	{
		title: 'Export: Get Result',
		parameters: { resource: 'export', operation: 'getResult', exportId: String(READY_EXPORT_ID) },
		request: { method: 'GET', path: `/pl/api/account/exports/${READY_EXPORT_ID}` },
	},
	{
		title: 'Export: Export Users',
		parameters: { resource: 'export', operation: 'users', filters: { createdAtFrom: SINCE } },
		request: { method: 'GET', path: '/pl/api/account/users' },
	},
	{
		title: 'Export: Export Orders',
		parameters: { resource: 'export', operation: 'orders', filters: { createdAtFrom: SINCE } },
		request: { method: 'GET', path: '/pl/api/account/deals' },
	},
	{
		title: 'Export: Export Payments',
		parameters: { resource: 'export', operation: 'payments', filters: { createdAtFrom: SINCE } },
		request: { method: 'GET', path: '/pl/api/account/payments' },
	},
	{
		title: 'Export: Export Group Users',
		parameters: {
			resource: 'export',
			operation: 'groupUsers',
			groupId: { __rl: true, mode: 'list', value: '101' },
			filters: { addedAtFrom: SINCE },
		},
		request: { method: 'GET', path: '/pl/api/account/groups/101/users' },
	},
];
