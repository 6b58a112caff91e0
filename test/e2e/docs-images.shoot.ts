/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, process and loading the built files by path at run time; n8n's rules for node code do not apply to it */
/**
 * The pictures of the documentation (docs/images/): each node's panel and each credential's
 * dialog in the n8n editor, taken in headless Chromium from the n8n version the README shows
 * (the pinned default, 2.39.10) with the packed package installed. Not part of the test suite:
 * `npm run docs:images` runs it (scripts/docs-images.sh). Run it again when a node or a
 * credential changes; test/release/images.test.ts fails when one has no picture.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { ServedMock } from '../mocks/http';
import { serveMock } from '../mocks/http';
import type { Browser, Page } from './browser';
import { launchBrowser } from './browser';
import { N8n, ROOT, versions } from './n8n';
import { platforms } from './platforms';

const IMAGES = path.join(ROOT, 'docs/images');
const PORT = Number(process.env.N8N_E2E_PORT_BASE ?? 5690) + 50;
const manifest = require(path.join(ROOT, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };

/** The picture of a built node or credential file: dist/nodes/Kwiga/Kwiga.node.js → Kwiga. */
export const pictureName = (file: string) => path.basename(file).replace(/\.(node|credentials)\.js$/, '');

/** What each node shows in its picture: an operation a user would start with. */
const SHOWN: Record<string, Record<string, unknown>> = {
	Kwiga: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 50 },
	Kajabi: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 50 },
	GetCourse: { resource: 'export', operation: 'orders', filters: { createdAtFrom: '2026-11-01T00:00:00', status: 'payed' } },
	Boomerangme: { resource: 'card', operation: 'addStamps', cardNumber: '939829-317-169', amount: 2, balanceFields: { comment: 'Latte' } },
	RempCrm: { resource: 'coupon', operation: 'activate', code: '123456-789ABC-DEFG' },
	KajabiTrigger: { event: 'purchase', siteId: '11' },
	BoomerangmeTrigger: { events: ['CardIssuedEvent', 'CustomerCreatedEvent'] },
	// Every 10 minutes, as docs/getcourse.md advises for GetCourse's export budget.
	GetCourseTrigger: { pollTimes: { item: [{ mode: 'everyX', value: 10, unit: 'minutes' }] }, event: 'newUser' },
};

/** Example values for the credential dialogs: nothing real, secrets shown as dots. */
const CREDENTIAL_DATA: Record<string, Record<string, unknown>> = {
	kwigaApi: { token: 'example-token', cabinetHash: 'a1b2c3d4e5', baseUrl: 'https://api.kwiga.com', language: 'en' },
	getCourseApi: { account: 'myschool', secretKey: 'example-secret-key' },
	boomerangmeApi: { apiKey: 'example-api-key', baseUrl: 'https://api.digitalwallet.cards' },
	rempCrmApi: { baseUrl: 'https://crm.example.com', authentication: 'userToken', userToken: 'example-token' },
	kajabiApi: { clientId: 'example-client-id', clientSecret: 'example-client-secret', baseUrl: 'https://api.kajabi.com' },
};

interface Built {
	file: string;
	type: string;
	credential?: string;
	trigger: boolean;
	/** The name a new node of this type gets on the canvas. */
	name: string;
}

/** The built nodes of package.json: their n8n type, first credential and whether they trigger. */
function builtNodes(): Built[] {
	return manifest.n8n.nodes.map((file) => {
		const loaded = require(path.join(ROOT, file)) as Record<string, new () => { description: Record<string, unknown> }>;
		const NodeClass = Object.values(loaded).find((value) => typeof value === 'function')!;
		const description = new NodeClass().description as {
			name: string;
			displayName: string;
			defaults?: { name?: string };
			group: string[];
			credentials?: Array<{ name: string }>;
		};
		return {
			file,
			type: `n8n-nodes-creator-commerce.${description.name}`,
			credential: description.credentials?.[0]?.name,
			trigger: description.group.includes('trigger'),
			name: description.defaults?.name ?? description.displayName,
		};
	});
}

const n8n = new N8n(versions.default, PORT);
const nodes = builtNodes();
/** The dialogs show example values; the nodes use a credential of the platform's mock, served
 * here, so that their dropdowns load as they would against the platform. */
const credentialIds = new Map<string, string>();
const mockCredentialIds = new Map<string, string>();
const served: ServedMock[] = [];
const workflows: Array<{ node: Built; workflowId: string; nodeName: string }> = [];
let page: Page;
let dialogPage: Page;
let browser: Browser;

