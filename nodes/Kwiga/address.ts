/**
 * The one rule for the address of KWIGA's API, written twice because n8n needs it twice: as
 * code for every request the node sends (the runners, dropdowns), and as an expression for
 * the credential's test request. test/kwiga/methods.test.ts checks that both give the same
 * address.
 */

/** The credential's Base URL when it has none (its default). */
export const KWIGA_DEFAULT_BASE_URL = 'https://api.kwiga.com';

/** The API's address from the credential's Base URL field, without trailing slashes. */
export const KWIGA_BASE_URL = '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}';

/**
 * The API's address from the credential's Base URL field (same rule as the expression). n8n
 * always fills the field with its default; an empty value stays empty, as in the expression.
 */
export function baseUrlOf(baseUrl: unknown): string {
	return String(baseUrl ?? KWIGA_DEFAULT_BASE_URL).replace(/\/+$/, '');
}
