/**
 * The one rule for Kajabi's API address, written twice because n8n needs it twice: as code
 * for every request the package sends (the runners, the token exchange, dropdowns, the
 * trigger's hooks), and as an expression for the credential's test request.
 * test/kajabi/auth.test.ts checks that both give the same address.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The credential's Base URL, https://api.kajabi.com when it is empty, without spaces around
 * it and without trailing slashes.
 */
export const KAJABI_BASE_URL =
	'={{ String($credentials.baseUrl || "https://api.kajabi.com").trim().replace(/\\/+$/, "") }}';

/** The credential's API address (same rule as the expression above). */
export function kajabiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.kajabi.com')
		.trim()
		.replace(/\/+$/, '');
}
