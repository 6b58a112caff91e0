/**
 * The rate gate's "give up after 10 minutes of nothing but too many requests" counts only
 * refusals that follow one another: an answered 503 to a write pauses the credential's
 * requests but starts no count, and a count nobody continued does not carry over to a later
 * run. On the virtual clock (test/clock.ts), through KWIGA's node.
 */
import { virtualClock } from '../clock';
import type { RecordedRequest } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { BASE_URL, runKwiga } from '../kwiga/run';

afterEach(resetHttp);

const read = { resource: 'timezone', operation: 'getAll', returnAll: true };
const write = { resource: 'contact', operation: 'addTags', contactIds: '1', tags: 'vip' };

const unavailable = { status: 503, body: { message: 'Service Unavailable' }, headers: { 'Retry-After': '5' } };
const throttled = { status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '60' } };
const timezones = { status: 200, body: { data: [{ id: 1, name: 'Europe/Kyiv' }] } };

/** Serves `answers` in turn to the requests the test looks at, then `timezones`. */
function serve(answers: Array<typeof unavailable>): RecordedRequest[] {
	const queue = [...answers];
	return interceptHttp(BASE_URL, () => queue.shift() ?? timezones);
}

test('a 503 to a write pauses, but starts no count: a read throttled for 6 minutes 5 minutes later still gets through', async () => {
	// The write's 503, then six minutes of 429 to the read (one a minute), then its answer.
	const requests = serve([unavailable, ...Array(6).fill(throttled)]);
	const failed = await runKwiga(write);
	expect(failed.error?.message).toBe('KWIGA: Service Unavailable');
	virtualClock.time += 5 * 60_000;

	const later = await runKwiga(read);

	expect(later.error).toBeUndefined();
	expect(later.items.map((item) => item.json)).toEqual([{ id: 1, name: 'Europe/Kyiv' }]);
	expect(requests).toHaveLength(8);
	expect(virtualClock.waits).toEqual(Array(6).fill(60_000));
});

test('a write\'s 503 makes the credential\'s next request wait out its Retry-After', async () => {
	const requests = serve([unavailable]);
	await runKwiga(write);
	const started = virtualClock.time;

	const later = await runKwiga(read);

	expect(later.error).toBeUndefined();
	expect(virtualClock.time - started).toBe(5000);
	expect(requests).toHaveLength(2);
});

test('a run that gave up after 10 minutes of 429 does not make a later run\'s first 429 fail at once', async () => {
	const requests = serve(Array(11).fill(throttled));
	const gaveUp = await runKwiga(read);
	expect(gaveUp.error?.message).toBe('KWIGA: Too Many Attempts.');
	expect(requests).toHaveLength(11);

	// An hour later the platform says "too many requests" once more, then answers.
	virtualClock.time += 60 * 60_000;
	virtualClock.waits = [];
	resetHttp();
	const later = serve([throttled]);
	const run = await runKwiga(read);

	expect(run.error).toBeUndefined();
	expect(later).toHaveLength(2);
	expect(virtualClock.waits).toEqual([60_000]);
});
