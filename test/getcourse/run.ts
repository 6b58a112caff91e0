import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GetCourseApi } from '../../credentials/GetCourseApi.credentials';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import type { RecordedRequest, RunResult, RunOptions } from '../harness';
import { runNode } from '../harness';

export const BASE_URL = 'https://myschool.getcourse.test';
export const KEY = 'test-secret-key';
export const CREDENTIALS = { account: BASE_URL, secretKey: KEY };

export async function runGetCourse(
	parameters: INodeParameters,
	options: {
		input?: IDataObject[];
		continueOnFail?: boolean;
		onError?: RunOptions['onError'];
		credentials?: IDataObject;
		typeVersion?: number;
	} = {},
): Promise<RunResult> {
	return await runNode({
		nodeType: 'n8n-nodes-creator-commerce.getCourse',
		node: new GetCourse(),
		parameters,
		credentialTypes: { getCourseApi: new GetCourseApi() },
		credentials: { getCourseApi: { ...CREDENTIALS, ...(options.credentials ?? {}) } },
		input: options.input,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		typeVersion: options.typeVersion,
	});
}

/** The day the GetCourse tests run on, in virtual time (test/clock.ts). */
export const TODAY = Date.parse('2026-11-23T10:00:00Z');

/** The form of an import request: its fields, with `params` decoded from base64 JSON. */
export function importForm(request: RecordedRequest): { action: string | null; key: string | null; params: unknown } {
	const form = new URLSearchParams(String(request.body));
	const params = form.get('params');
	return {
		action: form.get('action'),
		key: form.get('key'),
		params: params === null ? undefined : JSON.parse(Buffer.from(params, 'base64').toString('utf8')),
	};
}
