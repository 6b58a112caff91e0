/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process; n8n's rules for node code do not apply to it */
/**
 * Every workflow template in examples/ keeps the conventions of n8n's template library and
 * fits the nodes as they are now: a sticky note that says what it does, how to set it up and
 * how to test it; credentials named by type only (no ID, nothing secret); no pinned data;
 * core nodes only in type versions that both pinned n8n versions have; every node of this
 * package on an operation it offers, with parameters it has; and no preset choice in a
 * dropdown or list (an ID from our account means nothing in the user's): those stay empty for
 * the user to pick, as the sticky note says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BoomerangmeTrigger } from '../../nodes/Boomerangme/BoomerangmeTrigger.node';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { GetCourseTrigger } from '../../nodes/GetCourse/GetCourseTrigger.node';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { KajabiTrigger } from '../../nodes/Kajabi/KajabiTrigger.node';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const PACKAGE = 'n8n-nodes-creator-commerce.';

/**
 * n8n's own nodes a template may use, in type versions that n8n 1.123.81 and 2.39.10 both
 * have (read from each install's n8n-nodes-base). Add a node here only after checking both.
 */
const CORE_NODES: Record<string, number[]> = {
	'n8n-nodes-base.stickyNote': [1],
	'n8n-nodes-base.manualTrigger': [1],
	'n8n-nodes-base.webhook': [2],
	'n8n-nodes-base.scheduleTrigger': [1.2],
	'n8n-nodes-base.filter': [2.2],
};

const OUR_NODES: Record<string, INodeType> = Object.fromEntries(
	[new Kwiga(), new Kajabi(), new KajabiTrigger(), new GetCourse(), new GetCourseTrigger(), new RempCrm(), new Boomerangme(), new BoomerangmeTrigger()].map(
		(node) => [`${PACKAGE}${node.description.name}`, node],
	),
);

interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, Record<string, unknown>>;
	webhookId?: string;
	onError?: string;
}

interface Template {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	pinData?: Record<string, unknown>;
	staticData?: unknown;
}

