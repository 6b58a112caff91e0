/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process; n8n's rules for node code do not apply to it */
/**
 * The n8n editor in headless Chromium (Debian's, driven by playwright-core from the tools
 * cache that scripts/tools.sh fills; no browser download).
 */
import path from 'node:path';

const TOOLS = path.join(
	process.env.N8N_CACHE_DIR ?? path.join(process.env.HOME ?? '/root', '.cache/n8n-nodes-creator-commerce'),
	'tools',
);

export interface Locator {
	first(): Locator;
	count(): Promise<number>;
	click(options?: object): Promise<void>;
	fill(value: string): Promise<void>;
	waitFor(options?: object): Promise<void>;
	allInnerTexts(): Promise<string[]>;
	evaluateAll<T>(fn: (elements: Element[]) => T): Promise<T>;
	dblclick(options?: object): Promise<void>;
	screenshot(options: { path: string }): Promise<unknown>;
}

export interface Page {
	goto(url: string, options?: object): Promise<unknown>;
	locator(selector: string): Locator;
	getByText(text: string, options?: object): Locator;
	keyboard: { press(key: string): Promise<void> };
	evaluate<T>(fn: () => T): Promise<T>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
	waitForTimeout(ms: number): Promise<void>;
}

export interface Browser {
	newContext(options: object): Promise<{
		newPage(): Promise<Page>;
		addCookies(cookies: Array<{ name: string; value: string; url: string }>): Promise<void>;
	}>;
	close(): Promise<void>;
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, driven by playwright-core from the tools cache. */
export async function launchBrowser(): Promise<Browser> {
	// playwright-core lives in the tools cache (scripts/tools.sh), not in this package.
	const { chromium } = (await import(path.join(TOOLS, 'node_modules/playwright-core/index.js'))) as {
		chromium: { launch(options: object): Promise<Browser> };
	};
	return await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/**
 * Headless Chromium with the owner's session cookie: runs `use` on a new page of the editor
 * (1440 × 900) and closes the browser afterwards.
 */
async function withEditorPage<T>(baseUrl: string, cookie: string, use: (page: Page) => Promise<T>): Promise<T> {
	const browser = await launchBrowser();
	try {
		const [name, value] = cookie.split('=');
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addCookies([{ name, value, url: baseUrl }]);
		return await use(await context.newPage());
	} finally {
		await browser.close();
	}
}

/**
 * Opens each saved workflow in the editor and saves a picture of its canvas (n8n fits the
 * workflow into the view when it opens one). Returns, per workflow, the text of its nodes on the canvas.
 */
export async function screenshotWorkflows(
	baseUrl: string,
	cookie: string,
	workflows: Array<{ id: string; screenshot: string }>,
): Promise<string[]> {
	return await withEditorPage(baseUrl, cookie, async (page) => {
		const shown: string[] = [];
		for (const { id, screenshot } of workflows) {
			await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'networkidle' });
			const nodes = page.locator('[data-test-id="canvas-node"]');
			await nodes.first().waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1500);
			await page.screenshot({ path: screenshot });
			shown.push((await nodes.allInnerTexts()).join('\n'));
		}
		return shown;
	});
}

/**
 * With the owner's session cookie, opens a new workflow and the node panel once, then for
 * each search: types it into the panel's search box and saves a screenshot. Returns, per
 * search, the names listed and whether an icon of this package loaded among them.
 */
export async function openNodePanel(
	baseUrl: string,
	cookie: string,
	searches: Array<{ search: string; screenshot: string }>,
): Promise<Array<{ names: string[]; iconLoaded: boolean }>> {
	return await withEditorPage(baseUrl, cookie, async (page) => {
		await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'networkidle' });
		const plus = page.locator(
			'[data-test-id="canvas-plus-button"], [data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]',
		);
		await plus.first().waitFor({ timeout: 60_000 });
		await plus.first().click();
		const searchBox = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]');
		await searchBox.first().waitFor({ timeout: 30_000 });
		const found: Array<{ names: string[]; iconLoaded: boolean }> = [];
		for (const { search, screenshot } of searches) {
			await searchBox.first().fill(search);
			const items = page.locator('[data-test-id="item-iterator-item"]');
			await page.getByText(search, { exact: true }).first().waitFor({ timeout: 30_000 });
			await page.waitForTimeout(1000);
			await page.screenshot({ path: screenshot });
			const names = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
			const iconLoaded = await page
				.locator('[data-test-id="node-creator"] img')
				.evaluateAll((images) =>
					images.some(
						(image) =>
							(image as HTMLImageElement).src.includes('creator-commerce') &&
							(image as HTMLImageElement).naturalWidth > 0,
					),
				);
			found.push({ names, iconLoaded });
		}
		return found;
	});
}
