/**
 * The one rule for Boomerangme's address, written twice because n8n needs it twice: as code
 * for every request the node and the trigger send (the runners, dropdowns, hooks, Verify),
 * and as an expression for the credential's test request. test/boomerangme/methods.test.ts
 * checks that both give the same address.
 */

/** Boomerangme's API, where the credential's Base URL is left empty. */
export const DEFAULT_BASE_URL = 'https://api.digitalwallet.cards';

/** The credential's Base URL (or Boomerangme's own) without trailing slashes, as an n8n expression. */
export const BOOMERANGME_BASE_URL = `={{ ($credentials.baseUrl || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "") }}`;

/** The credential's Base URL (or Boomerangme's own) without trailing slashes (the expression's rule). */
export function baseUrlFrom(baseUrl: unknown): string {
	return String(baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}
