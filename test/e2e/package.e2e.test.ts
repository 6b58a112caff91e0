/**
 * The built package inside a real n8n, on every n8n line users run: installed as a
 * community package, credentials and example workflows imported with n8n's CLI, run with
 * `n8n execute`, the server's node types and log checked, and the editor's node panel
 * looked at in a headless browser.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ServedMock } from '../mocks/http';
import { serveMock } from '../mocks/http';
import { KwigaMock } from '../mocks/kwiga';
import { openNodePanel } from './browser';
import { ARTIFACTS, e2eVersions, exampleWorkflow, itemsOf, N8n, ROOT } from './n8n';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const NODES = ['n8n-nodes-creator-commerce.kwiga'];
const CREDENTIALS = ['kwigaApi'];
const KWIGA_CREDENTIAL_ID = 'kwigaE2eCred0001';

// Ports from 5690 (N8N_E2E_PORT_BASE moves them), away from a `npm start` n8n on 5678.
const PORT_BASE = Number(process.env.N8N_E2E_PORT_BASE ?? 5690);

describe.each(e2eVersions().map((version, index) => [version, PORT_BASE + index * 20] as const))(
	'n8n %s',
	(version, port) => {
		const n8n = new N8n(version, port);
		let kwiga: KwigaMock;
		let kwigaServer: ServedMock;

		beforeAll(async () => {
			kwiga = new KwigaMock({ contacts: 40 });
			kwigaServer = await serveMock(kwiga.handle);
			n8n.installPackage();
			await n8n.import('import:credentials', [
				{
					id: KWIGA_CREDENTIAL_ID,
					name: 'KWIGA (mock)',
					type: 'kwigaApi',
					data: {
						token: kwiga.token,
						cabinetHash: kwiga.cabinetHash,
						baseUrl: kwigaServer.url,
						language: 'en',
					},
				},
			]);
			await n8n.import('import:workflow', [
				exampleWorkflow('kwiga-new-students-to-contact-list.json', 'kwigaExample0001', KWIGA_CREDENTIAL_ID),
				exampleWorkflow('kwiga-course-progress-report.json', 'kwigaExample0002', KWIGA_CREDENTIAL_ID),
				exampleWorkflow('kwiga-tag-webinar-signups.json', 'kwigaExample0003', KWIGA_CREDENTIAL_ID),
			]);
			await n8n.activate('kwigaExample0003');
		});

		afterAll(async () => {
			await n8n.stop();
			await kwigaServer?.close();
		});

		test('KWIGA example: last week\'s new contacts go onto a contact list', async () => {
			kwiga.requests = [];
			const { result, run } = await n8n.execute('kwigaExample0001');

			expect(run?.data.resultData.error).toBeUndefined();
			expect(run).toMatchObject({ status: 'success', finished: true });
			expect([0, 139]).toContain(result.code);
			const contacts = itemsOf(run, 'Get new contacts');
			expect(contacts).toHaveLength(40);
			expect(itemsOf(run, 'Add to the newsletter list')).toEqual(Array(40).fill({ success: true }));

			const [list, ...adds] = kwiga.requests;
			expect(list).toMatchObject({
				method: 'GET',
				path: '/contacts',
				query: { per_page: '100', page: '1', with_offers: '1' },
				headers: { token: kwiga.token, 'cabinet-hash': kwiga.cabinetHash, 'x-language': 'en' },
			});
			expect(String(list.query['filters[date_from]'])).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			// n8n sends one request per item, all at once: compare without order.
			expect(adds).toHaveLength(40);
			for (const add of adds) {
				expect(add).toMatchObject({ method: 'POST', path: '/mailing/contact-lists/bulk-contacts' });
			}
			const added = adds.map((add) => add.body as { contact_lists: number[]; contacts: number[] });
			expect(new Set(added.map((body) => JSON.stringify(body.contact_lists)))).toEqual(new Set(['[1]']));
			expect(added.map((body) => body.contacts[0]).sort((a, b) => a - b)).toEqual(
				contacts.map((contact) => contact.id as number).sort((a, b) => a - b),
			);
		});

		test('KWIGA example: participants past half-way, with lesson progress', async () => {
			kwiga.requests = [];
			const { run } = await n8n.execute('kwigaExample0002');

			const participants = itemsOf(run, 'Get participants past half-way');
			expect(participants.length).toBeGreaterThan(0);
			for (const participant of participants) {
				const progress = (participant.course_progress as { lessons_viewed_percentage: number })
					.lessons_viewed_percentage;
				expect(progress).toBeGreaterThanOrEqual(50);
				expect(participant.lesson_progress).toBeDefined();
			}
			expect(kwiga.requests[0]).toMatchObject({
				path: '/courses/200/users',
				query: {
					per_page: '250',
					page: '1',
					progress_general_from: '50',
					progress_general_to: '100',
					include: 'lesson_progress',
				},
			});
		});

		describe('n8n server', () => {
			beforeAll(async () => await n8n.start());

			test('every node and credential of the package loads, with no error in the log', async () => {
				const nodes = await n8n.get<Array<{ name: string }>>('/types/nodes.json');
				const credentials = await n8n.get<Array<{ name: string }>>('/types/credentials.json');
				const nodeNames = nodes.map((node) => node.name);
				for (const name of NODES) expect(nodeNames).toContain(name);
				const credentialNames = credentials.map((credential) => credential.name);
				for (const name of CREDENTIALS) expect(credentialNames).toContain(name);

				const loaded = /Loaded all credentials and nodes from n8n-nodes-creator-commerce (\{.*\})/.exec(
					n8n.serverLog,
				);
				expect(loaded).not.toBeNull();
				expect(JSON.parse(loaded![1])).toMatchObject({
					credentials: manifest.n8n.credentials.length,
					nodes: manifest.n8n.nodes.length,
				});

				const problems = n8n.serverLog
					.split('\n')
					.filter((line) => /error|fail|could not|cannot/i.test(line))
					.filter((line) => /creator-commerce|kwiga|community|custom|nodes/i.test(line));
				expect(problems).toEqual([]);
			});

			test('KWIGA example: a webhook call to the active workflow tags the contact', async () => {
				kwiga.requests = [];
				const response = await fetch(`${n8n.url}/webhook/kwiga-webinar-signup`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ contact_id: 7 }),
				});
				expect(response.status).toBe(200);

				const deadline = Date.now() + 30_000;
				let executions: Array<{ status: string; mode: string }> = [];
				while (Date.now() < deadline) {
					executions = await n8n.executions('kwigaExample0003');
					if (executions.some((execution) => execution.status !== 'running' && execution.status !== 'new')) break;
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
				expect(executions[0]).toMatchObject({ status: 'success', mode: 'webhook' });
				expect(kwiga.requests).toEqual([
					expect.objectContaining({
						method: 'POST',
						path: '/contacts/tags',
						body: { contact_ids: [7], tags: ['webinar'] },
					}),
				]);
				expect(kwiga.tags.get(7)).toEqual(new Set(['webinar']));
			});

			test('the editor\'s node panel lists every node of the package with its icon', async () => {
				mkdirSync(ARTIFACTS, { recursive: true });
				const found = await openNodePanel(
					n8n.url,
					await n8n.login(),
					'KWIGA',
					path.join(ARTIFACTS, `node-panel-n8n-${version}.png`),
				);
				expect(found.names).toContain('KWIGA');
				expect(found.iconLoaded).toBe(true);
			});
		});
	},
);
