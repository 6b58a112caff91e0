/**
 * A credential that gets its own token (Kajabi's client credentials, REMP CRM's login)
 * reports a refusal by throwing a CredentialRefused inside `reportingFailures`; the request
 * layer finds it by type and reports the platform's words with their HTTP code, instead of
 * "could not reach". A login that got no answer is a CredentialUnreachable: the request
 * itself was never sent.
 */
export class CredentialRefused extends Error {
	constructor(
		message: string,
		/** What the user can do about it. */
		readonly description: string,
		/** The platform's HTTP status, when it answered. */
		readonly httpCode: string | null,
	) {
		super(message);
		this.name = 'CredentialRefused';
	}
}

/**
 * The credential's own login or token exchange got no answer: the request it was for was
 * never sent, so nothing was applied and the request layer may send it again (a write too,
 * within the bound of a read's resends). Not kept: the next request tries to log in again.
 */
export class CredentialUnreachable extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialUnreachable';
	}
}

/**
 * Failures of a credential's login or token exchange, per credential object. n8n wraps what
 * preAuthentication throws in an error of its own that keeps neither the original nor its
 * type (only its message), but it hands preAuthentication the very credential object the
 * request layer passed in: the failure is left there for it to find.
 */
const failures = new WeakMap<object, CredentialRefused | CredentialUnreachable>();

/**
 * Runs a credential's login or token exchange for `credentials`; a CredentialRefused or
 * CredentialUnreachable it throws is also left for the request layer that sent these
 * credentials (credentialFailure).
 */
export async function reportingFailures<T>(credentials: object, work: () => Promise<T>): Promise<T> {
	const noted = work();
	noted.catch((error: unknown) => {
		if (error instanceof CredentialRefused || error instanceof CredentialUnreachable) {
			failures.set(credentials, error);
		}
	});
	return await noted;
}

/**
 * The failure of the credential's own login or token exchange behind a failed request sent
 * with `credentials`: the error itself when it is one, else one the login left on that
 * credential object (taken, so that it is reported once). A login that got no answer counts
 * only when n8n's error carries its words: a request whose own answer was lost is never
 * mistaken for one that was not sent.
 */
export function credentialFailure(
	credentials: object,
	error: unknown,
): CredentialRefused | CredentialUnreachable | undefined {
	if (error instanceof CredentialRefused || error instanceof CredentialUnreachable) return error;
	const left = failures.get(credentials);
	failures.delete(credentials);
	if (left instanceof CredentialUnreachable && (error as { message?: unknown })?.message !== left.message) {
		return undefined;
	}
	return left;
}

/** Drops a failure left on `credentials` that nobody took (before a request is sent with them). */
export function forgetCredentialFailure(credentials: object): void {
	failures.delete(credentials);
}
