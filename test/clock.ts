/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * A clock the tests drive: the rate gate's waits (nodes/shared/gate.ts) pass at once in
 * virtual time, once the requests already let through have been answered. Every unit test runs on it (test/setup.ts); the waits taken are
 * recorded in `virtualClock.waits`.
 */
import { clock, traffic } from '../nodes/shared/gate';

const real = { now: clock.now, sleep: clock.sleep };

export const virtualClock = {
	/** Milliseconds since the epoch, as the gate and the mock servers see it. */
	time: Date.UTC(2026, 0, 1),
	/** Every wait the gate took, in milliseconds. */
	waits: [] as number[],
	now: (): number => virtualClock.time,
	install(start = Date.UTC(2026, 0, 1)): void {
		virtualClock.time = start;
		virtualClock.waits = [];
		clock.now = () => virtualClock.time;
		clock.sleep = async (ms: number) => {
			virtualClock.waits.push(ms);
			// Let the requests already let through reach the mock before time jumps.
			const started = Date.now();
			do await new Promise((resolve) => setTimeout(resolve, 5));
			while (traffic.inFlight > 0 && Date.now() - started < 60_000);
			virtualClock.time += ms;
		};
	},
	restore(): void {
		clock.now = real.now;
		clock.sleep = real.sleep;
	},
};
