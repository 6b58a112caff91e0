/**
 * A platform that applies its credential's headers itself (PlatformSpec.authHeaders, to
 * spare n8n working the credential out again for every page) must send exactly what the
 * credential's own `authenticate` definition makes n8n send, for every value the credential
 * can hold.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BoomerangmeApi } from '../../credentials/BoomerangmeApi.credentials';
import { KajabiApi } from '../../credentials/KajabiApi.credentials';
import { KwigaApi } from '../../credentials/KwigaApi.credentials';
import { BOOMERANGME } from '../../nodes/Boomerangme/transport';
import { kajabiIdentity } from '../../nodes/Kajabi/token';
import { KAJABI } from '../../nodes/Kajabi/transport';
import { KWIGA } from '../../nodes/Kwiga/transport';
import type { PlatformSpec } from '../../nodes/shared/request';
import { TestCredentialsHelper, TestNodeTypes } from '../harness';

const node: INode = {
	id: 'node',
	name: 'Node',
	type: 'test.start',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const workflow = new Workflow({
	id: 'auth-headers',
	nodes: [node],
	connections: {},
	nodeTypes: new TestNodeTypes({}),
	active: false,
});

const cases: Array<{ spec: PlatformSpec; type: ICredentialType; values: ICredentialDataDecryptedObject[] }> = [
	{
		spec: KWIGA,
		type: new KwigaApi(),
		values: [
			{ token: 'tok-1', cabinetHash: 'cab-1', language: 'uk' },
			{ token: 'tok-2', cabinetHash: 'cab-2', language: '' },
			{ token: 'tok-3', cabinetHash: 'cab-3' },
			{ token: '', cabinetHash: '', language: 'ru' },
		],
	},
	{
		spec: KAJABI,
		type: new KajabiApi(),
		values: [
			// Without the fingerprint of what it was got for (stored by an older version): no token.
			{ accessToken: 'token-abc', clientId: 'id', clientSecret: 'secret' },
			// Got for this client and address: sent.
			{ accessToken: 'token-abc', clientId: 'id', clientSecret: 'secret', tokenIdentity: kajabiIdentity({ clientId: 'id', clientSecret: 'secret' }) },
			{
				accessToken: 'token-def',
				clientId: ' id2 ',
				clientSecret: 's2',
				baseUrl: ' https://proxy.test/kajabi// ',
				tokenIdentity: kajabiIdentity({ clientId: 'id2', clientSecret: 's2', baseUrl: 'https://proxy.test/kajabi' }),
			},
			// Got for another client ID, secret or address (the credential was edited since): not sent.
			{ accessToken: 'token-abc', clientId: 'other', clientSecret: 'secret', tokenIdentity: kajabiIdentity({ clientId: 'id', clientSecret: 'secret' }) },
			{ accessToken: 'token-abc', clientId: 'id', clientSecret: 'new', tokenIdentity: kajabiIdentity({ clientId: 'id', clientSecret: 'secret' }) },
			{ accessToken: 'token-abc', clientId: 'id', clientSecret: 'secret', baseUrl: 'https://b.test', tokenIdentity: kajabiIdentity({ clientId: 'id', clientSecret: 'secret' }) },
			{ accessToken: '', clientId: 'id', clientSecret: 'secret', tokenIdentity: kajabiIdentity({ clientId: 'id', clientSecret: 'secret' }) },
		],
	},
	{
		spec: BOOMERANGME,
		type: new BoomerangmeApi(),
		values: [{ apiKey: 'key-1' }, { apiKey: '' }],
	},
];

describe('PlatformSpec.authHeaders', () => {
	for (const { spec, type, values } of cases) {
		test(`${spec.name}: the same headers as the credential's authenticate`, async () => {
			expect(spec.authHeaders).toBeDefined();
			const helper = new TestCredentialsHelper({ [type.name]: type }, {});
			for (const credentials of values) {
				const byN8n = await helper.authenticate(
					credentials,
					type.name,
					{ url: '/x', headers: { Accept: 'application/json' } },
					workflow,
					node,
				);
				expect({ Accept: 'application/json', ...spec.authHeaders!(credentials) }).toEqual(byN8n.headers);
			}
		});
	}
});

describe('Kajabi: a kept access token is sent only for what it was got for', () => {
	const got = { clientId: 'id', clientSecret: 'secret', baseUrl: 'https://api.kajabi.com' };
	const held = { accessToken: 'token-a', tokenIdentity: kajabiIdentity(got) };
	test.each([
		['the same client, secret and address', { ...got, ...held }, 'Bearer token-a'],
		['the same, written with spaces and a trailing slash', { ...got, clientId: ' id ', baseUrl: 'https://api.kajabi.com/ ', ...held }, 'Bearer token-a'],
		['an empty base URL (the default address)', { ...got, baseUrl: '', ...held }, 'Bearer token-a'],
		['another client ID', { ...got, clientId: 'id-b', ...held }, 'Bearer '],
		['another secret', { ...got, clientSecret: 'secret-b', ...held }, 'Bearer '],
		['another address', { ...got, baseUrl: 'https://proxy.test', ...held }, 'Bearer '],
		['no fingerprint (stored by an older version)', { ...got, accessToken: 'token-a' }, 'Bearer '],
	])('%s', async (_what, credentials, sent) => {
		const type = new KajabiApi();
		const helper = new TestCredentialsHelper({ [type.name]: type }, {});
		const byN8n = await helper.authenticate(credentials, type.name, { url: '/x' }, workflow, node);
		expect(byN8n.headers).toEqual({ Authorization: sent });
		expect(KAJABI.authHeaders!(credentials)).toEqual({ Authorization: sent });
	});
});
