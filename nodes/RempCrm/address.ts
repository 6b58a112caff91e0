/**
 * The one rule for a REMP CRM's address, written twice because n8n needs it twice: as code
 * for every request the node sends (the runners, the credential check, the login's address,
 * the key of a kept login), and as an expression for the credential's test request.
 * test/remp/address.test.ts checks that both give the same address.
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