const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));
const read = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as Template;

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** Whether a property is shown for these parameters (n8n's displayOptions show/hide, plain values). */
function shown(property: INodeProperties, parameters: Record<string, unknown>, all: INodeProperties[]): boolean {
	const valueOf = (name: string) =>
		name in parameters ? parameters[name] : all.find((candidate) => candidate.name === name)?.default;
	const { show, hide } = property.displayOptions ?? {};
	for (const [name, values] of Object.entries(show ?? {})) {
		if (name.startsWith('@') || name.startsWith('/')) continue;
		if (!(values as unknown[]).includes(valueOf(name))) return false;
	}
	for (const [name, values] of Object.entries(hide ?? {})) {
		if (name.startsWith('@') || name.startsWith('/')) continue;
		if ((values as unknown[]).includes(valueOf(name))) return false;
	}
	return true;
}

/** A dropdown or list whose values come from the user's account. */
function isPicker(property: INodeProperties): boolean {
	return Boolean(
		property.type === 'resourceLocator' ||
			property.typeOptions?.loadOptionsMethod ||
			property.typeOptions?.loadOptions,
	);
}

/** What is wrong with one value of a property (nested collections included), or nothing. */
function problems(property: INodeProperties, value: unknown, where: string): string[] {
	const found: string[] = [];
	if (isPicker(property)) {
		if (property.type === 'resourceLocator') {
			const locator = value as { __rl?: boolean; mode?: string; value?: unknown };
			if (!locator?.__rl) found.push(`${where}: not a resource locator`);
			else if (locator.value !== '' && !(locator.mode === 'id' && isExpression(locator.value))) {
				found.push(`${where}: preset to ${JSON.stringify(locator.value)}; leave it empty for the user to choose`);
			}
		} else if (!(value === '' || (Array.isArray(value) && value.length === 0) || isExpression(value))) {
			found.push(`${where}: preset to ${JSON.stringify(value)}; leave it empty for the user to choose`);
		}
		return found;
	}
	if (isExpression(value)) return found;
	if (property.type === 'options' || property.type === 'multiOptions') {
		const allowed = ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
		for (const item of Array.isArray(value) ? value : [value]) {
			if (!allowed.includes(item as string)) found.push(`${where}: ${JSON.stringify(item)} is not one of ${JSON.stringify(allowed)}`);
		}
	}
	if (property.type === 'collection' && value && typeof value === 'object') {
		const options = (property.options ?? []) as INodeProperties[];
		for (const [key, inner] of Object.entries(value)) {
			const option = options.find((candidate) => candidate.name === key);
			if (!option) found.push(`${where}.${key}: no such option`);
			else found.push(...problems(option, inner, `${where}.${key}`));
		}
	}
	if (property.type === 'fixedCollection' && value && typeof value === 'object') {
		const groups = (property.options ?? []) as INodePropertyCollection[];
		for (const [key, entries] of Object.entries(value)) {
			const group = groups.find((candidate) => candidate.name === key);
			if (!group) {
				found.push(`${where}.${key}: no such option`);
				continue;
			}
			for (const entry of (Array.isArray(entries) ? entries : [entries]) as Array<Record<string, unknown>>) {
				for (const [name, inner] of Object.entries(entry)) {
					const field = group.values.find((candidate) => candidate.name === name);
					if (!field) found.push(`${where}.${key}.${name}: no such field`);
					else found.push(...problems(field, inner, `${where}.${key}.${name}`));
				}
			}
		}
	}
	return found;
}

/** What is wrong with the parameters of a node of this package, or nothing. */
function parameterProblems(node: TemplateNode): string[] {
	const type = OUR_NODES[node.type];
	const all = type.description.properties;
	const found: string[] = [];
	const resource = node.parameters.resource;
	const operation = node.parameters.operation;
	if (operation !== undefined) {
		const operations = all.filter((property) => property.name === 'operation' && shown(property, node.parameters, all));
		const offered = operations.flatMap((property) => ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value));
		if (!offered.includes(operation as string)) {
			found.push(`${node.name}: ${String(resource)} has no operation ${String(operation)} (it has ${offered.join(', ')})`);
			return found;
		}
	}
	for (const [name, value] of Object.entries(node.parameters)) {
		if (name === 'pollTimes' && type.description.polling) continue;
		const candidates = all.filter((property) => property.name === name && shown(property, node.parameters, all));
		if (!candidates.length) {
			found.push(`${node.name}: no parameter "${name}" for ${String(resource ?? '')} ${String(operation ?? '')}`.trimEnd());
			continue;
		}
		const each = candidates.map((property) => problems(property, value, `${node.name}: ${name}`));
		if (each.every((list) => list.length)) found.push(...each[0]);
	}
	for (const property of all) {
		if (property.required && shown(property, node.parameters, all) && !(property.name in node.parameters)) {
			const empty = property.default as { value?: unknown } | string | unknown[];
			if (empty === '' || (Array.isArray(empty) && !empty.length) || (typeof empty === 'object' && (empty as { value?: unknown }).value === '')) {
				found.push(`${node.name}: required parameter "${property.name}" is missing`);
			}
		}
	}
	return found;
}

