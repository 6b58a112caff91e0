/** Every case of the end-to-end suite runs OK against a fresh mock through the unit harness too. */
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { GetCourseMock } from '../mocks/getcourse';
import { getCourseCases } from './cases';
import { BASE_URL, KEY, runGetCourse, TODAY } from './run';

afterEach(resetHttp);

test('the cases cover every operation of the node', () => {
	const operations = new GetCourse().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map(
				(option) => `${String(property.displayOptions!.show!.resource![0])}:${option.value}`,
			),
		);
	const covered = getCourseCases.map((entry) => `${String(entry.parameters.resource)}:${String(entry.parameters.operation)}`);
	expect(new Set(covered)).toEqual(new Set(operations));
});

test('every case runs OK, in order, against one fresh mock, and sends the expected first request', async () => {
	virtualClock.install(TODAY);
	const mock = new GetCourseMock({ now: virtualClock.now });
	interceptHttp(BASE_URL, mock.handle);
	for (const entry of getCourseCases) {
		const before = mock.requests.length;
		const { items, error } = await runGetCourse(entry.parameters);
		expect([entry.title, error?.message]).toEqual([entry.title, undefined]);
		expect([entry.title, items.length > 0]).toEqual([entry.title, true]);
		// The end-to-end suite reads an item with an `error` key as a failed one.
		expect([entry.title, items.filter((item) => item.json.error !== undefined)]).toEqual([entry.title, []]);
		const first = mock.requests[before];
		expect([entry.title, first.method, first.path]).toEqual([entry.title, entry.request.method, entry.request.path]);
		const key = first.method === 'GET' ? first.query.key : new URLSearchParams(String(first.body)).get('key');
		expect(key).toBe(KEY);
	}
});
