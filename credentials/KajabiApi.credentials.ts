import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

/** A token is not handed out again this close to its expiry. */
const EXPIRY_MARGIN_MS = 60_000;

/** Kajabi's tokens live this long when the answer does not say (`expires_in`). */
const DEFAULT_LIFETIME_S = 3600;

interface TokenEntry {
	/** The exchange in flight, or its result. */
	token: Promise<string>;
	/** When the token stops being handed out (known once the exchange has answered). */
	reuseUntil: number;
}

/**
 * Tokens this n8n process got from Kajabi, per base URL and client, for their lifetime.
 * n8n starts every item's request at once and each sees the same empty token field: they
 * all share one exchange instead of asking Kajabi for a token each.
 */
const tokens = new Map<string, TokenEntry>();

/** The token each credential object was given, to tell a refresh after a 401 from a first use. */
const given = new WeakMap<object, string>();

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.kajabi.com').replace(/\/+$/, '');
}

/** Asks Kajabi for an access token with the client credentials grant. */
async function exchange(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	entry: TokenEntry,
): Promise<string> {
	const url = `${baseUrlOf(credentials)}/v1/oauth/token`;
	let response: { statusCode: number; body: unknown };
	try {
		response = (await helpers.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: String(credentials.clientId ?? '').trim(),
				client_secret: String(credentials.clientSecret ?? '').trim(),
			}).toString(),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const reason = String((error as Error).message ?? 'no answer').replace(/\s+/g, ' ').slice(0, 200);
		throw new Error(`Could not reach Kajabi at ${url} to get an access token: ${reason}. Check the Base URL in the Kajabi credential.`);
	}
	const answer = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const token = typeof answer.access_token === 'string' ? answer.access_token : '';
	if (response.statusCode >= 400 || !token) {
		// Kajabi answers a refused client with `{ "error": "..." }`; its words go to the user.
		const said = [answer.error_description, answer.error, answer.message].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		);
		throw new Error(
			response.statusCode >= 400
				? `Kajabi refused the client ID and client secret (HTTP ${response.statusCode}): ${String(said ?? 'no reason given')}. Check them in the Kajabi credential; a rotated or deleted API key stops working.`
				: 'Kajabi answered the token request without an access token. Check the Base URL in the Kajabi credential.',
		);
	}
	const lifetime = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : DEFAULT_LIFETIME_S;
	entry.reuseUntil = Date.now() + Math.max(lifetime * 1000 - EXPIRY_MARGIN_MS, 0);
	return token;
}

/** Forgets every token this process holds; for tests. */
export function forgetKajabiTokens(): void {
	tokens.clear();
}

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
	];

	/**
	 * Gets an access token when the credential has none (first use, or after Kajabi
	 * answered 401). Concurrent calls share one exchange, and a token is reused by this
	 * n8n until shortly before it expires.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const key = `${baseUrlOf(credentials)}\n${String(credentials.clientId ?? '').trim()}\n${String(credentials.clientSecret ?? '')}`;
		let entry = tokens.get(key);
		const previous = given.get(credentials);
		if (entry && previous !== undefined) {
			// This credential had a token and it was emptied: Kajabi refused it.
			const current = await entry.token.catch(() => undefined);
			if (current === previous && tokens.get(key) === entry) tokens.delete(key);
			entry = tokens.get(key);
		}
		if (entry && Date.now() >= entry.reuseUntil) {
			tokens.delete(key);
			entry = undefined;
		}
		if (!entry) {
			const fresh: TokenEntry = { token: Promise.resolve(''), reuseUntil: Number.POSITIVE_INFINITY };
			fresh.token = exchange(this, credentials, fresh);
			tokens.set(key, fresh);
			fresh.token.catch(() => {
				if (tokens.get(key) === fresh) tokens.delete(key);
			});
			entry = fresh;
		}
		const accessToken = await entry.token;
		given.set(credentials, accessToken);
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/me',
			headers: { Accept: 'application/vnd.api+json' },
		},
	};
}
