/**
 * The one rule for Boomerangme's address, written twice because n8n needs it twice: as an
 * expression for the node's requestDefaults, and as code for the requests the node and the
 * trigger build themselves (dropdowns, hooks, Verify). test/boomerangme/methods.test.ts
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
