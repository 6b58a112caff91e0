/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * What a suite in test/e2e/suites/ gets: the n8n of one pinned version, already started with
 * the package installed and every platform's mock served, and helpers to add workflows,
 * activate them and look at their executions. Fields marked "after setup" are filled in the
 * version's beforeAll: read them inside beforeAll/test callbacks, not while declaring tests.
 */
import type { MockHandler } from '../harness';
import type { ServedMock } from '../mocks/http';
import { serveMock } from '../mocks/http';
import type { N8n } from './n8n';
import type { PlatformMock } from './platforms';
import { reportedTest } from './report';

export interface ServedPlatform {
	mock: PlatformMock;
	/** The mock's base URL, e.g. http://127.0.0.1:41234. */
	url: string;
	/** The imported credential pointing at the mock (its id and name, as a node references it). */
	credential: { id: string; name: string };
}

export interface Execution {
	id: string;
	status: string;
	mode: string;
}

export interface E2eEnv {
	version: string;
	/** The n8n: `url`, `port`, `cli()`, `execute()`, `get()`, `post()`, `login()`, `serverLog`. */
	n8n: N8n;
	/** Every platform of platforms.ts by name (after setup). */
	platforms: Record<string, ServedPlatform>;
	/** Serves another mock for this version's tests; closed when they are done. */
	serveMock(handler: MockHandler): Promise<ServedMock>;
	/** `n8n import:credentials` / `import:workflow` (works while the server runs). */
	importCredentials(credentials: unknown[]): Promise<void>;
	importWorkflows(workflows: unknown[]): Promise<void>;
	/** Activates an imported workflow on the running server (its webhooks/triggers listen). */
	activate(workflowId: string): Promise<void>;
	/** The workflow's stored executions, newest first. */
	executions(workflowId: string): Promise<Execution[]>;
	/**
	 * Waits until the workflow has a finished execution (not new/running/waiting) and returns
	 * the newest; with `after` (an execution id), only one newer than that counts.
	 */
	waitForExecution(workflowId: string, timeoutMs?: number, after?: string): Promise<Execution>;
	/** A jest test listed in the report under `section` (default: the suite's name). */
	test(title: string, fn: () => Promise<string | void> | string | void, timeout?: number): void;
}

export function createEnv(version: string, n8n: N8n, section: () => string): E2eEnv & { closeAll(): Promise<void> } {
	const served: ServedMock[] = [];
	const env = {
		version,
		n8n,
		platforms: {} as Record<string, ServedPlatform>,
		async serveMock(handler: MockHandler) {
			const mock = await serveMock(handler);
			served.push(mock);
			return mock;
		},
		importCredentials: async (credentials: unknown[]) => await n8n.import('import:credentials', credentials),
		importWorkflows: async (workflows: unknown[]) => await n8n.import('import:workflow', workflows),
		activate: async (workflowId: string) => await n8n.activateRunning(workflowId),
		executions: async (workflowId: string) => await n8n.executions(workflowId),
		async waitForExecution(workflowId: string, timeoutMs = 30_000, after?: string) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const executions = (await n8n.executions(workflowId)).filter(
					(execution) => after === undefined || Number(execution.id) > Number(after),
				);
				const done = executions.find((execution) => !['new', 'running', 'waiting'].includes(execution.status));
				if (done) return done;
				if (Date.now() > deadline) {
					throw new Error(`no finished execution of ${workflowId} within ${timeoutMs} ms (${JSON.stringify(executions)})`);
				}
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		},
		test(title: string, fn: () => Promise<string | void> | string | void, timeout?: number) {
			reportedTest(version, section(), title, fn, timeout);
		},
		async closeAll() {
			await Promise.all(served.splice(0).map(async (mock) => await mock.close()));
		},
	};
	return env;
}
