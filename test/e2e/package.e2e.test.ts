/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process, loading the built files by path at run time; n8n's rules for node code do not apply to it */
/**
 * The built package inside a real n8n, once per pinned n8n version (test/e2e/n8n-versions.json),
 * one n8n server per version shared by every platform and suite:
 *  1. the package installed as a community package; every platform's mock served; the
 *     credentials (working, wrong key, closed port, HTML host) and one workflow per platform
 *     (Manual Trigger -> a node per operation case) imported with n8n's CLI; `n8n start`;
 *  2. node types and n8n's log checked;
 *  3. per platform (test/e2e/platforms.ts): the workflow run once with `n8n execute` and every
 *     operation checked; the credential tested through POST /rest/credentials/test; every
 *     dropdown and searchable list loaded through /rest/dynamic-node-parameters/*;
 *  4. the suites in test/e2e/suites/ (examples, webhooks, triggers) against the same server;
 *  5. the editor's node panel in headless Chromium.
 * The report of every check, per version, goes to test-artifacts/e2e-report.md.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { RecordedRequest } from '../harness';
import type { ServedMock } from '../mocks/http';
import { openNodePanel } from './browser';
import type { E2eEnv } from './env';
import { createEnv } from './env';
import type { RunOutput } from './n8n';
import { ARTIFACTS, e2eVersions, itemsOf, N8n } from './n8n';
import {
	caseKey,
	caseNodeName,
	dropdownsOf,
	latestVersion,
	MANIFEST,
	nodeDescription,
	nodeDescriptions,
	operationsOf,
	operationsWorkflow,
} from './nodes';
import type { PlatformMock } from './platforms';
import { platforms } from './platforms';
import { reportedTest, writeReport } from './report';

// Ports from 5690 (N8N_E2E_PORT_BASE moves them), away from a `npm start` n8n on 5678.
const PORT_BASE = Number(process.env.N8N_E2E_PORT_BASE ?? 5690);

/** A suite: test/e2e/suites/<name>.ts exporting `default (env) => void` (and optionally `title`). */
const SUITES = readdirSync(path.join(__dirname, 'suites'))
	.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
	.sort()
	.map((file) => {
		const suite = require(path.join(__dirname, 'suites', file)) as { default: (env: E2eEnv) => void; title?: string };
		return { title: suite.title ?? path.basename(file, '.ts'), declare: suite.default };
	});

/** Credential ids n8n accepts (16 characters), one per platform and kind. */
const credentialId = (index: number, kind: string) => `cc${index}${kind}`.padEnd(16, '0');
const workflowId = (index: number) => `ccops${index}`.padEnd(16, '0');

type CredentialKind = 'ok' | 'key' | 'port' | 'html';
const CREDENTIAL_TESTS: Array<{ kind: CredentialKind; title: string }> = [
	{ kind: 'ok', title: 'credential test passes against the mock' },
	{ kind: 'key', title: 'credential test fails with a wrong key' },
	{ kind: 'port', title: 'credential test fails for a host where nothing listens' },
	{ kind: 'html', title: 'credential test fails for a host that answers an HTML page' },
];

