import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KwigaApi } from '../../credentials/KwigaApi.credentials';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import type { RunResult, RunOptions } from '../harness';
import { runNode } from '../harness';

export const BASE_URL = 'https://api.kwiga.test';
export const CREDENTIALS = { token: 'test-token', cabinetHash: 'test-cabinet', baseUrl: BASE_URL };

export async function runKwiga(
	parameters: INodeParameters,
	options: { input?: IDataObject[]; continueOnFail?: boolean; onError?: RunOptions['onError']; credentials?: IDataObject } = {},
): Promise<RunResult> {
	return await runNode({
		nodeType: 'n8n-nodes-creator-commerce.kwiga',
		node: new Kwiga(),
		parameters,
		credentialTypes: { kwigaApi: new KwigaApi() },
		credentials: { kwigaApi: { ...CREDENTIALS, ...(options.credentials ?? {}) } },
		input: options.input,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
	});
}