beforeAll(async () => {
	mkdirSync(IMAGES, { recursive: true });
	const credentials = manifest.n8n.credentials.map((file, index) => {
		const loaded = require(path.join(ROOT, file)) as Record<string, new () => { name: string; displayName: string }>;
		const credential = new (Object.values(loaded).find((value) => typeof value === 'function')!)();
		const id = `docsCredential${index}`;
		credentialIds.set(credential.name, id);
		return { id, name: `${credential.displayName} account`, type: credential.name, data: CREDENTIAL_DATA[credential.name] ?? {} };
	});
	for (const [index, platform] of platforms.entries()) {
		const mock = platform.mock();
		const server = await serveMock(mock.handle);
		served.push(server);
		const id = `docsMockCredential${index}`;
		mockCredentialIds.set(platform.credentialType, id);
		const name = credentials.find((credential) => credential.type === platform.credentialType)?.name ?? platform.name;
		credentials.push({ id, name, type: platform.credentialType, data: platform.credentials(mock, server.url) });
	}
	const imported = nodes.map((node, index) => {
		const workflowId = `docsWorkflow${index}`;
		const name = pictureName(node.file);
		const nodeName = node.name;
		workflows.push({ node, workflowId, nodeName });
		const shown = {
			id: randomUUID(),
			name: nodeName,
			type: node.type,
			typeVersion: 1,
			position: [320, 0],
			parameters: SHOWN[name] ?? {},
			...(node.credential
				? { credentials: { [node.credential]: { id: mockCredentialIds.get(node.credential), name: '' } } }
				: {}),
		};
		const start = { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		return {
			id: workflowId,
			name: `Docs: ${nodeName}`,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: node.trigger ? [shown] : [start, shown],
			connections: node.trigger ? {} : { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		};
	});
	for (const workflow of imported) {
		for (const node of workflow.nodes as Array<{ credentials?: Record<string, { id?: string; name: string }> }>) {
			for (const reference of Object.values(node.credentials ?? {})) {
				reference.name = credentials.find((credential) => credential.id === reference.id)?.name ?? '';
			}
		}
	}
	n8n.installPackage();
	await n8n.import('import:credentials', credentials);
	await n8n.import('import:workflow', imported);
	await n8n.start();
	const cookie = await n8n.login();

	browser = await launchBrowser();
	const [name, value] = cookie.split('=');
	const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, deviceScaleFactor: 1 });
	await context.addCookies([{ name, value, url: n8n.url }]);
	page = await context.newPage();
	// Tall enough for every field of the longest credential dialog.
	const tall = await browser.newContext({ viewport: { width: 1100, height: 1300 }, deviceScaleFactor: 1 });
	await tall.addCookies([{ name, value, url: n8n.url }]);
	dialogPage = await tall.newPage();
}, 15 * 60 * 1000);

afterAll(async () => {
	await browser?.close();
	await n8n.stop();
	await Promise.all(served.map((server) => server.close()));
});

describe(`pictures in n8n ${versions.default}`, () => {
	it('each node, its panel open', async () => {
		for (const { node, workflowId, nodeName } of workflows) {
			await page.goto(`${n8n.url}/workflow/${workflowId}`, { waitUntil: 'networkidle' });
			const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
			await canvasNode.first().waitFor({ timeout: 60_000 });
			await canvasNode.first().dblclick();
			await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 30_000 });
			await page.waitForTimeout(1500);
			await page.screenshot({ path: path.join(IMAGES, `${pictureName(node.file)}.png`) });
		}
	});

	it('each credential, its dialog open', async () => {
		for (const file of manifest.n8n.credentials) {
			const loaded = require(path.join(ROOT, file)) as Record<string, new () => { name: string }>;
			const type = new (Object.values(loaded).find((value) => typeof value === 'function')!)().name;
			await dialogPage.goto(`${n8n.url}/home/credentials/${credentialIds.get(type)}`, { waitUntil: 'networkidle' });
			const dialog = dialogPage.locator('[data-test-id="editCredential-modal"] .el-dialog, [data-test-id="editCredential-modal"]');
			await dialog.first().waitFor({ timeout: 30_000 });
			await dialogPage.waitForTimeout(2500);
			// n8n tests a saved credential when its dialog opens; the example values reach no
			// platform from here, so its "Couldn't connect" banner would only confuse a reader.
			await dialogPage.evaluate(() => {
				for (const element of Array.from(document.querySelectorAll('[data-test-id="editCredential-modal"] *'))) {
					const text = element.textContent ?? '';
					if (/^\s*Couldn.t connect with these settings/.test(text) && element.children.length > 0) {
						const banner = element.closest('[role="alert"], [class*="banner"], [class*="Banner"], [class*="callout"]') ?? element;
						(banner as HTMLElement).style.display = 'none';
						break;
					}
				}
			});
			await dialogPage.waitForTimeout(300);
			await dialog.first().screenshot({ path: path.join(IMAGES, `${pictureName(file)}.png`) });
		}
	});
});
