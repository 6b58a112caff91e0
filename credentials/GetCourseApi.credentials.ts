import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { GETCOURSE_BASE_URL } from '../nodes/GetCourse/address';

export class GetCourseApi implements ICredentialType {
	name = 'getCourseApi';

	displayName = 'GetCourse API';

	icon: Icon = { light: 'file:../icons/getcourse.svg', dark: 'file:../icons/getcourse.dark.svg' };

	// docsUrl('getcourse', 'credentials'), written out for n8n's linter (test/shared/editor.test.ts compares them).
	documentationUrl = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce/blob/main/docs/getcourse.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'In GetCourse open the school\'s API page (<b>myschool.getcourse.ru/saas/account/api</b>, with your school\'s name), generate a <b>secret key</b> with read and write access and copy it. The API works on paid plans only.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Account',
			name: 'account',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. myschool or https://school.example.com',
			description:
				'Your school name as in myschool.getcourse.ru (enter just "myschool"), or the full address of the school: its own domain, a .getcourse.io address or a test server',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret key from the API page of your school (https://myschool.getcourse.ru/saas/account/api); generate it with read and write access. The API is on paid plans only.',
		},
	];

	/**
	 * GetCourse takes the secret key as the form field `key` of import (POST) requests and
	 * as the query parameter `key` of export (GET) requests.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.secretKey ?? '');
		const method = String(requestOptions.method ?? 'GET').toUpperCase();
		if (method === 'GET') {
			return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), key } };
		}
		const body = requestOptions.body;
		if (body instanceof URLSearchParams) {
			const form = new URLSearchParams(body);
			form.set('key', key);
			return { ...requestOptions, body: form };
		}
		return { ...requestOptions, body: { ...((body as IDataObject) ?? {}), key } };
	}

	// The fields directory is not an export request, so the test spends none of the export budget.
	test: ICredentialTestRequest = {
		request: {
			// The key is only ever sent to the address in the credential, never where a redirect points.
			disableFollowRedirect: true,
			baseURL: GETCOURSE_BASE_URL,
			url: '/pl/api/account/fields',
			method: 'POST',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: { action: 'get' },
		},
		rules: [
			{
				// Any web server can answer 200; GetCourse's answers always carry `success`.
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message:
						'The address answered, but not as GetCourse\'s API. Check the Account: your school name (myschool) or the full address of the school.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						'GetCourse refused the secret key. Check that the key is copied whole from the API page of the school (/saas/account/api), that it belongs to this school, and that the school is on a paid plan (the API is closed on the trial plan).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result.error',
					value: true,
					message:
						'GetCourse answered with an error. Check the secret key and that the API is enabled on the school\'s plan.',
				},
			},
		],
	};
}
