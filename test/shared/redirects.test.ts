/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules; n8n's rules for node code do not apply to it */
/**
 * No credential ever leaves for another host: a platform address that answers with a
 * redirect to a second server makes the item fail, naming where it pointed, and the second
 * server — which records every header, query and body it gets — receives nothing. For every
 * platform, a read and a write, and the token exchange / login of the platforms that have one.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult } from '../harness';
import { resetHttp } from '../harness';
import { runBoomerangme } from '../boomerangme/run';
import { runGetCourse } from '../getcourse/run';
import { resetKajabi, runKajabi } from '../kajabi/run';
import { runKwiga } from '../kwiga/run';
import { KajabiMock } from '../mocks/kajabi';
import { REMP_COUPONS, REMP_USERS, RempCrmMock } from '../mocks/rempCrm';
import { runRemp } from '../remp/run';

interface Listening {
	server: Server;
	url: string;
}

async function listen(handler: (request: IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body?: string }): Promise<Listening> {
	const server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			const answer = handler(request, body);
			response.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) });
			response.end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What the second server received. */
let stolen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];
let elsewhere: Listening;

beforeAll(async () => {
	elsewhere = await listen((request, body) => {
		stolen.push({ method: request.method, url: request.url, headers: request.headers, body });
		return { status: 200, body: JSON.stringify({ data: [], success: true }) };
	});
});

afterAll(async () => {
	await new Promise((resolve) => elsewhere.server.close(resolve));
});

beforeEach(() => {
	stolen = [];
	nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
	resetHttp();
	resetKajabi();
});

/**
 * A platform address that redirects everything to the second server (with a query that would
 * carry a secret along), except the paths `own` answers itself (a token exchange, a login).
 */
async function redirecting(own?: (request: IncomingMessage, body: string) => { status: number; body?: string } | undefined) {
	return await listen((request, body) => {
		const answer = own?.(request, body);
		if (answer) return answer;
		return { status: 302, headers: { Location: `${elsewhere.url}/collect${request.url ?? ''}${request.url?.includes('?') ? '&' : '?'}from=redirect` } };
	});
}

/** The mock platform's answer to one request, over real HTTP. */
function mockAnswer(handle: KajabiMock['handle'], request: IncomingMessage, body: string) {
	const url = new URL(request.url ?? '/', 'http://localhost');
	const answer = handle({
		method: request.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: request.headers as Record<string, string>,
		body,
	});
	return { status: answer.status, body: JSON.stringify(answer.body) };
}

interface Case {
	platform: string;
	what: string;
	run: (server: Listening) => Promise<RunResult>;
	own?: (request: IncomingMessage, body: string) => { status: number; body?: string } | undefined;
}

type Runner = (parameters: INodeParameters, options: { credentials?: IDataObject }) => Promise<RunResult>;

/** Runs the node once with the credential's address at the redirecting server. */
const read = (run: Runner, parameters: INodeParameters, credentials: (url: string) => IDataObject) =>
	async (server: Listening) => await run(parameters, { credentials: credentials(server.url) });

const kajabi = new KajabiMock();
const remp = new RempCrmMock();

const CASES: Case[] = [
	{
		platform: 'KWIGA',
		what: 'Contact → Get (Token and Cabinet-Hash headers)',
		run: read(runKwiga, { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '1' } }, (baseUrl) => ({ baseUrl })),
	},
	{
		platform: 'KWIGA',
		what: 'Contact → Add Tags (a write)',
		run: read(runKwiga, { resource: 'contact', operation: 'addTags', contactIds: '1', tags: 'vip' }, (baseUrl) => ({ baseUrl })),
	},
	{
		platform: 'GetCourse',
		what: 'Group → Get Many (the key in the query)',
		run: read(runGetCourse, { resource: 'group', operation: 'getAll' }, (account) => ({ account })),
	},
	{
		platform: 'GetCourse',
		what: 'User → Set Groups (the key in the form body)',
		run: read(runGetCourse, { resource: 'user', operation: 'setGroups', userId: '1000', groupNames: ['Webinar'] }, (account) => ({ account })),
	},
	{
		platform: 'Boomerangme',
		what: 'Customer → Get Many (X-API-Key header)',
		run: read(runBoomerangme, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 5 }, (baseUrl) => ({ baseUrl })),
	},
	{
		platform: 'Kajabi',
		what: 'the token exchange (client secret in the body)',
		run: read(runKajabi, { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '101' } }, (baseUrl) => ({ baseUrl })),
	},
	{
		platform: 'Kajabi',
		what: 'Contact → Get after a token was issued (Bearer token)',
		run: read(runKajabi, { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '101' } }, (baseUrl) => ({ baseUrl, clientId: kajabi.clientId, clientSecret: kajabi.clientSecret })),
		own: (request, body) => (request.url === '/v1/oauth/token' ? mockAnswer(kajabi.handle, request, body) : undefined),
	},
	{
		platform: 'REMP CRM',
		what: 'the login (email and password in the body)',
		run: read(runRemp as Runner, { resource: 'coupon', operation: 'activate', code: REMP_COUPONS.fresh }, (baseUrl) => ({
			baseUrl,
			authentication: 'emailPassword',
			email: REMP_USERS.admin.email,
			password: REMP_USERS.admin.password,
		})),
	},
	{
		platform: 'REMP CRM',
		what: 'Coupon → Activate after a login (Bearer token)',
		run: read(runRemp as Runner, { resource: 'coupon', operation: 'activate', code: REMP_COUPONS.fresh }, (baseUrl) => ({
			baseUrl,
			authentication: 'emailPassword',
			email: REMP_USERS.admin.email,
			password: REMP_USERS.admin.password,
		})),
		own: (request, body) => (request.url === '/api/v1/users/login' ? mockAnswer(remp.handle, request, body) : undefined),
	},
];

test.each(CASES)('$platform, $what: a redirect fails the item and the other host receives nothing', async ({ run, own }) => {
	const server = await redirecting(own);
	try {
		const result = await run(server);

		expect(stolen).toEqual([]);
		expect(result.error).toBeDefined();
		expect(result.error!.message).toContain('redirect');
		// Where it pointed, without the query (which could carry a secret).
		expect(`${result.error!.message} ${result.error!.description ?? ''}`).toContain(`${elsewhere.url}/collect`);
		expect(JSON.stringify(result.error)).not.toContain('from=redirect');
	} finally {
		await new Promise((resolve) => server.server.close(resolve));
	}
});
