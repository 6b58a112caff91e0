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

/** Where REMP CRM's users module exchanges an email and password for a user token. */
export const REMP_LOGIN_PATH = '/api/v1/users/login';

/** The start of the error a refused credential login throws; the node recognises it by this. */
export const REMP_LOGIN_REFUSED = 'REMP CRM refused the email and password of the credential';

/** The start of the error a login answer without a token throws (not REMP CRM at that address). */
export const REMP_LOGIN_NO_TOKEN = 'REMP CRM answered the login without a user token';

export function rempBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/**
 * Whether the credential logs in with its email and password. Credentials saved while User
 * Token was the first choice may hold no Authentication value, and n8n fills in today's first
 * choice (Email and Password): one that holds a token and no email keeps using its token.
 */
export function rempLogsIn(credentials: ICredentialDataDecryptedObject): boolean {
	if (credentials.authentication !== 'emailPassword') return false;
	const email = String(credentials.email ?? '').trim();
	const token = String(credentials.userToken ?? '').trim();
	return email !== '' || token === '';
}

/** A failed login is reported to every later item for this long instead of being tried again. */
const FAILED_LOGIN_KEPT_MS = 60_000;

interface Login {
	token: Promise<string>;
	/** When the login failed; undefined while it runs or once it succeeded. */
	failedAt?: number;
}

/**
 * Logins this n8n process made, per CRM address and user, shared by every item and
 * execution: n8n starts all items' requests at once and each sees the same empty token
 * field, and REMP CRM hands out a new token on every login. A refused email and password
 * fail the items of the next minute without asking the CRM again (no lock-outs).
 */
const sessions = new Map<string, Login>();

/** Tokens REMP CRM refused (the user logged out everywhere, the password changed). */
const refused = new Set<string>();

/** The node tells the credential that REMP CRM refused this logged-in token. */
export function refuseRempSession(token: string): void {
	if (token) refused.add(token);
}

/** Forgets every login this process made; for tests. */
export function forgetRempSessions(): void {
	sessions.clear();
	refused.clear();
}

async function logIn(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const response = (await helpers.helpers.httpRequest({
		method: 'POST',
		url: `${rempBaseUrl(credentials)}${REMP_LOGIN_PATH}`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams({
			email: String(credentials.email ?? '').trim(),
			password: String(credentials.password ?? ''),
		}).toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	const answer = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const token = (answer.access as IDataObject | undefined)?.token;
	if (response.statusCode >= 400) {
		// REMP CRM answers `{ status: "error", error: "auth_failed", message }`; its words go to the user.
		const said = [answer.message, answer.error].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		);
		throw new Error(
			`${REMP_LOGIN_REFUSED} (HTTP ${response.statusCode}): ${String(said ?? 'no reason given')}`,
		);
	}
	if (typeof token !== 'string' || token === '') {
		throw new Error(
			`${REMP_LOGIN_NO_TOKEN} ("access.token", HTTP ${response.statusCode})`,
		);
	}
	refused.delete(token);
	return token;
}

/** A token for the credential's user: the one this process already has, or a new login. */
async function sessionToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const key = `${rempBaseUrl(credentials)}\n${String(credentials.email ?? '').trim()}\n${String(credentials.password ?? '')}`;
	// A token in the credential when n8n asks for a new one is a credential test or a refusal:
	// it is not handed out again.
	refuseRempSession(String(credentials.sessionToken ?? ''));
	for (;;) {
		let login = sessions.get(key);
		if (login?.failedAt !== undefined && Date.now() - login.failedAt >= FAILED_LOGIN_KEPT_MS) {
			sessions.delete(key);
			login = undefined;
		}
		if (!login) {
			const started: Login = { token: logIn(helpers, credentials) };
			started.token.catch(() => {
				started.failedAt = Date.now();
			});
			sessions.set(key, started);
			login = started;
		}
		const token = await login.token;
		if (!refused.has(token)) return token;
		if (sessions.get(key) === login) sessions.delete(key);
	}
}

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
	];

	/**
	 * With Email and Password, logs in when the credential holds no token yet (first use,
	 * or after REMP CRM refused the one it held). With a User Token there is nothing to do.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (!rempLogsIn(credentials)) return {};
		return { sessionToken: await sessionToken(this, credentials) };
	}

	/**
	 * Sends the user token as a Bearer token. A request that already carries a token (the
	 * node's per-item User Token) keeps it, and the login itself is sent without one.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...((requestOptions.headers as IDataObject | undefined) ?? {}) };
		const given = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
		if (given || String(requestOptions.url ?? '').endsWith(REMP_LOGIN_PATH)) return requestOptions;
		const token =
			rempLogsIn(credentials) ? credentials.sessionToken : credentials.userToken;
		// A token copied from a header may come with "Bearer " in front.
		const bare = String(token ?? '')
			.trim()
			.replace(/^bearer\s+/i, '');
		return { ...requestOptions, headers: { ...headers, Authorization: `Bearer ${bare}` } };
	}

	// The users module's "who am I" call: answers for any valid user token.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
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
