import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { REMP_BASE_URL } from '../nodes/RempCrm/address';
import {
	REMP_LOGIN_PATH,
	rempCurrentSession,
	rempIdentity,
	rempLogsIn,
	rempSessionToken,
} from '../nodes/RempCrm/session';

export class RempCrmApi implements ICredentialType {
	name = 'rempCrmApi';

	displayName = 'REMP CRM API';

	icon: Icon = { light: 'file:../icons/rempCrm.svg', dark: 'file:../icons/rempCrm.dark.svg' };

	// docsUrl('remp-crm', 'credentials'), written out for n8n's linter (test/shared/editor.test.ts compares them).
	documentationUrl = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce/blob/main/docs/remp-crm.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'Enter the address you open your REMP CRM at, and the <b>email and password</b> of the CRM user that coupons are activated for (the same login as on the CRM\'s sign-in page). A user token works too: choose <b>User Token</b> below.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://crm.example.com',
			description:
				'The address of your REMP CRM, as you open it in the browser, without /api. REMP CRM runs on each publisher\'s own server, so there is no common address.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'emailPassword',
			options: [
				{
					name: 'Email and Password',
					value: 'emailPassword',
					description:
						'A CRM user\'s email and password; n8n logs in once and keeps the token until REMP CRM refuses it',
				},
				{
					name: 'User Token',
					value: 'userToken',
					description: 'A token of one CRM user, for example from the REMP CRM node\'s User → Log In',
				},
			],
			description: 'Coupons are activated for the user this credential logs in as, unless an item gives its own user token',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			displayOptions: { show: { authentication: ['emailPassword'] } },
			description: 'The email the user signs in to the CRM with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { authentication: ['emailPassword'] } },
			description: 'The user\'s CRM password',
		},
		{
			displayName: 'User Token',
			name: 'userToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['userToken'] } },
			description:
				'The token of a CRM user: the token the REMP CRM node\'s User → Log In operation returns (or the n_token cookie of a user signed in to the CRM). Leave empty only if every item gives its own token in the node\'s User Token option.',
		},
		{
			displayName:
				'<b>Advanced</b>: the settings below work as they are. Lower them only for a small CRM server.',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Rate Limit (Requests)',
			name: 'rateLimitRequests',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1 },
			description:
				'How many requests this n8n sends to the CRM with this credential per window below. REMP CRM documents no limit; lower it if your CRM server is small (each n8n process keeps its own count).',
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
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// A fingerprint (hash) of the address, email and password the session token was got for.
			displayName: 'Token Identity',
			name: 'tokenIdentity',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * With Email and Password, logs in when the credential holds no token yet (first use,
	 * after REMP CRM refused the one it held, or after the address, email or password
	 * changed). The token is stored with the fingerprint of what it was got for. With a User
	 * Token there is nothing to do.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (!rempLogsIn(credentials)) return {};
		const tokenIdentity = rempIdentity(credentials);
		return { sessionToken: await rempSessionToken(this, credentials), tokenIdentity };
	}

	/**
	 * Sends the user token as a Bearer token. A request that already carries a token (the
	 * node's per-item User Token) keeps it, and the login itself is sent without one. A
	 * session token kept from before the address, email or password changed is not sent:
	 * REMP CRM refuses the request, and n8n logs in again where it retries (HTTP Request node).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...((requestOptions.headers as IDataObject | undefined) ?? {}) };
		const given = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
		if (given || String(requestOptions.url ?? '').endsWith(REMP_LOGIN_PATH)) return requestOptions;
		if (rempLogsIn(credentials)) {
			const session = rempCurrentSession(credentials);
			return session ? { ...requestOptions, headers: { ...headers, Authorization: `Bearer ${session}` } } : requestOptions;
		}
		// A token copied from a header may come with "Bearer " in front.
		const bare = String(credentials.userToken ?? '')
			.trim()
			.replace(/^bearer\s+/i, '');
		return { ...requestOptions, headers: { ...headers, Authorization: `Bearer ${bare}` } };
	}

	// The users module's "who am I" call: answers for any valid user token.
	test: ICredentialTestRequest = {
		request: {
			// The key is only ever sent to the address in the credential, never where a redirect points.
			disableFollowRedirect: true,
			baseURL: REMP_BASE_URL,
			url: '/api/v1/user/info',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				// Any server can answer 200; REMP CRM's answer names the token's user.
				type: 'responseSuccessBody',
				properties: {
					key: 'user.id',
					value: undefined,
					message:
						'The Base URL answered, but not as REMP CRM: its answer names no CRM user. Check the Base URL: it should be the address of your REMP CRM, without /api.',
				},
			},
		],
	};
}
