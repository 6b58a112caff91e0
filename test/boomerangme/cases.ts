/**
 * One case per operation of the Boomerangme node, for the end-to-end suite (test/e2e/): each
 * runs as its own node in one workflow against a fresh BoomerangmeMock (30 customers
 * c0ffee00-…-000000000001 to …030, templates 41400–41407 one per card type, cards
 * 100000-000-000 to 100007-000-000 of the first customer in type order Stamp, Cashback,
 * Multipass, Coupon, Discount, Gift, Membership, Reward, a spare card 109999-000-000,
 * companies 1024/1025, tariffs 12/13, push 5821), in this order, and must succeed there.
 * operations.test.ts asserts each case's exact request; `request` is the first request the
 * mock must see.
 */
import type { OperationCase } from '../e2e/cases';
import { customerId } from '../mocks/boomerangme';

const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

const STAMP = '100000-000-000';
const CASHBACK = '100001-000-000';
const MULTIPASS = '100002-000-000';
const COUPON = '100003-000-000';
const DISCOUNT = '100004-000-000';
const REWARD = '100007-000-000';

const balance = (
	title: string,
	operation: string,
	cardNumber: string,
	action: string,
	extra: Record<string, unknown> = {},
): OperationCase => ({
	title: `Card: ${title}`,
	parameters: { resource: 'card', operation, cardNumber, ...extra },
	request: { method: 'POST', path: `/api/v2/cards/${cardNumber}/${action}` },
});

