/**
 * Failures where users route them, in a real n8n, for every platform's node:
 *  - "Continue (using error output)": a good and failing items (test/shared/failureCases.ts),
 *    both outputs wired; the good item leaves by the success output, each failed one by the
 *    error output, paired with its input; "Continue (regular output)": all on one output,
 *    failures as { error, description, httpCode };
 *  - redirects: the credential's address answers 302 to a second server that records
 *    everything it gets; the node's item fails naming the redirect, the credential test
 *    fails, and the second server receives nothing.
 * Every platform gets fresh mocks of its own here (the shared ones are changed by the
 * operations run), and one workflow runs it all with one `n8n execute`.
 */
import { randomUUID } from 'node:crypto';

import type { RecordedRequest } from '../../harness';
import { FAILURE_CASES, messageMatches } from '../../shared/failureCases';
import type { E2eEnv } from '../env';
import type { RunOutput } from '../n8n';
import { latestVersion, nodeDescription } from '../nodes';
import { platforms } from '../platforms';

export const title = 'Failures: error output, redirects';

const WORKFLOW_ID = 'ccfailures000000';
const credentialId = (index: number, kind: 'ok' | 'redir') => `ccf${index}${kind}`.padEnd(16, '0');

/** The node names of one platform in the workflow. */
const names = (platform: string) => ({
	input: `${platform} inputs`,
	errorOutput: `${platform} with error output`,
	succeeded: `${platform} succeeded`,
	failed: `${platform} failed`,
	regular: `${platform} with regular output`,
	redirect: `${platform} behind a redirect`,
});

type RunData = RunOutput['data']['resultData']['runData'];
type OutputItem = { json: Record<string, unknown>; pairedItem?: { item: number } };

function outputsOf(runData: RunData | undefined, node: string): OutputItem[][] {
	return (runData?.[node]?.[0]?.data?.main ?? []) as unknown as OutputItem[][];
}

