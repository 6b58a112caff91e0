/** Runs before every unit test file: virtual time for the rate gate; fresh gates, budgets, refused tokens and kept group lists per test. */
import { forgetGroupLists } from '../nodes/GetCourse/methods';
import { resetGates } from '../nodes/shared/gate';
import { forgetRefusedTokens } from '../nodes/shared/tokens';
import { virtualClock } from './clock';

beforeEach(() => virtualClock.install());

afterEach(() => {
	resetGates();
	forgetGroupLists();
	forgetRefusedTokens();
	virtualClock.restore();
});
