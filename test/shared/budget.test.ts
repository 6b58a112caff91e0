/**
 * A budget and a share of it (the GetCourse Triggers' half of a school's export budget): a
 * request spends from both or from neither, the share's message names it, and the times a
 * trigger kept across a restart are counted once however often they are given back.
 */
import { BudgetLedger, BudgetSpentError } from '../../nodes/shared/gate';
import { virtualClock } from '../clock';

const HOURS_2 = 2 * 3_600_000;
const budget = () => new BudgetLedger({ requests: 4, windowMs: HOURS_2, label: 'export requests' });
const share = () =>
	new BudgetLedger({ requests: 2, windowMs: HOURS_2, label: 'export requests', title: "The GetCourse Triggers' share" });

test('spent together: both count, and when one has no room neither is spent', () => {
	const whole = budget();
	const half = share();
	BudgetLedger.spendTogether([whole, half]);
	virtualClock.time += 60_000;
	BudgetLedger.spendTogether([whole, half]);
	expect([whole.left(), half.left()]).toEqual([2, 0]);
	let error: unknown;
	try {
		BudgetLedger.spendTogether([whole, half]);
	} catch (failure) {
		error = failure;
	}
	expect(error).toBeInstanceOf(BudgetSpentError);
	expect((error as Error).message).toBe(
		"The GetCourse Triggers' share of 2 export requests per 2 hours is spent; the next request can be sent at 2026-01-01 02:00 UTC",
	);
	// Nothing was taken from the whole budget: the others still have their 2.
	expect(whole.left()).toBe(2);
	whole.spend();
	whole.spend();
	expect(() => whole.spend()).toThrow('The budget of 4 export requests per 2 hours is spent');
});

test('freeAt says when enough units are free, without spending', () => {
	const whole = budget();
	for (let minute = 0; minute < 4; minute++) {
		whole.spend();
		virtualClock.time += 60_000;
	}
	expect(whole.freeAt(1)).toBe(Date.UTC(2026, 0, 1, 2, 0));
	expect(whole.freeAt(2)).toBe(Date.UTC(2026, 0, 1, 2, 1));
	expect(whole.left()).toBe(0);
	expect(whole.spentAfter(virtualClock.time - 150_000)).toBe(2);
});

test('times given back after a restart count once, however often they are given', () => {
	const before = share();
	before.spend();
	virtualClock.time += 1000;
	before.spend();
	const kept = before.times();
	const after = share();
	after.remember(kept);
	after.remember(kept);
	expect(after.times()).toEqual(kept);
	expect(after.left()).toBe(0);
	// Moments outside the window (or in the future, or not numbers) are not counted.
	const other = budget();
	other.remember([virtualClock.time - HOURS_2 - 1, virtualClock.time + 60_000, 'x' as unknown as number]);
	expect(other.left()).toBe(4);
	// Two units spent at the same moment stay two.
	other.remember([virtualClock.time, virtualClock.time]);
	other.remember([virtualClock.time]);
	expect(other.left()).toBe(2);
});
