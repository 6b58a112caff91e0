/**
 * REMP CRM's login for a credential with Email and Password: the login behind the
 * credential's preAuthentication, and the user tokens this n8n process keeps. A refused
 * login, or an answer that is not REMP CRM's, is a CredentialRefused the request layer
 * reports in REMP CRM's words; a token REMP CRM refused (nodes/shared/tokens.ts) is never
 * handed out again.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { CredentialRefused } from '../shared/auth';
import { shownAddress } from '../shared/request';
import { forgetRefusedTokens, refuseToken, TokenCache } from '../shared/tokens';
import { rempBaseUrl } from './address';

export const REMP_CREDENTIAL = 'rempCrmApi';

/** Where REMP CRM's users module exchanges an email and password for a user token. */
export const REMP_LOGIN_PATH = '/api/v1/users/login';

/** What the user can do when the credential's login is refused, or answered without a token. */
const CHECK_LOGIN =
	'Nothing else was sent. Check the Email and Password in the REMP CRM credential; the next try waits a minute unless you change them.';
const CHECK_ADDRESS =
	"Nothing else was sent. Check the Base URL in the REMP CRM credential: it should be the CRM's own address, without /api.";

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

/**
 * Logins this n8n process made, per CRM address and user, shared by every item and
 * execution: n8n starts all items' requests at once and each sees the same empty token
 * field, and REMP CRM hands out a new token on every login. A refused email and password
 * fail the items of the next minute without asking the CRM again (no lock-outs).
 */
const sessions = new TokenCache(REMP_CREDENTIAL, FAILED_LOGIN_KEPT_MS);

/** Forgets every login this process made; for tests. */
export function forgetRempSessions(): void {
	sessions.clear();
	forgetRefusedTokens();
}

async function logIn(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ token: string }> {
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
		// The password never follows a redirect to another address.
		disableFollowRedirect: true,
	})) as { statusCode: number; body: unknown; headers?: Record<string, string> };
	const status = String(response.statusCode);
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new CredentialRefused(
			`REMP CRM answered the login with a redirect (HTTP ${status}) to ${shownAddress(response.headers?.location ?? '', rempBaseUrl(credentials))}, where the password was not sent`,
			CHECK_ADDRESS,
			status,
		);
	}
	const answer = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const token = (answer.access as IDataObject | undefined)?.token;
	if (response.statusCode >= 400) {
		// REMP CRM answers `{ status: "error", error: "auth_failed", message }`; its words go to the user.
		const said = [answer.message, answer.error].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		);
		throw new CredentialRefused(
			`REMP CRM refused the email and password of the credential (HTTP ${status}): ${String(said ?? 'no reason given')}`,
			CHECK_LOGIN,
			status,
		);
	}
	if (typeof token !== 'string' || token === '') {
		throw new CredentialRefused(
			`REMP CRM answered the login without a user token ("access.token", HTTP ${status})`,
			CHECK_ADDRESS,
			status,
		);
	}
	return { token };
}

/** A token for the credential's user: the one this process already has, or a new login. */
export async function rempSessionToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const key = `${rempBaseUrl(credentials)}\n${String(credentials.email ?? '').trim()}\n${String(credentials.password ?? '')}`;
	// A token in the credential when n8n asks for a new one is a credential test or a refusal:
	// it is not handed out again.
	refuseToken(REMP_CREDENTIAL, String(credentials.sessionToken ?? ''));
	return await sessions.get(key, credentials, async () => await logIn(helpers, credentials));
}

