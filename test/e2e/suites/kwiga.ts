/**
 * KWIGA's example workflows (examples/kwiga-*.json) against a mock of their own, on the
 * shared n8n: two run with `n8n execute`, the webhook one is activated on the running server
 * and called over HTTP.
 */
import { KwigaMock } from '../../mocks/kwiga';
import type { E2eEnv } from '../env';
import { exampleWorkflow, itemsOf } from '../n8n';

export const title = 'KWIGA examples';

const CREDENTIAL_ID = 'kwigaE2eCred0001';

export default function kwigaExamples(env: E2eEnv): void {
	const { n8n } = env;
	let kwiga: KwigaMock;

	beforeAll(async () => {
		kwiga = new KwigaMock({ contacts: 40 });
		const served = await env.serveMock(kwiga.handle);
		await env.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'KWIGA (examples)',
				type: 'kwigaApi',
				data: { token: kwiga.token, cabinetHash: kwiga.cabinetHash, baseUrl: served.url, language: 'en' },
			},
		]);
		await env.importWorkflows([
			exampleWorkflow('kwiga-new-students-to-contact-list.json', 'kwigaExample0001', CREDENTIAL_ID),
			exampleWorkflow('kwiga-course-progress-report.json', 'kwigaExample0002', CREDENTIAL_ID),
			exampleWorkflow('kwiga-tag-webinar-signups.json', 'kwigaExample0003', CREDENTIAL_ID),
		]);
	});

	env.test("last week's new contacts go onto a contact list", async () => {
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
		return `40 contacts added (exit code ${result.code})`;
	});

	env.test('participants past half-way, with lesson progress', async () => {
		kwiga.requests = [];
		const { run } = await n8n.execute('kwigaExample0002');

		expect(run?.data.resultData.error).toBeUndefined();
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
		return `${participants.length} participants`;
	});

	env.test('a webhook call to the activated workflow tags the contact', async () => {
		await env.activate('kwigaExample0003');
		kwiga.requests = [];
		const response = await fetch(`${n8n.url}/webhook/kwiga-webinar-signup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ contact_id: 7 }),
		});
		expect(response.status).toBe(200);

		const execution = await env.waitForExecution('kwigaExample0003');
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(kwiga.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/contacts/tags',
				body: { contact_ids: [7], tags: ['webinar'] },
			}),
		]);
		expect(kwiga.tags.get(7)).toEqual(new Set(['webinar']));
		return `execution ${execution.id}: ${execution.status}`;
	});
}