describe.each(files)('examples/%s', (file) => {
	const template = read(file);
	const [stickies, steps] = [
		template.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote'),
		template.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote'),
	];

	test('is named after its job and has a sticky note saying what it does, how to set it up and test it', () => {
		expect(file).toMatch(/^(kwiga|kajabi|getcourse|remp|boomerangme)-[a-z0-9-]+\.json$/);
		expect(template.name.length).toBeGreaterThan(10);
		expect(stickies).toHaveLength(1);
		const content = String(stickies[0].parameters.content);
		expect(content).toMatch(/^## /);
		expect(content).toMatch(/### Set up\n/);
		expect(content).toMatch(/### Test\n/);
		for (const node of steps) {
			const credentials = Object.keys(node.credentials ?? {});
			for (const credential of credentials) expect({ node: node.name, mentions: content.includes(credentialTitle(credential)) }).toEqual({ node: node.name, mentions: true });
		}
	});

	test('credentials are named by type only; no pinned data, no static data', () => {
		for (const node of steps) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				expect({ node: node.name, type, keys: Object.keys(reference) }).toEqual({ node: node.name, type, keys: ['name'] });
			}
			if (OUR_NODES[node.type]) {
				const wanted = (OUR_NODES[node.type].description.credentials ?? []).map((credential) => credential.name);
				expect({ node: node.name, credentials: Object.keys(node.credentials ?? {}) }).toEqual({ node: node.name, credentials: wanted });
			}
		}
		expect(template.pinData ?? {}).toEqual({});
		expect(template.staticData ?? null).toBeNull();
		expect(JSON.stringify(template)).not.toMatch(/@(?!example\.)[a-z0-9-]+\.[a-z]{2,}/i);
	});

	test('uses core nodes in versions both pinned n8n have, and this package\'s nodes in versions they have', () => {
		for (const node of template.nodes) {
			const ours = OUR_NODES[node.type];
			const versions = ours
				? [ours.description.version].flat()
				: (CORE_NODES[node.type] ?? []);
			expect({ node: node.name, type: node.type, typeVersion: node.typeVersion, known: versions.includes(node.typeVersion) }).toEqual({
				node: node.name,
				type: node.type,
				typeVersion: node.typeVersion,
				known: true,
			});
		}
	});

	test("every node of this package is on an operation it offers, with its parameters, and nothing preset in a picker", () => {
		const found = steps.filter((node) => OUR_NODES[node.type]).flatMap(parameterProblems);
		expect(found).toEqual([]);
	});

	test('steps are one chain from one trigger, with unique names, ids and webhook ids', () => {
		const names = template.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(template.nodes.map((node) => node.id)).size).toBe(names.length);
		const targets = Object.values(template.connections).flatMap((connection) => connection.main.flat().map((link) => link.node));
		for (const [source, connection] of Object.entries(template.connections)) {
			expect(names).toContain(source);
			for (const link of connection.main.flat()) expect(names).toContain(link.node);
		}
		const starts = steps.filter((node) => !targets.includes(node.name));
		expect(starts).toHaveLength(1);
		expect(starts[0].type).toMatch(/Trigger$|\.webhook$/);
		for (const node of steps.slice(1)) expect(targets).toContain(node.name);
		for (const node of steps.filter((candidate) => /webhook|Trigger$/.test(candidate.type) && !/manual|schedule|getCourse/i.test(candidate.type))) {
			expect({ node: node.name, webhookId: node.webhookId }).toEqual({ node: node.name, webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		}
	});
});

test('webhook paths and webhook ids are not shared between templates (they can be active in one n8n)', () => {
	const paths = files.flatMap((file) =>
		read(file).nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => String(node.parameters.path)),
	);
	const ids = files.flatMap((file) => read(file).nodes.filter((node) => node.webhookId).map((node) => node.webhookId));
	expect(new Set(paths).size).toBe(paths.length);
	expect(new Set(ids).size).toBe(ids.length);
});

test('the checks catch what they are for', () => {
	const kwiga = `${PACKAGE}kwiga`;
	const base = { id: 'x', position: [0, 0] as [number, number], typeVersion: 1, type: kwiga, name: 'Step' };
	expect(parameterProblems({ ...base, parameters: { resource: 'contact', operation: 'fly' } })[0]).toMatch(/no operation fly/);
	expect(parameterProblems({ ...base, parameters: { resource: 'contact', operation: 'addTags', contactIds: '1', tags: 'a', tagz: 'b' } })).toEqual([
		'Step: no parameter "tagz" for contact addTags',
	]);
	expect(parameterProblems({ ...base, parameters: { resource: 'contactList', operation: 'addContacts', listIds: ['1'], contactIds: '2' } })[0]).toMatch(
		/listIds: preset to \["1"\]/,
	);
	expect(
		parameterProblems({ ...base, parameters: { resource: 'course', operation: 'getParticipants', courseId: { __rl: true, mode: 'list', value: '200' } } })[0],
	).toMatch(/courseId: preset to "200"/);
	expect(parameterProblems({ ...base, parameters: { resource: 'contact', operation: 'addTags', contactIds: '1' } })).toEqual([
		'Step: required parameter "tags" is missing',
	]);
});

function credentialTitle(type: string): string {
	return {
		kwigaApi: 'KWIGA API',
		kajabiApi: 'Kajabi API',
		getCourseApi: 'GetCourse API',
		rempCrmApi: 'REMP CRM API',
		boomerangmeApi: 'Boomerangme API',
	}[type] ?? type;
}