export const boomerangmeCases: OperationCase[] = [
	// Card
	{
		title: 'Card: Get Many',
		parameters: {
			resource: 'card',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { templateId: 41400, customerEmail: 'customer1@example.com' },
		},
		request: { method: 'GET', path: '/api/v2/cards' },
	},
	{
		title: 'Card: Get',
		parameters: { resource: 'card', operation: 'get', cardNumber: STAMP },
		request: { method: 'GET', path: `/api/v2/cards/${STAMP}` },
	},
	{
		title: 'Card: Issue',
		parameters: {
			resource: 'card',
			operation: 'issue',
			templateId: locator('41401', 'list'),
			customerId: locator(customerId(2), 'list'),
		},
		request: { method: 'POST', path: '/api/v2/cards' },
	},
	balance('Add Amount', 'addAmount', CASHBACK, 'add-transaction-amount', {
		amount: 12.5,
		balanceFields: { comment: 'Receipt 1001', purchaseSum: 250 },
	}),
	balance('Subtract Amount', 'subtractAmount', CASHBACK, 'subtract-transaction-amount', { amount: 2.5 }),
	balance('Add Points', 'addPoints', DISCOUNT, 'add-point', { amount: 40 }),
	balance('Subtract Points', 'subtractPoints', DISCOUNT, 'subtract-point', { amount: 10 }),
	balance('Add Rewards', 'addRewards', STAMP, 'add-reward', { amount: 2 }),
	balance('Subtract Rewards', 'subtractRewards', STAMP, 'subtract-reward', { amount: 1 }),
	balance('Add Scores', 'addScores', REWARD, 'add-scores', { amount: 30 }),
	balance('Subtract Scores', 'subtractScores', REWARD, 'subtract-scores', { amount: 5 }),
	balance('Add Stamps', 'addStamps', STAMP, 'add-stamp', { amount: 3, balanceFields: { comment: 'Latte' } }),
	balance('Subtract Stamps', 'subtractStamps', STAMP, 'subtract-stamp', { amount: 1 }),
	balance('Add Visits', 'addVisits', MULTIPASS, 'add-visit', { amount: 10 }),
	balance('Subtract Visits', 'subtractVisits', MULTIPASS, 'subtract-visit', { amount: 1 }),
	balance('Add Purchase', 'addPurchase', REWARD, 'add-purchase', { amount: 19.9 }),
	balance('Receive Reward', 'receiveReward', REWARD, 'receive-reward', { balanceFields: { comment: 'Free coffee' } }),
	balance('Redeem Coupon', 'redeemCoupon', COUPON, 'redeem-coupon'),
	{
		title: 'Card: Delete',
		parameters: { resource: 'card', operation: 'delete', cardNumber: '109999-000-000' },
		request: { method: 'DELETE', path: '/api/v2/cards/109999-000-000' },
	},

	// Customer
	{
		title: 'Customer: Get Many',
		parameters: {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'customer3@example.com' },
		},
		request: { method: 'GET', path: '/api/v2/customers' },
	},
	{
		title: 'Customer: Get',
		parameters: { resource: 'customer', operation: 'get', customerId: locator(customerId(3), 'list') },
		request: { method: 'GET', path: `/api/v2/customers/${customerId(3)}` },
	},
	{
		title: 'Customer: Create',
		parameters: {
			resource: 'customer',
			operation: 'create',
			firstName: 'Anna',
			additionalFields: {
				surname: 'Smith',
				email: 'anna.smith@example.com',
				phone: '+14155550999',
				gender: 2,
				dateOfBirth: '1990-05-17T00:00:00',
				externalUserId: 'crm-42',
			},
		},
		request: { method: 'POST', path: '/api/v2/customers' },
	},
	{
		title: 'Customer: Update',
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: locator(customerId(4)),
			updateFields: { phone: '+14155550444', firstName: 'Dana' },
		},
		request: { method: 'PATCH', path: `/api/v2/customers/${customerId(4)}` },
	},
	{
		title: 'Customer: Delete',
		parameters: { resource: 'customer', operation: 'delete', customerId: locator(customerId(30)) },
		request: { method: 'DELETE', path: `/api/v2/customers/${customerId(30)}` },
	},

	// Company
	{
		title: 'Company: Get Many',
		parameters: { resource: 'company', operation: 'getAll', returnAll: true },
		request: { method: 'GET', path: '/api/v2/companies' },
	},
	{
		title: 'Company: Get',
		parameters: { resource: 'company', operation: 'get', companyId: '1024' },
		request: { method: 'GET', path: '/api/v2/companies/1024' },
	},
	{
		title: 'Company: Create',
		parameters: {
			resource: 'company',
			operation: 'create',
			name: 'Tea Time',
			additionalFields: { email: 'owner@tea.example' },
		},
		request: { method: 'POST', path: '/api/v2/companies' },
	},
	{
		title: 'Company: Update',
		parameters: {
			resource: 'company',
			operation: 'update',
			companyId: '1025',
			updateFields: { email: 'books@books.example' },
		},
		request: { method: 'PATCH', path: '/api/v2/companies/1025' },
	},
	{
		title: 'Company: Change Tariff',
		parameters: { resource: 'company', operation: 'changeTariff', companyId: '1024', tariffId: 13 },
		request: { method: 'POST', path: '/api/v2/companies/1024/change-tariff' },
	},

	// Operation
	{
		title: 'Operation: Get Many',
		parameters: { resource: 'operation', operation: 'getAll', returnAll: true, filters: { templateId: 41400 } },
		request: { method: 'GET', path: '/api/v2/operations' },
	},

	// Push
	{
		title: 'Push: Get Many',
		parameters: { resource: 'push', operation: 'getAll', returnAll: false, limit: 10 },
		request: { method: 'GET', path: '/api/v2/pushes' },
	},
	{
		title: 'Push: Get',
		parameters: { resource: 'push', operation: 'get', pushId: '5821' },
		request: { method: 'GET', path: '/api/v2/pushes/5821' },
	},
	{
		title: 'Push: Send',
		parameters: {
			resource: 'push',
			operation: 'send',
			templateId: locator('41400', 'list'),
			message: 'Double stamps today only!',
		},
		request: { method: 'POST', path: '/api/v2/pushes' },
	},

	// Tariff
	{
		title: 'Tariff: Get Many',
		parameters: { resource: 'tariff', operation: 'getAll', returnAll: true },
		request: { method: 'GET', path: '/api/v2/tariffs' },
	},
	{
		title: 'Tariff: Get',
		parameters: { resource: 'tariff', operation: 'get', tariffId: '12' },
		request: { method: 'GET', path: '/api/v2/tariffs/12' },
	},

	// Template
	{
		title: 'Template: Get Many',
		parameters: { resource: 'template', operation: 'getAll', returnAll: true },
		request: { method: 'GET', path: '/api/v2/templates' },
	},
	{
		title: 'Template: Get',
		parameters: { resource: 'template', operation: 'get', templateId: locator('41400') },
		request: { method: 'GET', path: '/api/v2/templates/41400' },
	},
];
