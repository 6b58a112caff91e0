import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KajabiApi } from '../../credentials/KajabiApi.credentials';
import { forgetKajabiTokens } from '../../nodes/Kajabi/token';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { clock, resetGates } from '../../nodes/shared/gate';
import type { RunResult, RunOptions } from '../harness';
import { interceptHttp, resetHttp, runNode } from '../harness';
import { KajabiMock } from '../mocks/kajabi';

export const BASE_URL = 'https://api.kajabi.test';
export const CREDENTIALS = { clientId: 'test-client', clientSecret: 'test-secret', baseUrl: BASE_URL };

export async function runKajabi(
	parameters: INodeParameters,
	options: { input?: IDataObject[]; continueOnFail?: boolean; onError?: RunOptions['onError']; credentials?: IDataObject } = {},
): Promise<RunResult> {
	return await runNode({
		nodeType: 'n8n-nodes-creator-commerce.kajabi',
		node: new Kajabi(),
		parameters,
		credentialTypes: { kajabiApi: new KajabiApi() },
		credentials: { kajabiApi: { ...CREDENTIALS, ...(options.credentials ?? {}) } },
		input: options.input,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
	});
}

/** A fresh mock Kajabi mounted at BASE_URL, with virtual time for the rate gate. */
export function mountKajabi(mock = new KajabiMock()): KajabiMock {
	interceptHttp(BASE_URL, mock.handle);
	return mock;
}

const realClock = { ...clock };
let now = 1_700_000_000_000;

/** Makes the gate's waits virtual: time moves only as far as a wait asks. */
export function virtualTime(): void {
	clock.now = () => now;
	clock.sleep = async (ms: number) => {
		now += ms;
	};
}

export function resetKajabi(): void {
	resetHttp();
	resetGates();
	forgetKajabiTokens();
	Object.assign(clock, realClock);
}

/** The requests a mock saw after the token exchange. */
export const apiRequests = (mock: KajabiMock) => mock.requests.filter((request) => request.path !== '/v1/oauth/token');
