/**
 * What a user sees in the editor before anything runs, read from the nodes' and credentials'
 * own descriptions, so a new operation, event or credential field is checked without anyone
 * remembering to: canvas subtitles in words (evaluated by n8n's own expression engine),
 * a description for every operation, documentation links to the package's own pages, and
 * credential dialogs that start with where to find each value and end with the advanced
 * settings.
 */
import type {
	ICredentialType,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BoomerangmeApi } from '../../credentials/BoomerangmeApi.credentials';
import { GetCourseApi } from '../../credentials/GetCourseApi.credentials';
import { KajabiApi } from '../../credentials/KajabiApi.credentials';
import { KwigaApi } from '../../credentials/KwigaApi.credentials';
import { RempCrmApi } from '../../credentials/RempCrmApi.credentials';
import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BoomerangmeTrigger } from '../../nodes/Boomerangme/BoomerangmeTrigger.node';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { GetCourseTrigger } from '../../nodes/GetCourse/GetCourseTrigger.node';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { KajabiTrigger } from '../../nodes/Kajabi/KajabiTrigger.node';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';
import type { DocsPage } from '../../nodes/shared/links';
import { docsUrl } from '../../nodes/shared/links';
import { TestNodeTypes } from '../harness';

interface Platform {
	page: DocsPage;
	folder: string;
	nodes: INodeType[];
	credential: ICredentialType;
}

const platforms: Platform[] = [
	{ page: 'kwiga', folder: 'Kwiga', nodes: [new Kwiga()], credential: new KwigaApi() },
	{ page: 'kajabi', folder: 'Kajabi', nodes: [new Kajabi(), new KajabiTrigger()], credential: new KajabiApi() },
	{ page: 'getcourse', folder: 'GetCourse', nodes: [new GetCourse(), new GetCourseTrigger()], credential: new GetCourseApi() },
	{ page: 'boomerangme', folder: 'Boomerangme', nodes: [new Boomerangme(), new BoomerangmeTrigger()], credential: new BoomerangmeApi() },
	{ page: 'remp-crm', folder: 'RempCrm', nodes: [new RempCrm()], credential: new RempCrmApi() },
];

const allNodes = platforms.flatMap((platform) => platform.nodes);
const actionNodes = allNodes.filter((node) => !node.description.group.includes('trigger'));
const triggerNodes = allNodes.filter((node) => node.description.group.includes('trigger'));

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return (property?.options ?? []) as INodePropertyOptions[];
}

/** The subtitle as the editor shows it: n8n's expression engine over the node's parameters. */
function subtitleOf(node: INodeType, parameters: INodeParameters): unknown {
	const type = `test.${node.description.name}`;
	const canvasNode: INode = {
		id: 'node',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [canvasNode],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [type]: node }),
	});
	return workflow.expression.getSimpleParameterValue(canvasNode, node.description.subtitle, 'internal', {});
}

/** Every (resource, operation) of an action node with their display names. */
function operationsOf(node: INodeType) {
	const properties = node.description.properties;
	const resources = optionsOf(properties.find((property) => property.name === 'resource'));
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				optionsOf(property).map((option) => ({
					resource: String(resource),
					resourceName: resources.find((entry) => entry.value === resource)?.name ?? '',
					operation: String(option.value),
					option,
				})),
			),
		);
}

describe('canvas subtitles', () => {
	test.each(actionNodes.map((node) => [node.description.displayName, node]))(
		'%s: every resource and operation reads as "Resource: Operation"',
		(_name, node) => {
			const operations = operationsOf(node as INodeType);
			expect(operations.length).toBeGreaterThan(0);
			for (const { resource, resourceName, operation, option } of operations) {
				expect(resourceName).not.toBe('');
				expect(subtitleOf(node as INodeType, { resource, operation })).toBe(`${resourceName}: ${option.name}`);
			}
			expect(subtitleOf(node as INodeType, { resource: '__CUSTOM_API_CALL__' })).toBe('Custom API Call');
		},
	);

	test('KWIGA Contact → Add Purchase reads "Contact: Add Purchase"', () => {
		expect(subtitleOf(new Kwiga(), { resource: 'contact', operation: 'addPurchase' })).toBe('Contact: Add Purchase');
	});

	test.each(triggerNodes.map((node) => [node.description.displayName, node]))(
		'%s: every event reads as its display name',
		(_name, node) => {
			const trigger = node as INodeType;
			const property = trigger.description.properties.find((entry) => ['event', 'events'].includes(entry.name));
			const events = optionsOf(property);
			expect(events.length).toBeGreaterThan(0);
			for (const event of events) {
				const parameters = { [property!.name]: property!.type === 'multiOptions' ? [event.value] : event.value };
				expect(subtitleOf(trigger, parameters as INodeParameters)).toBe(event.name);
			}
			if (property!.type === 'multiOptions') {
				const [first, second] = events;
				expect(subtitleOf(trigger, { [property!.name]: [first.value, second.value] } as INodeParameters)).toBe(
					`${first.name}, ${second.name}`,
				);
			}
		},
	);
});

describe('operations', () => {
	test.each(actionNodes.map((node) => [node.description.displayName, node]))(
		'%s: every operation has a description for the node panel',
		(_name, node) => {
			const missing = operationsOf(node as INodeType)
				.filter(({ option }) => !String(option.description ?? '').trim())
				.map(({ resource, operation }) => `${resource} → ${operation}`);
			expect(missing).toEqual([]);
		},
	);
});

