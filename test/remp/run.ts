import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { RempCrmApi } from '../../credentials/RempCrmApi.credentials';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';
import { forgetRempSessions } from '../../nodes/RempCrm/session';
import type { RecordedRequest, RunResult, RunOptions } from '../harness';
import { interceptHttp, resetHttp, runNode } from '../harness';
import { REMP_USERS, RempCrmMock } from '../mocks/rempCrm';

export const BASE_URL = 'https://crm.remp.test';

/** A credential with the admin's user token. */
export const TOKEN_CREDENTIALS: ICredentialDataDecryptedObject = {
	baseUrl: BASE_URL,
	authentication: 'userToken',
	userToken: REMP_USERS.admin.token,
};

/** A credential that logs in with the admin's email and password. */
export const LOGIN_CREDENTIALS: ICredentialDataDecryptedObject = {
	baseUrl: BASE_URL,
	authentication: 'emailPassword',
	email: REMP_USERS.admin.email,
	password: REMP_USERS.admin.password,
};

export async function runRemp(
	parameters: INodeParameters,
	options: { input?: IDataObject[]; continueOnFail?: boolean; onError?: RunOptions['onError']; credentials?: ICredentialDataDecryptedObject } = {},
): Promise<RunResult> {
	return await runNode({
		nodeType: 'n8n-nodes-creator-commerce.rempCrm',
		node: new RempCrm(),
		parameters,
		credentialTypes: { rempCrmApi: new RempCrmApi() },
		credentials: { rempCrmApi: { ...(options.credentials ?? TOKEN_CREDENTIALS) } },
		input: options.input,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
	});
}

/**
 * A fresh mock REMP CRM at BASE_URL for every test of the file, and no login kept after it:
 * `current.mock` and `current.requests` (what reached the mock) are the running test's.
 */
export function rempPerTest(): { mock: RempCrmMock; requests: RecordedRequest[] } {
	const current = { mock: new RempCrmMock(), requests: [] as RecordedRequest[] };
	beforeEach(() => {
		current.mock = new RempCrmMock();
		current.requests = interceptHttp(BASE_URL, current.mock.handle);
	});
	afterEach(() => {
		resetHttp();
		forgetRempSessions();
	});
	return current;
}
