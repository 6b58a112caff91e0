import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GetCourseApi } from '../../credentials/GetCourseApi.credentials';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { clock, resetGates } from '../../nodes/shared/gate';
import type { RecordedRequest, RunResult } from '../harness';
import { runNode } from '../harness';

export const BASE_URL = 'https://myschool.getcourse.test';
export const KEY = 'test-secret-key';
export const CREDENTIALS = { account: BASE_URL, secretKey: KEY };

export async function runGetCourse(
	parameters: INodeParameters,
	options: { input?: IDataObject[]; continueOnFail?: boolean; credentials?: IDataObject } = {},
): Promise<RunResult> {
	return await runNode({
		nodeType: 'n8n-nodes-creator-commerce.getCourse',
		node: new GetCourse(),
		parameters,
		credentialTypes: { getCourseApi: new GetCourseApi() },
		credentials: { getCourseApi: { ...CREDENTIALS, ...(options.credentials ?? {}) } },
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
}

/** Virtual time for the gate, the export waits and the mock: sleeping moves the clock on at once. */
export class VirtualClock {
	now: number;

	slept: number[] = [];

	private readonly original = { now: clock.now, sleep: clock.sleep };

	constructor(start = Date.parse('2026-11-23T10:00:00Z')) {
		this.now = start;
		clock.now = () => this.now;
		clock.sleep = async (ms: number) => {
			this.slept.push(ms);
			this.now += ms;
			await Promise.resolve();
		};
	}

	restore(): void {
		clock.now = this.original.now;
		clock.sleep = this.original.sleep;
		resetGates();
	}
}

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
