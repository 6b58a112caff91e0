/**
 * The platforms the end-to-end suite runs, each against its own mock server, in one n8n per
 * pinned n8n version (test/e2e/package.e2e.test.ts). For every entry and version the suite:
 *  - runs one workflow with a node per OperationCase (Manual Trigger -> every node) once with
 *    `n8n execute`, and checks per case: no error, at least one item out, and the mock saw
 *    `request.method` + `request.path` carrying the credential's auth (`authorized`);
 *  - checks that the cases cover every resource/operation in the node's description;
 *  - tests the credential through n8n's REST API (POST /rest/credentials/test): it must pass
 *    against the mock and fail with a clear message with a wrong key, a closed port and a
 *    host that answers an HTML page;
 *  - loads every dropdown (loadOptionsMethod) and searchable list (searchListMethod) found in
 *    the node's description through n8n's REST API, as the editor does, and checks that each
 *    returns at least one entry with an authorized request to the mock. `dropdowns` only
 *    gives settings for some of them (the other parameters, a search text).
 * Triggers and other extra checks go in test/e2e/suites/<platform>.ts (see suites/README.md).
 *
 * Adding a platform is one entry below:
 *
 *   platform({
 *     name: 'Kajabi',
 *     nodeType: 'n8n-nodes-creator-commerce.kajabi',     // <package>.<description.name>
 *     credentialType: 'kajabiApi',
 *     mock: () => new KajabiMock(),                       // test/mocks/kajabi.ts
 *     credentials: (mock, baseUrl) => ({ clientId: mock.clientId, clientSecret: mock.secret, baseUrl }),
 *     wrongKey: (mock, baseUrl) => ({ clientId: mock.clientId, clientSecret: 'wrong', baseUrl }),
 *     authorized: (request, mock) => request.headers.authorization === `Bearer ${mock.accessToken}`,
 *     cases: kajabiCases,                                 // test/kajabi/cases.ts
 *     dropdowns: [{ method: 'searchContacts', filter: 'a' }],   // optional
 *   }),
 *
 * `credentials(mock, baseUrl)` must point the credential's base URL / domain field at
 * `baseUrl` (the suite also passes unreachable URLs there for the wrong-host tests).
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { boomerangmeCases } from '../boomerangme/cases';
import { getCourseCases } from '../getcourse/cases';
import type { MockHandler, RecordedRequest } from '../harness';
import { kajabiCases } from '../kajabi/cases';
import { kwigaCases } from '../kwiga/cases';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { GetCourseMock } from '../mocks/getcourse';
import { KajabiMock } from '../mocks/kajabi';
import { KwigaMock } from '../mocks/kwiga';
import { REMP_USERS, RempCrmMock } from '../mocks/rempCrm';
import { rempCases } from '../remp/cases';
import type { OperationCase } from './cases';

/** What the suite needs of a mock: its handler (served over HTTP) and what it received. */
export interface PlatformMock {
	handle: MockHandler;
	requests: RecordedRequest[];
}

/** Settings for loading one dropdown or searchable list of the node (all load without any). */
export interface Dropdown {
	/** The loadOptionsMethod or searchListMethod name. */
	method: string;
	/** The node's other parameters while the dropdown loads (default: none). */
	parameters?: INodeParameters;
	/** For a searchable list: the text typed into its search box (default: none). */
	filter?: string;
}

export interface Platform<M extends PlatformMock = PlatformMock> {
	/** As users know it: "KWIGA". */
	name: string;
	/** The node type as n8n names it: '<package name>.<description.name>'. */
	nodeType: string;
	credentialType: string;
	/** A fresh mock with its default data; one per n8n version. */
	mock(): M;
	/** Credential data that works against `mock` served at `baseUrl`. */
	credentials(mock: M, baseUrl: string): ICredentialDataDecryptedObject;
	/** The same credential with a key/token the mock rejects. */
	wrongKey(mock: M, baseUrl: string): ICredentialDataDecryptedObject;
	/** Whether a request the mock recorded carried the credential's auth. */
	authorized(request: RecordedRequest, mock: M): boolean;
	cases: OperationCase[];
	dropdowns?: Dropdown[];
}

/** Keeps each entry's mock type while the list holds them all. */
function platform<M extends PlatformMock>(entry: Platform<M>): Platform {
	return entry as unknown as Platform;
}

