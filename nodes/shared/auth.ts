/**
 * A credential that gets its own token (Kajabi's client credentials, REMP CRM's login)
 * reports a refusal by throwing a CredentialRefused inside `reportingRefusals`; the request
 * layer finds it by type and reports the platform's words with their HTTP code, instead of
 * "could not reach".
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
 * Refusals per credential object. n8n wraps what preAuthentication throws in an error of its
 * own that keeps neither the original nor its type, but it hands preAuthentication the very
 * credential object the request layer passed in: the refusal is left there for it to find.
 */
const refusals = new WeakMap<object, CredentialRefused>();

/**
 * Runs a credential's login or token exchange for `credentials`; a CredentialRefused it
 * throws is also left for the request layer that sent these credentials (credentialRefusal).
 */
export async function reportingRefusals<T>(credentials: object, work: () => Promise<T>): Promise<T> {
	const noted = work();
	noted.catch((error: unknown) => {
		if (error instanceof CredentialRefused) refusals.set(credentials, error);
	});
	return await noted;
}

/**
 * The refusal behind a failed request sent with `credentials`: the error itself when it is a
 * CredentialRefused, else one the credential's login left on that credential object (taken,
 * so that it is reported once).
 */
export function credentialRefusal(credentials: object, error: unknown): CredentialRefused | undefined {
	if (error instanceof CredentialRefused) return error;
	const left = refusals.get(credentials);
	refusals.delete(credentials);
	return left;
}

/**
 * The credential's own login or token exchange got no answer: the request layer treats it
 * like any request that got none (a read may be sent again; nothing was applied).
 */
export class CredentialUnreachable extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialUnreachable';
	}
}