/** A web server that answers every request with a 200 HTML page, like a site's front page. */
async function serveHtml(): Promise<ServedMock> {
	const server = createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end('<!doctype html><html><head><title>My school</title></head><body><h1>Welcome</h1></body></html>');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** A loopback URL where nothing listens (a port bound and released again). */
async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

const N8N_CACHE =
	process.env.N8N_CACHE_DIR ?? path.join(process.env.HOME ?? '/root', '.cache/n8n-nodes-creator-commerce');

/** Messages that tell a user nothing: a JavaScript error or an object printed as text. */
const UNCLEAR = /Cannot read propert|is not a function|undefined|\[object Object\]|^\s*$/i;

afterAll(() => {
	writeReport();
});

describe.each(e2eVersions().map((version, index) => [version, PORT_BASE + index * 20] as const))(
	'n8n %s',
	(version, port) => {
		const n8n = new N8n(version, port);
		let suiteTitle = '';
		const env = createEnv(version, n8n, () => suiteTitle);
		const mocks = new Map<string, { mock: PlatformMock; served: ServedMock }>();
		const credentialData = new Map<string, Record<string, unknown>>();
		let html: ServedMock | undefined;
		let secretFields: Record<string, string[]> = {};

		beforeAll(async () => {
			html = await serveHtml();
			const closed = await closedPortUrl();
			const credentials: unknown[] = [];
			const workflows: unknown[] = [];
			for (const [index, platform] of platforms.entries()) {
				const mock = platform.mock();
				const served = await env.serveMock(mock.handle);
				mocks.set(platform.name, { mock, served });
				const data: Record<CredentialKind, Record<string, unknown>> = {
					ok: platform.credentials(mock, served.url),
					key: platform.wrongKey(mock, served.url),
					port: platform.credentials(mock, closed),
					html: platform.credentials(mock, html.url),
				};
				for (const { kind } of CREDENTIAL_TESTS) {
					const id = credentialId(index, kind);
					credentialData.set(id, data[kind]);
					credentials.push({ id, name: `${platform.name} (${kind})`, type: platform.credentialType, data: data[kind] });
				}
				const credential = { id: credentialId(index, 'ok'), name: `${platform.name} (ok)` };
				env.platforms[platform.name] = { mock, url: served.url, credential };
				workflows.push(operationsWorkflow(workflowId(index), platform, credential));
			}
			n8n.installPackage();
			await n8n.import('import:credentials', credentials);
			await n8n.import('import:workflow', workflows);
			await n8n.start();
			const types = await n8n.get<Array<{ name: string; properties: Array<{ name: string; typeOptions?: { password?: boolean } }> }>>(
				'/types/credentials.json',
			);
			secretFields = Object.fromEntries(
				types.map((type) => [
					type.name,
					type.properties.filter((property) => property.typeOptions?.password).map((property) => property.name),
				]),
			);
		});

		afterAll(async () => {
			await n8n.stop();
			await env.closeAll();
			await html?.close();
		});

		reportedTest(version, 'Package', 'every node and credential loads, with no error in the log', async () => {
			const nodes = await n8n.get<Array<{ name: string }>>('/types/nodes.json');
			const credentials = await n8n.get<Array<{ name: string }>>('/types/credentials.json');
			const nodeNames = nodes.map((node) => node.name);
			for (const name of nodeDescriptions().keys()) expect(nodeNames).toContain(name);
			const credentialNames = credentials.map((credential) => credential.name);
			for (const platform of platforms) expect(credentialNames).toContain(platform.credentialType);

			const loaded = /Loaded all credentials and nodes from n8n-nodes-creator-commerce (\{.*\})/.exec(n8n.serverLog);
			expect(loaded).not.toBeNull();
			expect(JSON.parse(loaded![1])).toMatchObject({
				credentials: MANIFEST.credentials.length,
				nodes: MANIFEST.nodes.length,
			});

			// n8n's own stack traces name the cache folder (~/.cache/n8n-nodes-creator-commerce):
			// leave that path out before looking for the package's name.
			const problems = n8n.serverLog
				.split('\n')
				.map((line) => line.split(N8N_CACHE).join('<n8n cache>'))
				.filter((line) => /error|fail|could not|cannot/i.test(line))
				.filter((line) => /creator-commerce|community|custom/i.test(line));
			expect(problems).toEqual([]);
			return `${MANIFEST.nodes.length} node file(s), ${MANIFEST.credentials.length} credential(s) loaded`;
		});

		for (const [index, platform] of platforms.entries()) {
			describe(platform.name, () => {
				const description = nodeDescription(platform.nodeType);
				const section = `${platform.name} (${platform.nodeType})`;
				let run: RunOutput | undefined;
				let exitCode = 0;
				let sent: RecordedRequest[] = [];
				const served = () => mocks.get(platform.name)!;

				beforeAll(async () => {
					served().mock.requests = [];
					const result = await n8n.execute(workflowId(index));
					run = result.run;
					exitCode = result.result.code;
					sent = [...served().mock.requests];
				});

				reportedTest(version, section, 'the cases cover every operation of the node', () => {
					const covered = new Set(platform.cases.map((operation) => caseKey(operation.parameters)));
					const operations = operationsOf(description);
					expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
					return `${operations.length} operations, ${platform.cases.length} cases`;
				});

				reportedTest(version, section, 'the workflow ran with `n8n execute`', () => {
					// n8n 1.x sometimes crashes (exit 139) after printing a complete run: judge the run.
					expect(run?.data.resultData.error).toBeUndefined();
					expect(run?.status).toBe('success');
					return `exit code ${exitCode}`;
				});

				for (const [caseIndex, operation] of platform.cases.entries()) {
					reportedTest(version, section, operation.title, () => {
						const name = caseNodeName(caseIndex, operation.title);
						const nodeRun = run?.data.resultData.runData[name]?.[0];
						expect(nodeRun).toBeDefined();
						expect(nodeRun?.error?.message).toBeUndefined();
						const items = itemsOf(run, name);
						// A node that failed and continued puts out { error: "<message>", ... }; an API's own
						// `error: false` field is not a failure.
						const failed = items.find((item) => typeof item.error === 'string' || (typeof item.error === 'object' && item.error !== null));
						expect(failed).toBeUndefined();
						expect(items.length).toBeGreaterThan(0);
						const { method, path: wanted } = operation.request;
						const matching = sent.filter((request) => request.method === method && request.path === wanted);
						if (!matching.length) {
							throw new Error(
								`the mock saw no ${method} ${wanted}; it saw: ${[...new Set(sent.map((r) => `${r.method} ${r.path}`))].join(', ')}`,
							);
						}
						expect(matching.some((request) => platform.authorized(request, served().mock))).toBe(true);
						return `${items.length} item(s); ${method} ${wanted} with auth`;
					});
				}

				for (const { kind, title } of CREDENTIAL_TESTS) {
					reportedTest(version, section, title, async () => {
						const id = credentialId(index, kind);
						const data = credentialData.get(id)!;
						const result = await n8n.testCredential({
							id,
							name: `${platform.name} (${kind})`,
							type: platform.credentialType,
							data,
						});
						if (kind === 'ok') {
							expect(result).toMatchObject({ status: 'OK' });
						} else {
							expect(result.status).toBe('Error');
							expect(result.message).not.toMatch(UNCLEAR);
							for (const field of secretFields[platform.credentialType] ?? []) {
								const secret = String(data[field] ?? '');
								if (secret.length >= 4) expect(result.message).not.toContain(secret);
							}
						}
						return `${result.status}: ${result.message}`;
					});
				}

				const dropdowns = dropdownsOf(description);
				reportedTest(version, section, 'the node has dropdowns to load, or none are configured', () => {
					const known = new Set(dropdowns.map((dropdown) => dropdown.method));
					const stray = (platform.dropdowns ?? []).filter((dropdown) => !known.has(dropdown.method));
					expect(stray.map((dropdown) => dropdown.method)).toEqual([]);
					return dropdowns.length ? dropdowns.map((dropdown) => dropdown.method).join(', ') : 'no dropdown methods';
				});
				for (const dropdown of dropdowns) {
					const settings = platform.dropdowns?.find((entry) => entry.method === dropdown.method);
					const label = dropdown.kind === 'loadOptions' ? 'dropdown' : 'searchable list';
					reportedTest(version, section, `${label} ${dropdown.method} loads`, async () => {
						const { mock } = served();
						const before = mock.requests.length;
						const options = await n8n.loadDropdown({
							kind: dropdown.kind,
							nodeType: platform.nodeType,
							nodeVersion: latestVersion(description),
							method: dropdown.method,
							parameter: dropdown.parameter,
							parameters: settings?.parameters ?? {},
							credentials: { [platform.credentialType]: env.platforms[platform.name].credential },
							filter: settings?.filter,
						});
						expect(options.length).toBeGreaterThan(0);
						const requests = mock.requests.slice(before);
						expect(requests.length).toBeGreaterThan(0);
						expect(requests.every((request) => platform.authorized(request, mock))).toBe(true);
						const first = options[0];
						return `${options.length} entr${options.length === 1 ? 'y' : 'ies'}, first "${first.name}"; ${requests
							.map((request) => `${request.method} ${request.path}`)
							.join(', ')}`;
					});
				}
			});
		}

		for (const suite of SUITES) {
			describe(suite.title, () => {
				suiteTitle = suite.title;
				suite.declare(env);
			});
		}

		describe('Editor', () => {
			// One browser session for every platform: the node panel opened once, searched per node.
			const searches = platforms.map((platform) => ({
				search: nodeDescription(platform.nodeType).displayName,
				screenshot: path.join(ARTIFACTS, `node-panel-${platform.name.toLowerCase()}-n8n-${version}.png`),
			}));
			let found: Array<{ names: string[]; iconLoaded: boolean }> = [];
			beforeAll(async () => {
				mkdirSync(ARTIFACTS, { recursive: true });
				found = await openNodePanel(n8n.url, await n8n.login(), searches);
			});
			for (const [index, { search, screenshot }] of searches.entries()) {
				reportedTest(version, 'Editor', `the node panel lists ${search} with its icon`, () => {
					expect(found[index]?.names).toContain(search);
					expect(found[index].iconLoaded).toBe(true);
					return path.relative(ARTIFACTS, screenshot);
				});
			}
		});
	},
);

