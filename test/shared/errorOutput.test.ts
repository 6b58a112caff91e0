/**
 * Every platform, under each of n8n's three On Error settings, with one good item and
 * failing ones (the platform's own error, input refused before sending, a 2xx answer that
 * is really a failure, a rate limit given up on): which output each item leaves by, paired
 * with which input item, in which json shape.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunOptions, RunResult } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { BASE_URL as BOOMERANGME_URL, runBoomerangme } from '../boomerangme/run';
import { BASE_URL as GETCOURSE_URL, runGetCourse } from '../getcourse/run';
import { BASE_URL as KAJABI_URL, resetKajabi, runKajabi } from '../kajabi/run';
import { BASE_URL as KWIGA_URL, runKwiga } from '../kwiga/run';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { GetCourseMock } from '../mocks/getcourse';
import { KajabiMock } from '../mocks/kajabi';
import { KwigaMock } from '../mocks/kwiga';
import { RempCrmMock } from '../mocks/rempCrm';
import { BASE_URL as REMP_URL, runRemp } from '../remp/run';
import type { FailureCase } from './failureCases';
import { FAILURE_CASES } from './failureCases';

type Run = (
	parameters: INodeParameters,
	options: { input?: IDataObject[]; onError?: RunOptions['onError'] },
) => Promise<RunResult>;

/** How each platform's node is run against its mock here. */
const RUNNERS: Record<string, { run: Run; mount: () => void }> = {
	KWIGA: { run: runKwiga, mount: () => void interceptHttp(KWIGA_URL, new KwigaMock().handle) },
	Kajabi: { run: runKajabi, mount: () => void interceptHttp(KAJABI_URL, new KajabiMock().handle) },
	GetCourse: { run: runGetCourse, mount: () => void interceptHttp(GETCOURSE_URL, new GetCourseMock().handle) },
	Boomerangme: { run: runBoomerangme, mount: () => void interceptHttp(BOOMERANGME_URL, new BoomerangmeMock().handle) },
	'REMP CRM': { run: runRemp, mount: () => void interceptHttp(REMP_URL, new RempCrmMock().handle) },
};

interface Case extends FailureCase {
	run: Run;
	mount: () => void;
}

const CASES: Case[] = [
	...FAILURE_CASES.map((failure) => ({ ...failure, ...RUNNERS[failure.platform] })),
	{
		platform: 'KWIGA',
		failure: 'a rate limit that never lifts (given up after 10 minutes)',
		run: runKwiga,
		mount: () => {
			const mock = new KwigaMock();
			interceptHttp(KWIGA_URL, (request) =>
				request.path === '/contacts/2'
					? { status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '60' } }
					: mock.handle(request),
			);
		},
		parameters: { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		input: [{ id: 1 }, { id: 2 }],
		messages: ['KWIGA: Too Many Attempts.'],
	},
];

const paired = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);

function expectMessage(actual: unknown, expected: string | RegExp): void {
	if (typeof expected === 'string') expect(actual).toBe(expected);
	else expect(actual).toMatch(expected);
}

afterEach(() => {
	resetHttp();
	resetKajabi();
});

describe.each(CASES)('$platform, $failure', ({ run, mount, parameters, input, messages }) => {
	const failing = input.slice(1).map((_, index) => ({ item: index + 1 }));

	test('Continue (using error output): the good item on the success output, each failed one on the error output', async () => {
		mount();
		const result = await run(parameters, { input, onError: 'continueErrorOutput' });

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(2);
		const [success, failed] = result.outputs;
		expect(paired(success)).toEqual([{ item: 0 }]);
		expect(success[0].json.error).toBeUndefined();
		expect(paired(failed)).toEqual(failing);
		for (const [index, item] of failed.entries()) {
			// The input's fields, then the error: n8n keeps the failed input item's json beside it.
			expect(item.json).toMatchObject(input[index + 1]);
			expectMessage(item.json.error, messages[index]);
			expect(typeof item.json.message).toBe('string');
		}
	});

	test('Continue (regular output): every item on the one output, failures as { error, description, httpCode }', async () => {
		mount();
		const result = await run(parameters, { input, onError: 'continueRegularOutput' });

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		const [items] = result.outputs;
		expect(paired(items)).toEqual([{ item: 0 }, ...failing]);
		for (const [index, item] of items.slice(1).entries()) {
			expect(Object.keys(item.json).sort()).toEqual(['description', 'error', 'httpCode']);
			expectMessage(item.json.error, messages[index]);
		}
	});

	test('Stop Workflow: the node fails with the first failing item\'s message', async () => {
		mount();
		const result = await run(parameters, { input, onError: 'stopWorkflow' });

		expectMessage(result.error?.message, messages[0]);
	});
});
