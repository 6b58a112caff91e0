import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BOOMERANGME_BASE_URL } from '../nodes/Boomerangme/address';

export class BoomerangmeApi implements ICredentialType {
	name = 'boomerangmeApi';

	displayName = 'Boomerangme API';

	icon: Icon = { light: 'file:../icons/boomerangme.svg', dark: 'file:../icons/boomerangme.dark.svg' };

	// docsUrl('boomerangme', 'credentials'), written out for n8n's linter (test/shared/editor.test.ts compares them).
	documentationUrl = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce/blob/main/docs/boomerangme.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'In Boomerangme click the <b>settings icon</b>, then <b>Integrations</b> at the top, and copy the <b>API key</b>. An agency clicks the user icon first; a sub-account finds its own key further down its Integrations page.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'In Boomerangme click the settings icon, then Integrations at the top, and copy the API key. Agencies click the user icon first; sub-accounts find their own key further down the Integrations page.',
		},
		{
			displayName:
				'<b>Advanced</b>: the settings below work as they are. Change them only to share the API key with other tools, or to go through a proxy or a test server.',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Rate Limit (Requests)',
			name: 'rateLimitRequests',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 1 },
			description:
				'How many requests this n8n sends with this key per window below. Boomerangme publishes no limit; 5 a second stays below what public integrations use. Lower it when other tools use the same key (each n8n process keeps its own count).',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1 },
			description: 'The window the rate limit above counts over',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.digitalwallet.cards',
			description: 'Leave as it is unless you reach Boomerangme through a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-API-Key': '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// The key is only ever sent to the address in the credential, never where a redirect points.
			disableFollowRedirect: true,
			baseURL: BOOMERANGME_BASE_URL,
			url: '/api/v2/customers',
			qs: { page: 1, itemsPerPage: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				// Any server can answer 200; Boomerangme's answers carry their own `code`.
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The Base URL answered, but not as Boomerangme: its answer has no Boomerangme "code". Check the Base URL (https://api.digitalwallet.cards).',
				},
			},
		],
	};
}
