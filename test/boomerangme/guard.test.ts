/**
 * Balance operations move money-like values: amounts are checked before anything is sent,
 * each operation says which card types it applies to, and a refusal for the wrong card type
 * says so.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BALANCE_ACTIONS } from '../../nodes/Boomerangme/cards';
import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { BASE_URL, runBoomerangme } from './run';

afterEach(resetHttp);

const withAmount = BALANCE_ACTIONS.filter((balance) => balance.amountKey);

describe('card types', () => {
	const cardOptions = new Boomerangme().description.properties
		.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'card')
		.flatMap((p) => p.options as INodePropertyOptions[]);
	const describe = (operation: string) =>
		String(cardOptions.find((option) => option.value === operation)?.description);

	it.each([
		['addAmount', ['cashback']],
		['subtractAmount', ['cashback']],
		['addPoints', ['discount', 'cashback', 'gift certificate']],
		['subtractPoints', ['discount', 'cashback', 'gift certificate']],
		['addRewards', ['stamp']],
		['subtractRewards', ['stamp']],
		['addScores', ['reward', 'multipass']],
		['subtractScores', ['reward', 'multipass']],
		['addStamps', ['stamp']],
		['subtractStamps', ['stamp']],
		['addVisits', ['multipass', 'membership', 'stamp', 'reward']],
		['subtractVisits', ['multipass', 'membership']],
		['addPurchase', ['stamp', 'reward']],
		['receiveReward', ['reward']],
		['redeemCoupon', ['coupon']],
	])('%s says it applies to %j', (operation, types) => {
		const text = describe(operation);
		for (const type of types) expect(text).toContain(type);
		const others = ['stamp', 'cashback', 'multipass', 'coupon', 'discount', 'gift certificate', 'membership', 'reward'].filter(
			(type) => !types.includes(type),
		);
		for (const type of others) expect(text).not.toContain(type);
	});

	it('a card of another type: Boomerangme refuses and the error says which cards the operation is for', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({
			resource: 'card',
			operation: 'addStamps',
			cardNumber: '100001-000-000', // a Cashback card
			amount: 1,
		});
		expect(result.error).toMatchObject({
			message: 'Boomerangme: This operation is not available for a cashback card',
			httpCode: '400',
		});
		expect(result.error?.description).toContain('Add Stamps applies to stamp cards only');
	});
});

describe('amounts are checked before sending', () => {
	it.each(withAmount.flatMap((balance) => [[balance.operation, 0], [balance.operation, -5]] as const))(
		'%s with %d fails and sends nothing',
		async (operation, amount) => {
			const mock = new BoomerangmeMock();
			const requests = interceptHttp(BASE_URL, mock.handle);
			const result = await runBoomerangme({ resource: 'card', operation, cardNumber: '100000-000-000', amount });
			expect(requests).toHaveLength(0);
			expect(result.error?.message).toMatch(/ must be a (whole )?number greater than 0; got -?\d+$/);
			expect(result.error?.description).toContain('Nothing was sent to Boomerangme');
		},
	);

	it('a fraction of a stamp fails', async () => {
		const requests = interceptHttp(BASE_URL, new BoomerangmeMock().handle);
		const result = await runBoomerangme({ resource: 'card', operation: 'addStamps', cardNumber: '100000-000-000', amount: 1.5 });
		expect(requests).toHaveLength(0);
		expect(result.error?.message).toBe('Stamps must be a whole number greater than 0; got 1.5');
	});

	it('an amount from an expression that is not a number fails', async () => {
		const requests = interceptHttp(BASE_URL, new BoomerangmeMock().handle);
		const result = await runBoomerangme(
			{ resource: 'card', operation: 'addPoints', cardNumber: '100004-000-000', amount: '={{ $json.points }}' },
			{ input: [{ points: 'ten' }] },
		);
		expect(requests).toHaveLength(0);
		expect(result.error).toBeDefined();
	});

	it('a number given as text is sent as a number', async () => {
		const requests = interceptHttp(BASE_URL, new BoomerangmeMock().handle);
		const result = await runBoomerangme(
			{ resource: 'card', operation: 'addPoints', cardNumber: '100004-000-000', amount: '={{ $json.points }}' },
			{ input: [{ points: '12.5' }] },
		);
		expect(result.error).toBeUndefined();
		expect(requests[0].body).toEqual({ points: 12.5 });
	});

	it('with Continue On Fail, the bad item fails alone and the others are sent', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(
			{ resource: 'card', operation: 'addStamps', cardNumber: '100000-000-000', amount: '={{ $json.stamps }}' },
			{ input: [{ stamps: 2 }, { stamps: 0 }, { stamps: 1 }], continueOnFail: true },
		);
		expect(requests.map((r) => r.body)).toEqual([{ stamps: 2 }, { stamps: 1 }]);
		expect(result.items[1]).toEqual({
			json: {
				error: 'Stamps must be a whole number greater than 0; got 0',
				description: expect.stringContaining('Nothing was sent to Boomerangme'),
				httpCode: null,
			},
			pairedItem: { item: 1 },
		});
		expect((mock.cardOf('stamp').balance as { numberStampsTotal: number }).numberStampsTotal).toBe(3);
	});
});

describe('card numbers are checked before sending', () => {
	it.each(['100000-000-000/../../customers', '../templates', 'ABC 123', '100000-000-000?x=1'])('%j fails and sends nothing', async (cardNumber) => {
		const requests = interceptHttp(BASE_URL, new BoomerangmeMock().handle);
		const result = await runBoomerangme({ resource: 'card', operation: 'addStamps', cardNumber, amount: 1 });
		expect(requests).toHaveLength(0);
		expect(result.error?.message).toMatch(/^Card Number ".*" is not valid$/);
		expect(result.error?.description).toContain('939829-317-169');
	});
});
