/**
 * The one rule for Kajabi's API address, written twice because n8n needs it twice: as an
 * expression for the node's requestDefaults (and the credential's test), and as code for
 * the requests the package builds itself (the token exchange, dropdowns, the trigger's
 * hooks). test/kajabi/auth.test.ts checks that both give the same address.
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