export default function failures(env: E2eEnv): void {
	let runData: RunData | undefined;
	/** What the second server (where every redirect points) received. */
	const stolen: RecordedRequest[] = [];
	const redirectCredentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }> = [];

	beforeAll(async () => {
		const elsewhere = await env.serveMock((request) => {
			stolen.push(request);
			return { status: 200, body: { data: [], success: true } };
		});
		const redirector = await env.serveMock((request) => ({
			status: 302,
			body: {},
			headers: { Location: `${elsewhere.url}/collect${request.path}?from=redirect` },
		}));
		const credentials: unknown[] = [];
		const nodes: unknown[] = [];
		const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {};
		const trigger = 'Manual Trigger';
		const fromTrigger: Array<{ node: string; type: string; index: number }> = [];
		for (const [index, failure] of FAILURE_CASES.entries()) {
			const platform = platforms.find((candidate) => candidate.name === failure.platform)!;
			const mock = platform.mock();
			const served = await env.serveMock(mock.handle);
			const ok = { id: credentialId(index, 'ok'), name: `${platform.name} (failures)` };
			const redirect = { id: credentialId(index, 'redir'), name: `${platform.name} (redirect)` };
			const redirectData = platform.credentials(mock, redirector.url);
			credentials.push(
				{ ...ok, type: platform.credentialType, data: platform.credentials(mock, served.url) },
				{ ...redirect, type: platform.credentialType, data: redirectData },
			);
			redirectCredentials.push({ ...redirect, type: platform.credentialType, data: redirectData });
			const node = names(platform.name);
			const y = index * 400;
			const ours = (name: string, onError: string, credential: { id: string; name: string }, position: number[]) => ({
				id: randomUUID(),
				name,
				type: platform.nodeType,
				typeVersion: latestVersion(nodeDescription(platform.nodeType)),
				position,
				parameters: failure.parameters,
				credentials: { [platform.credentialType]: credential },
				onError,
			});
			const noOp = (name: string, position: number[]) => ({
				id: randomUUID(),
				name,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position,
				parameters: {},
			});
			nodes.push(
				{
					id: randomUUID(),
					name: node.input,
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [200, y],
					parameters: { jsCode: `return ${JSON.stringify(failure.input.map((json) => ({ json })))};` },
				},
				ours(node.errorOutput, 'continueErrorOutput', ok, [450, y]),
				noOp(node.succeeded, [700, y]),
				noOp(node.failed, [700, y + 120]),
				ours(node.regular, 'continueRegularOutput', ok, [450, y + 240]),
				ours(node.redirect, 'continueRegularOutput', redirect, [450, y + 360]),
			);
			fromTrigger.push({ node: node.input, type: 'main', index: 0 });
			connections[node.input] = {
				main: [[
					{ node: node.errorOutput, type: 'main', index: 0 },
					{ node: node.regular, type: 'main', index: 0 },
					{ node: node.redirect, type: 'main', index: 0 },
				]],
			};
			connections[node.errorOutput] = {
				main: [[{ node: node.succeeded, type: 'main', index: 0 }], [{ node: node.failed, type: 'main', index: 0 }]],
			};
		}
		connections[trigger] = { main: [fromTrigger] };
		nodes.unshift({
			id: randomUUID(),
			name: trigger,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		});
		await env.importCredentials(credentials);
		await env.importWorkflows([
			{ id: WORKFLOW_ID, name: 'Failures: error output and redirects', active: false, settings: { executionOrder: 'v1' }, nodes, connections },
		]);
		const { run } = await env.n8n.execute(WORKFLOW_ID);
		runData = run?.data.resultData.runData;
	});

	for (const failure of FAILURE_CASES) {
		const node = names(failure.platform);
		const failing = failure.input.slice(1).map((_, index) => ({ item: index + 1 }));

		env.test(`${failure.platform}: "Continue (using error output)" sends ${failure.failure} to the error output, the good item to the success output`, () => {
			const [success, failed] = outputsOf(runData, node.errorOutput);
			expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			expect(success[0].json.error).toBeUndefined();
			expect((failed ?? []).map((item) => item.pairedItem)).toEqual(failing);
			for (const [index, item] of failed.entries()) {
				expect(messageMatches(item.json.error, failure.messages[index])).toBe(true);
			}
			// And the nodes wired to each output got them.
			expect(outputsOf(runData, node.succeeded)[0]).toHaveLength(1);
			expect(outputsOf(runData, node.failed)[0]).toHaveLength(failing.length);
			return `success output 1 item, error output ${failed.length}: ${failed.map((item) => String(item.json.error)).join(' | ')}`;
		});

		env.test(`${failure.platform}: "Continue (regular output)" keeps every item on one output, failures as { error, description, httpCode }`, () => {
			const outputs = outputsOf(runData, node.regular);
			expect(outputs).toHaveLength(1);
			const [items] = outputs;
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, ...failing]);
			for (const [index, item] of items.slice(1).entries()) {
				expect(Object.keys(item.json).sort()).toEqual(['description', 'error', 'httpCode']);
				expect(messageMatches(item.json.error, failure.messages[index])).toBe(true);
			}
			return `${items.length} items on the one output`;
		});

		env.test(`${failure.platform}: a redirect from the credential's address fails the item, and nothing reaches the other host`, () => {
			// The same inputs: the good one is the one that reaches the platform's address.
			const [items] = outputsOf(runData, node.redirect);
			expect(items).toHaveLength(failure.input.length);
			expect(String(items[0].json.error)).toMatch(/redirect/);
			expect(JSON.stringify(items[0].json)).not.toContain('from=redirect');
			expect(stolen).toEqual([]);
			return String(items[0].json.error);
		});
	}

	env.test('the credential test of every platform fails behind a redirect, and nothing reaches the other host', async () => {
		const results: string[] = [];
		for (const credential of redirectCredentials) {
			const result = await env.n8n.testCredential(credential);
			expect(result.status).toBe('Error');
			results.push(`${credential.name}: ${result.message}`);
		}
		expect(stolen).toEqual([]);
		return results.join('; ');
	});
}