describe('field help', () => {
	/** A field's help and the help of the options inside it. */
	function helpOf(property: INodeProperties): string[] {
		const inner = ((property.options ?? []) as Array<INodeProperties | INodePropertyOptions>).flatMap((option) =>
			'displayName' in option ? helpOf(option) : [String(option.description ?? '')],
		);
		return [String(property.description ?? ''), String(property.hint ?? ''), ...inner];
	}

	test.each(actionNodes.map((node) => [node.description.displayName, node]))(
		'%s: a field shared by several operations names none of those (it reads the same under each)',
		(_name, node) => {
			const operations = operationsOf(node as INodeType);
			const found: string[] = [];
			for (const property of (node as INodeType).description.properties) {
				const shownFor = property.displayOptions?.show?.operation ?? [];
				const resources = property.displayOptions?.show?.resource ?? [];
				if (property.name === 'operation' || shownFor.length < 2) continue;
				// Names of one word ("Get", "Create") are ordinary words in help texts.
				const names = operations
					.filter((entry) => resources.includes(entry.resource) && shownFor.includes(entry.operation))
					.filter((entry) => entry.option.name.includes(' '))
					.map((entry) => entry.option.name);
				for (const help of helpOf(property)) {
					for (const name of names) if (help.includes(name)) found.push(`${property.name}: "${name}" in "${help}"`);
				}
			}
			expect(found).toEqual([]);
		},
	);
});

describe('Custom API Call', () => {
	// n8n adds "Custom API Call" to a node whose credential it can sign a request with by itself
	// (an `authenticate` object: headers from the credential), and the HTTP Request node can use
	// that credential. KWIGA, Kajabi and Boomerangme sign with a header, so they have it. GetCourse
	// (the key goes into the form of an import and the query of an export, next to base64 params)
	// and REMP CRM (logs in and keeps a session) sign in code: n8n offers no Custom API Call for
	// them (seen in n8n 2.39.10's node types), and each of their documented endpoints is an
	// operation. Changing how a credential signs changes this list: decide it again then.
	test('is offered exactly where the credential signs with headers n8n can reuse', () => {
		const reusable = platforms
			.filter(({ credential }) => typeof credential.authenticate === 'object')
			.map(({ page }) => page);
		expect(reusable).toEqual(['kwiga', 'kajabi', 'boomerangme']);
	});
});

describe('documentation links', () => {
	test.each(platforms.map((platform) => [platform.page, platform]))(
		'%s: the credential and the nodes link to the package\'s own page',
		(_page, platform) => {
			const { page, folder, nodes, credential } = platform as Platform;
			expect(credential.documentationUrl).toBe(docsUrl(page, 'credentials'));
			for (const node of nodes) {
				const file = node.description.name.replace(/^./, (letter) => letter.toUpperCase());
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				const codex = require(`../../nodes/${folder}/${file}.node.json`) as {
					alias?: string[];
					resources: Record<string, Array<{ url: string }>>;
				};
				expect(codex.resources.primaryDocumentation).toEqual([{ url: docsUrl(page) }]);
				expect(codex.resources.credentialDocumentation).toEqual([{ url: docsUrl(page, 'credentials') }]);
				expect(codex.alias?.length).toBeGreaterThan(0);
			}
		},
	);

	test('the words users search for find the right nodes', () => {
		const aliases = (name: string) =>
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			(require(`../../nodes/${name}.node.json`) as { alias: string[] }).alias.map((word) => word.toLowerCase());
		for (const word of ['loyalty', 'coupon', 'wallet card']) expect(aliases('Boomerangme/Boomerangme')).toContain(word);
		for (const name of ['Kwiga/Kwiga', 'Kajabi/Kajabi', 'GetCourse/GetCourse']) {
			expect(aliases(name)).toEqual(expect.arrayContaining(['online school', 'course']));
		}
		expect(aliases('RempCrm/RempCrm')).toContain('coupon');
	});
});

describe('credential dialogs', () => {
	test.each(platforms.map((platform) => [platform.page, platform]))(
		'%s: starts with where to find each value; advanced settings come last, after their notice',
		(_page, platform) => {
			const { properties } = (platform as Platform).credential;
			const visible = properties.filter((property) => property.type !== 'hidden');
			expect(visible[0].type).toBe('notice');
			expect(visible[0].displayName).toMatch(/<b>/);
			const advanced = visible.findIndex((property) => property.name === 'advancedNotice');
			const advancedNames = ['language', 'rateLimitRequests', 'rateLimitWindowSeconds'];
			for (const [index, property] of visible.entries()) {
				const isAdvanced =
					advancedNames.includes(property.name) || (property.name === 'baseUrl' && !property.required);
				if (isAdvanced) expect([property.name, index > advanced && advanced > 0]).toEqual([property.name, true]);
				if (property.required) expect([property.name, advanced < 0 || index < advanced]).toEqual([property.name, true]);
				if (property.name === 'baseUrl' && !property.required) expect(property.default).toMatch(/^https:\/\/[a-z.]+$/);
			}
		},
	);

	test('REMP CRM starts on Email and Password, both required; User Token stays available', () => {
		const properties = new RempCrmApi().properties;
		const authentication = properties.find((property) => property.name === 'authentication')!;
		expect(authentication.default).toBe('emailPassword');
		expect(optionsOf(authentication).map((option) => option.value)).toEqual(['emailPassword', 'userToken']);
		for (const name of ['email', 'password']) {
			const field = properties.find((property) => property.name === name)!;
			expect([name, field.required, field.displayOptions?.show?.authentication]).toEqual([name, true, ['emailPassword']]);
		}
		expect(properties.find((property) => property.name === 'userToken')?.displayOptions?.show?.authentication).toEqual([
			'userToken',
		]);
	});
});
