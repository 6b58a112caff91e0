/**
 * The one rule for the CRM's address: the expression n8n resolves for every request of the
 * node (requestDefaults) and for the credential's test gives the same address as the code
 * the node checks the credential with and logs in at.
 */
import { Workflow } from 'n8n-workflow';

import { RempCrmApi } from '../../credentials/RempCrmApi.credentials';
import { REMP_BASE_URL, rempBaseUrl } from '../../nodes/RempCrm/address';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';
import { TestNodeTypes } from '../harness';

const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: new TestNodeTypes({}) });

/** What n8n makes of an expression for a credential with this Base URL. */
const resolve = (expression: unknown, baseUrl: string) =>
	workflow.expression.getParameterValue(expression as string, null, 0, 0, 'test', [], 'internal', {
		$credentials: { baseUrl },
	});

const ADDRESSES: Array<[string, string]> = [
	['https://crm.example.com', 'https://crm.example.com'],
	[' https://crm.example.com/ ', 'https://crm.example.com'],
	['https://crm.example.com///', 'https://crm.example.com'],
	['http://127.0.0.1:8080/crm/', 'http://127.0.0.1:8080/crm'],
	['', ''],
];

test('the node\'s runners set the address (rempBaseUrl), not an expression in requestDefaults', () => {
	expect(new RempCrm().description.requestDefaults?.baseURL).toBeUndefined();
});

test.each(ADDRESSES)('Base URL %j is the address %j, in the expression and in the code', (baseUrl, address) => {
	expect(resolve(REMP_BASE_URL, baseUrl)).toBe(address);
	expect(rempBaseUrl({ baseUrl })).toBe(address);
});

test.each(ADDRESSES)('the credential\'s test asks Base URL %j at the same address %j', (baseUrl, address) => {
	expect(resolve(new RempCrmApi().test.request.baseURL, baseUrl)).toBe(address);
});
