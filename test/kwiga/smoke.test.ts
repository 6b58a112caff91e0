import { interceptHttp, resetHttp } from '../harness';
import { BASE_URL, runKwiga } from './run';

afterEach(resetHttp);

test('get contact', async () => {
	const requests = interceptHttp(BASE_URL, () => ({ status: 200, body: { data: { id: 132 } } }));
	const result = await runKwiga({
		resource: 'contact',
		operation: 'get',
		contactId: { __rl: true, mode: 'id', value: '132' },
	});
	console.log(JSON.stringify(result.error), JSON.stringify(result.items), JSON.stringify(requests, null, 1));
});
