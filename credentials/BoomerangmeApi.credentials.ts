import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BoomerangmeApi implements ICredentialType {
	name = 'boomerangmeApi';

	displayName = 'Boomerangme API';

	icon: Icon = { light: 'file:../icons/boomerangme.svg', dark: 'file:../icons/boomerangme.dark.svg' };

	documentationUrl = 'https://docs.boomerangme.cards/api/api-docs';

	properties: INodeProperties[] = [
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
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v2/customers',
			qs: { page: 1, itemsPerPage: 1 },
			headers: { Accept: 'application/json' },
		},
	};
}
