/**
 * One good input item and failing ones per platform, for the On Error checks of the unit
 * suite (test/shared/errorOutput.test.ts) and of the real n8n (test/e2e/suites/failures.ts).
 * Each runs against the platform's mock with its default data; the first input item
 * succeeds, every other one fails.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { customerId } from '../mocks/boomerangme';
import { REMP_COUPONS } from '../mocks/rempCrm';

export interface FailureCase {
	/** The platform's name as test/e2e/platforms.ts has it. */
	platform: string;
	/** What fails, in words. */
	failure: string;
	parameters: INodeParameters;
	/** The inputs: the first succeeds, every other one fails. */
	input: IDataObject[];
	/** The message of each failing input, in order: the exact text, or a pattern. */
	messages: Array<string | RegExp>;
}

/** A resource locator "By ID" with the input item's `id`. */
const byInputId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

export const FAILURE_CASES: FailureCase[] = [
	{
		platform: 'KWIGA',
		failure: 'a 404 and an ID refused before sending',
		parameters: { resource: 'contact', operation: 'get', contactId: byInputId },
		input: [{ id: 1 }, { id: 999 }, { id: 'abc' }],
		messages: ['KWIGA: No query results for model [Contact] 999', 'Contact "abc" is not valid'],
	},
	{
		platform: 'Kajabi',
		failure: 'a 404',
		parameters: { resource: 'contact', operation: 'get', contactId: byInputId },
		input: [{ id: '101' }, { id: '999999' }],
		messages: [/^Kajabi: /],
	},
	{
		platform: 'GetCourse',
		failure: 'an import answered with HTTP 200 and success: false',
		parameters: { resource: 'user', operation: 'setGroups', userId: '={{ $json.id }}', groupNames: ['Webinar'] },
		input: [{ id: '1000' }, { id: '999999' }],
		messages: [/^GetCourse: /],
	},
	{
		platform: 'Boomerangme',
		failure: 'a 404',
		parameters: { resource: 'customer', operation: 'get', customerId: byInputId },
		input: [{ id: customerId(3) }, { id: customerId(999) }],
		messages: [/^Boomerangme: /],
	},
	{
		platform: 'REMP CRM',
		failure: 'a coupon that does not exist, and an empty code refused before sending',
		parameters: { resource: 'coupon', operation: 'activate', code: '={{ $json.code }}' },
		input: [{ code: REMP_COUPONS.fresh }, { code: 'NO-SUCH-COUPON' }, { code: ' ' }],
		messages: [/^REMP CRM: /, 'The Coupon Code is empty'],
	},
];

/** A message is the expected text exactly, or matches the expected pattern. */
export function messageMatches(actual: unknown, expected: string | RegExp): boolean {
	return typeof expected === 'string' ? actual === expected : typeof actual === 'string' && expected.test(actual);
}