export const platforms: Platform[] = [
	platform({
		name: 'KWIGA',
		nodeType: 'n8n-nodes-creator-commerce.kwiga',
		credentialType: 'kwigaApi',
		mock: () => new KwigaMock(),
		credentials: (mock, baseUrl) => ({ token: mock.token, cabinetHash: mock.cabinetHash, baseUrl, language: 'en' }),
		wrongKey: (mock, baseUrl) => ({ token: 'not-the-token', cabinetHash: mock.cabinetHash, baseUrl, language: 'en' }),
		authorized: (request, mock) =>
			request.headers.token === mock.token && request.headers['cabinet-hash'] === mock.cabinetHash,
		cases: kwigaCases,
		dropdowns: [{ method: 'searchContacts', filter: 'student1' }],
	}),
	platform({
		// Export files are ready at the first check here (the unit tests cover 909 and 905).
		name: 'GetCourse',
		nodeType: 'n8n-nodes-creator-commerce.getCourse',
		credentialType: 'getCourseApi',
		mock: () => new GetCourseMock({ notReadyChecks: 0 }),
		credentials: (mock, baseUrl) => ({ account: baseUrl, secretKey: mock.key }),
		wrongKey: (_mock, baseUrl) => ({ account: baseUrl, secretKey: 'not-the-key' }),
		// The key is a query parameter of exports (GET) and a form field of imports (POST).
		authorized: (request, mock) =>
			(request.method === 'GET'
				? request.query.key
				: new URLSearchParams(typeof request.body === 'string' ? request.body : '').get('key')) === mock.key,
		cases: getCourseCases,
		dropdowns: [{ method: 'searchGroups' }],
	}),
	platform({
		name: 'Boomerangme',
		nodeType: 'n8n-nodes-creator-commerce.boomerangme',
		credentialType: 'boomerangmeApi',
		mock: () => new BoomerangmeMock(),
		credentials: (mock, baseUrl) => ({ apiKey: mock.apiKey, baseUrl }),
		wrongKey: (_mock, baseUrl) => ({ apiKey: 'not-the-key', baseUrl }),
		authorized: (request, mock) => request.headers['x-api-key'] === mock.apiKey,
		cases: boomerangmeCases,
		dropdowns: [{ method: 'searchCustomers', filter: 'customer1' }, { method: 'searchTemplates', filter: 'stamp' }],
	}),
	platform({
		// Email and Password, so that n8n's own preAuthentication logs in and keeps the token.
		name: 'REMP CRM',
		nodeType: 'n8n-nodes-creator-commerce.rempCrm',
		credentialType: 'rempCrmApi',
		mock: () => new RempCrmMock(),
		credentials: (_mock, baseUrl) => ({
			baseUrl,
			authentication: 'emailPassword',
			email: REMP_USERS.admin.email,
			password: REMP_USERS.admin.password,
		}),
		wrongKey: (_mock, baseUrl) => ({
			baseUrl,
			authentication: 'emailPassword',
			email: REMP_USERS.admin.email,
			password: 'not-the-password',
		}),
		// The login carries its email and password; every other call a user token the mock knows.
		authorized: (request, mock) =>
			request.path === '/api/v1/users/login'
				? typeof request.body === 'string' && new URLSearchParams(request.body).has('password')
				: mock.tokens.has((request.headers.authorization ?? '').replace(/^Bearer /, '')),
		cases: rempCases,
	}),
	platform({
		// Client credentials: n8n's preAuthentication gets the token (POST /v1/oauth/token) and keeps it.
		name: 'Kajabi',
		nodeType: 'n8n-nodes-creator-commerce.kajabi',
		credentialType: 'kajabiApi',
		mock: () => new KajabiMock(),
		credentials: (mock, baseUrl) => ({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl }),
		wrongKey: (mock, baseUrl) => ({ clientId: mock.clientId, clientSecret: 'not-the-secret', baseUrl }),
		// The token exchange carries the client credentials; every other call a token the mock issued.
		authorized: (request, mock) =>
			request.path === '/v1/oauth/token'
				? typeof request.body === 'string' && new URLSearchParams(request.body).get('client_secret') === mock.clientSecret
				: mock.valid.has((request.headers.authorization ?? '').replace(/^Bearer /, '')),
		cases: kajabiCases,
		dropdowns: [
			{ method: 'searchContacts', filter: 'student' },
			{ method: 'searchCustomers', filter: 'student' },
		],
	}),
];
