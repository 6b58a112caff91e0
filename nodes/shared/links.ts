/**
 * Where the package's own pages live. The repository's address is written here once (and in
 * package.json's `repository`, which the package checks compare with it); every credential's
 * and node's documentation link points at the package's page for that platform.
 */

/** The package's source repository on GitHub. */
export const REPOSITORY_URL = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce';

/** The platforms that have a page under docs/. */
export type DocsPage = 'kwiga' | 'kajabi' | 'getcourse' | 'boomerangme' | 'remp-crm';

/** The address of a platform's page under docs/ (optionally at a heading's anchor). */
export function docsUrl(page: DocsPage, anchor?: string): string {
	return `${REPOSITORY_URL}/blob/main/docs/${page}.md${anchor ? `#${anchor}` : ''}`;
}
