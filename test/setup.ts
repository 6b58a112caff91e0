/** Runs before every unit test file: virtual time for the rate gate, fresh gates per test. */
import { resetGates } from '../nodes/shared/gate';
import { virtualClock } from './clock';

beforeEach(() => virtualClock.install());

afterEach(() => {
	resetGates();
	virtualClock.restore();
});
