/**
 * The one rule for a REMP CRM's address, written twice because n8n needs it twice: as an
 * expression for the node's requestDefaults (the credential's test writes the same one), and
 * as code for what the node and the login work out themselves (the credential check, the
 * login's address, the key of a kept login). test/remp/address.test.ts checks that all of
 * them give the same address.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The CRM's address from the credential's Base URL, without spaces or trailing slashes. */
export const REMP_BASE_URL = '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "") }}';

/** The CRM's address from the credential (same rule as REMP_BASE_URL). */
export function rempBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}
