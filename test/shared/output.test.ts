/**
 * The output conventions of n8n's UX guidelines, on every platform that has the operations:
 * Simplify on Get and Get Many where records are large (on by default: the fields the
 * resource's view names; off: the record as the platform sent it), and Delete putting out
 * `{ "deleted": true }` (Kajabi's and Boomerangme's deletes are asserted in their own tests).
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BOOMERANGME_SIMPLE } from '../../nodes/Boomerangme/fields';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { KWIGA_SIMPLE } from '../../nodes/Kwiga/simplify';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';
import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { KwigaMock } from '../mocks/kwiga';
import { BASE_URL as BOOMERANGME_URL, runBoomerangme } from '../boomerangme/run';
import { BASE_URL as KWIGA_URL, runKwiga } from '../kwiga/run';

afterEach(resetHttp);

/** A KWIGA contact as KWIGA sends more of it than the mock keeps. */
const fullContact = {
	id: 7,
	email: 'anna@example.com',
	first_name: 'Anna',
	last_name: 'Shevchenko',
	phone: '+380931234567',
	created_at: '2026-11-20T10:00:00Z',
	tags: [{ id: 3, name: 'VIP' }],
	lang: 'uk',
	utm_source: 'newsletter',
	orders: [{ id: 1578, paid_status: 'paid' }],
};

describe('KWIGA Simplify', () => {
	it('keeps the fields of the view by default, and the whole record when off', async () => {
		const mock = new KwigaMock();
		interceptHttp(KWIGA_URL, mock.handle);
		mock.failNext(200, { data: fullContact });
		const simple = await runKwiga({ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '7' } });
		expect(simple.items.map((item) => item.json)).toEqual([
			{
				id: 7,
				email: 'anna@example.com',
				first_name: 'Anna',
				last_name: 'Shevchenko',
				phone: '+380931234567',
				created_at: '2026-11-20T10:00:00Z',
				tags: [{ id: 3, name: 'VIP' }],
			},
		]);

		mock.failNext(200, { data: fullContact });
		const raw = await runKwiga({
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: '7' },
			simplify: false,
		});
		expect(raw.items.map((item) => item.json)).toEqual([fullContact]);
	});

	it('simplifies every record of a list', async () => {
		const mock = new KwigaMock({ contacts: 3 });
		interceptHttp(KWIGA_URL, mock.handle);
		mock.contacts.forEach((contact) => Object.assign(contact, { lang: 'uk', utm_source: 'ads' }));
		const { items } = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(3);
		expect(items.map((item) => Object.keys(item.json))).toEqual(
			items.map(() => ['id', 'email', 'first_name', 'last_name', 'phone', 'created_at', 'tags']),
		);
	});
});

describe('Boomerangme Simplify', () => {
	it('keeps the card view by default, and the whole card when off', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BOOMERANGME_URL, mock.handle);
		const card = mock.cardOf('stamp');
		const simple = await runBoomerangme({ resource: 'card', operation: 'get', cardNumber: String(card.id) });
		expect(simple.items.map((item) => item.json)).toEqual([
			{
				id: card.id,
				templateId: card.templateId,
				customerId: card.customerId,
				type: card.type,
				status: card.status,
				balance: card.balance,
				installLink: card.installLink,
				createdAt: card.createdAt,
			},
		]);
		const raw = await runBoomerangme({ resource: 'card', operation: 'get', cardNumber: String(card.id), simplify: false });
		expect(raw.items.map((item) => item.json)).toEqual([card]);
	});
});

describe('the Simplify switch', () => {
	const simplifyOf = (description: INodeTypeDescription) =>
		description.properties.filter((property: INodeProperties) => property.name === 'simplify');

	it.each([
		['KWIGA', new Kwiga().description, KWIGA_SIMPLE],
		['Boomerangme', new Boomerangme().description, BOOMERANGME_SIMPLE],
	])('%s: one switch per view, on by default, naming the fields it keeps', (_name, description, views) => {
		const switches = simplifyOf(description);
		expect(switches.map((property) => property.displayOptions?.show?.resource?.[0]).sort()).toEqual(
			Object.keys(views).sort(),
		);
		for (const property of switches) {
			const view = views[String(property.displayOptions?.show?.resource?.[0])];
			expect(property.default).toBe(true);
			expect(property.displayOptions?.show?.operation).toEqual(view.operations);
			expect(property.description).toContain(view.keys.join(', '));
		}
	});

	it('is offered by every node whose Get or Get Many returns large records', () => {
		const withSwitch = (description: INodeTypeDescription) => simplifyOf(description).length > 0;
		expect(withSwitch(new Kwiga().description)).toBe(true);
		expect(withSwitch(new Kajabi().description)).toBe(true);
		expect(withSwitch(new Boomerangme().description)).toBe(true);
		expect(withSwitch(new GetCourse().description)).toBe(true);
		// REMP CRM has no Get or Get Many: Activate and Log In answer small, fixed records.
		const remp = new RempCrm().description.properties.filter((property) => property.name === 'operation');
		const rempOperations = remp.flatMap((property) => (property.options as Array<{ value: string }>).map((option) => option.value));
		expect(rempOperations.filter((value) => /^get/.test(value))).toEqual([]);
	});
});
