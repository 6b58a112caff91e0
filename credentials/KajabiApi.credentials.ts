import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { KAJABI_BASE_URL } from '../nodes/Kajabi/address';
import { KAJABI_AUTHORIZATION, kajabiAccessToken, kajabiIdentity } from '../nodes/Kajabi/token';

export class KajabiApi implements ICredentialType {
	name = 'kajabiApi';

	displayName = 'Kajabi API';

	icon: Icon = { light: 'file:../icons/kajabi.svg', dark: 'file:../icons/kajabi.dark.svg' };

	// docsUrl('kajabi', 'credentials'), written out for n8n's linter (test/shared/editor.test.ts compares them).
	documentationUrl = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce/blob/main/docs/kajabi.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'In Kajabi open <b>Settings → Security → User API Keys</b>, click <b>Create User API Key</b>, choose the user and what the key may do (its permissions), and copy the <b>Client ID</b> and <b>Client Secret</b> it shows.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'The client_id of a User API Key (Kajabi admin: Settings → Security → User API Keys). The key\'s permissions decide what this credential may do.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The client_secret shown next to the client ID',
		},
		{
			displayName:
				'<b>Advanced</b>: the settings below work as they are. Change them only to share the API key with other tools or n8n workers, or to go through a proxy or a test server.',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Rate Limit (Requests)',
			name: 'rateLimitRequests',
			type: 'number',
			default: 100,
			typeOptions: { minValue: 1 },
			description:
				'How many requests this n8n sends with this API key per window below, shared by every node and trigger using the credential. Kajabi publishes no limit; lower it when other tools or other n8n workers use the same key (each n8n process keeps its own count).',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			description: 'The window the rate limit above counts over',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kajabi.com',
			description: 'Leave as it is unless you reach Kajabi through a proxy or a test server',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// A fingerprint (hash) of the base URL, client ID and secret the access token was got for.
			displayName: 'Token Identity',
			name: 'tokenIdentity',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Gets an access token when the credential has none (first use, after Kajabi answered
	 * 401, or after the client ID, secret or base URL changed). Concurrent calls share one
	 * exchange, and a token is reused by this n8n until shortly before it expires, unless
	 * Kajabi refused it. The token is stored with the fingerprint of what it was got for.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokenIdentity = kajabiIdentity(credentials);
		return { accessToken: await kajabiAccessToken(this, credentials), tokenIdentity };
	}

	/**
	 * Sends the access token as a Bearer token — none when the credential holds it for
	 * another client or address (edited since): Kajabi answers 401 and n8n gets a new one.
	 * An object (not code), so that n8n offers the Custom API Call and the HTTP Request node
	 * can sign with it.
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: KAJABI_AUTHORIZATION },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// The key is only ever sent to the address in the credential, never where a redirect points.
			disableFollowRedirect: true,
			baseURL: KAJABI_BASE_URL,
			url: '/v1/me',
			headers: { Accept: 'application/vnd.api+json' },
		},
	};
}
