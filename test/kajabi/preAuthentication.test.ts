/**
 * The harness's emulation of n8n's CredentialsHelper.preAuthentication, which the Kajabi
 * credential relies on: when it calls the credential type, and what it stores.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	INode,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness';

const node = { name: 'Node', credentials: { tokenApi: { id: '1', name: 'tokenApi' } } } as unknown as INode;
const helpers = { helpers: { httpRequest: jest.fn() } } as unknown as IHttpRequestHelper;

function setup(expirable = true) {
	const calls: ICredentialDataDecryptedObject[] = [];
	const type: ICredentialType = {
		name: 'tokenApi',
		displayName: 'Token API',
		properties: [
			{ displayName: 'Key', name: 'key', type: 'string', default: '' },
			{
				displayName: 'Token',
				name: 'token',
				type: 'hidden',
				typeOptions: expirable ? { expirable: true } : {},
				default: '',
			},
		],
		async preAuthentication(credentials) {
			calls.push({ ...credentials });
			return { token: `fresh-${calls.length}` };
		},
	};
	const helper = new TestCredentialsHelper({ tokenApi: type }, { tokenApi: { key: 'k' } });
	return { helper, calls };
}

const decrypted = async (helper: TestCredentialsHelper) =>
	await helper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: '1', name: 'tokenApi' }, 'tokenApi');

describe('harness preAuthentication (as n8n does it)', () => {
	it('calls the credential type when the expirable field is empty, stores and merges the result', async () => {
		const { helper, calls } = setup();
		const credentials = await decrypted(helper);
		const result = await helper.preAuthentication(helpers, credentials, 'tokenApi', node, false);
		expect(calls).toEqual([{ key: 'k', token: '' }]);
		expect(result).toBe(credentials);
		expect(credentials.token).toBe('fresh-1');
		expect(await decrypted(helper)).toEqual({ key: 'k', token: 'fresh-1' });
	});

	it('leaves a credential with a token alone unless the token is known to have expired', async () => {
		const { helper, calls } = setup();
		const credentials = { key: 'k', token: 'kept' };
		expect(await helper.preAuthentication(helpers, credentials, 'tokenApi', node, false)).toBeUndefined();
		expect(calls).toHaveLength(0);
		await helper.preAuthentication(helpers, credentials, 'tokenApi', node, true);
		expect(calls).toHaveLength(1);
		expect(credentials.token).toBe('fresh-1');
	});

	it('does nothing for a credential type without an expirable hidden field', async () => {
		const { helper, calls } = setup(false);
		const credentials = { key: 'k', token: '' };
		expect(await helper.preAuthentication(helpers, credentials, 'tokenApi', node, false)).toBeUndefined();
		expect(calls).toHaveLength(0);
	});
});
