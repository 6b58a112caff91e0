/**
 * One case per operation of the REMP CRM node, for the end-to-end suite (test/e2e/): each
 * runs as its own node in one workflow against a fresh RempCrmMock (users admin@crm.test and
 * reader@crm.test, coupons 123456-789ABC-DEFG, SPRING-2026-0001, a used and an expired one),
 * in this order, and must succeed there. The exact requests and outputs are asserted in
 * operations.test.ts; here `request` is the first request the mock must see.
 */
import type { OperationCase } from '../e2e/cases';
import { REMP_COUPONS, REMP_USERS } from '../mocks/rempCrm';

export const rempCases: OperationCase[] = [
	{
		title: 'Coupon: Activate',
		parameters: {
			resource: 'coupon',
			operation: 'activate',
			code: REMP_COUPONS.fresh,
			additionalFields: { notifyUser: true },
		},
		request: { method: 'POST', path: '/api/v1/coupon/activate' },
	},
	{
		title: 'User: Log In',
		parameters: {
			resource: 'user',
			operation: 'logIn',
			email: REMP_USERS.reader.email,
			password: REMP_USERS.reader.password,
		},
		request: { method: 'POST', path: '/api/v1/users/login' },
	},
];
