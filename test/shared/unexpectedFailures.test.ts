/**
 * Failures that bring no words of their own — a node error without HTTP code or description
 * (a cancelled item), a TypeError from a fault in the node, a thrown value that is no error —
 * still leave by the error output under "Continue (using error output)", with a message that is
 * not empty: n8n keeps `{ error, message: "" }` on the success output.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as request from '../../nodes/shared/request';
import { interceptHttp, resetHttp } from '../harness';
import { BASE_URL, runKwiga } from '../kwiga/run';
import { KwigaMock } from '../mocks/kwiga';

const parameters = {
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
};
const input = [{ id: 1 }, { id: 2 }];
const node = { name: 'KWIGA', type: 'kwiga', typeVersion: 1, parameters: {}, position: [0, 0] } as unknown as INode;

/** What the second item's request throws, instead of being sent. */
const THROWN: Array<[string, () => unknown, string]> = [
	['a node error without HTTP code or description', () => new NodeOperationError(node, 'Cancelled: the execution was stopped'), 'Cancelled: the execution was stopped'],
	['a node error without any words', () => new NodeOperationError(node, ''), request.UNEXPECTED],
	['a TypeError (a fault in the node)', () => new TypeError("Cannot read properties of undefined (reading 'id')"), "Cannot read properties of undefined (reading 'id')"],
	['an Error with an empty message', () => new Error(''), request.UNEXPECTED],
	['undefined', () => undefined, request.UNEXPECTED],
	['a number', () => 42, request.UNEXPECTED],
];

afterEach(() => {
	resetHttp();
	jest.restoreAllMocks();
});

function failSecondItem(thrown: () => unknown): void {
	interceptHttp(BASE_URL, new KwigaMock().handle);
	const real = request.platformRequest;
	jest.spyOn(request, 'platformRequest').mockImplementation(async (ctx, spec, options, itemIndex) => {
		if (String(options.url).endsWith('/contacts/2')) throw thrown();
		return await real(ctx, spec, options, itemIndex);
	});
}

describe.each(THROWN)('%s', (_name, thrown, words) => {
	test('Continue (using error output): on the error output, paired, with a message', async () => {
		failSecondItem(thrown);
		const result = await runKwiga(parameters, { input, onError: 'continueErrorOutput' });

		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed[0].json.error).toBe(words);
		expect(String(failed[0].json.message).trim()).not.toBe('');
	});

	test('Continue (regular output): one item with the words', async () => {
		failSecondItem(thrown);
		const result = await runKwiga(parameters, { input, onError: 'continueRegularOutput' });

		expect(result.error).toBeUndefined();
		const [items] = result.outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[1].json.error).toBe(words);
	});

	test('Stop Workflow: the node fails with the words', async () => {
		failSecondItem(thrown);
		const result = await runKwiga(parameters, { input, onError: 'stopWorkflow' });

		expect(result.error?.message).toBe(words);
	});
});
