/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process, starting the release check; n8n's rules for node code do not apply to it */
/**
 * scripts/release-check.mjs: a release refuses placeholder repository and author fields, and
 * every place naming the repository must agree with nodes/shared/links.ts. Run on copies of
 * the few files it reads, changed one way at a time.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { REPOSITORY_URL } from '../../nodes/shared/links';

const ROOT = join(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/release-check.mjs');
const REAL = 'https://github.com/acme-school/n8n-nodes-creator-commerce';

interface Checkout {
	repository: string;
	email: string;
	version: string;
	changelog: string;
	readmeLink: string;
}

const fine: Checkout = {
	repository: REAL,
	email: 'nodes@acme-school.dev',
	version: '0.2.0',
	changelog: '## [0.2.0] - 2027-01-10\n',
	readmeLink: `${REAL}/issues`,
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs the check on a checkout made of these values; its exit code and what it said. */
function run(checkout: Checkout, ...args: string[]) {
	const dir = mkdtempSync(join(tmpdir(), 'release-check-'));
	dirs.push(dir);
	mkdirSync(join(dir, 'nodes/shared'), { recursive: true });
	writeFileSync(join(dir, 'nodes/shared/links.ts'), `export const REPOSITORY_URL = '${checkout.repository}';\n`);
	const manifest = {
		name: 'n8n-nodes-creator-commerce',
		version: checkout.version,
		homepage: `${REAL}#readme`,
		repository: { type: 'git', url: `git+${REAL}.git` },
		bugs: { url: `${REAL}/issues` },
		author: { name: 'Acme School', email: checkout.email },
	};
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
	writeFileSync(join(dir, 'CHANGELOG.md'), `# Changelog\n\n${checkout.changelog}`);
	writeFileSync(join(dir, 'README.md'), `Report a problem: ${checkout.readmeLink}\n`);
	const result = spawnSync(process.execPath, [SCRIPT, '--root', dir, ...args], { encoding: 'utf8' });
	return { status: result.status, output: result.stdout + result.stderr };
}

describe('release check', () => {
	it('passes a checkout with a real repository and author, and the tag of its version', () => {
		expect(run(fine, '--tag', 'v0.2.0')).toMatchObject({ status: 0 });
	});

	it('refuses the placeholder repository, also where package.json agrees with it', () => {
		const placeholder = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce';
		const result = run({ ...fine, repository: placeholder });
		expect(result.status).toBe(1);
		expect(result.output).toContain(`REPOSITORY_URL ${placeholder} is a placeholder`);
	});

	it('refuses a placeholder author email', () => {
		const result = run({ ...fine, email: 'maintainers@example.com' });
		expect(result.status).toBe(1);
		expect(result.output).toContain('author.email "maintainers@example.com" is a placeholder');
	});

	it('refuses package.json fields that disagree with REPOSITORY_URL', () => {
		const result = run({ ...fine, repository: 'https://github.com/someone-else/n8n-nodes-creator-commerce' });
		expect(result.status).toBe(1);
		expect(result.output).toContain(`package.json repository.url is git+${REAL}.git`);
	});

	it('refuses a document linking to another address of the repository', () => {
		const result = run({ ...fine, readmeLink: 'https://github.com/creator-commerce/n8n-nodes-creator-commerce/issues' });
		expect(result.status).toBe(1);
		expect(result.output).toContain('README.md links to https://github.com/creator-commerce/n8n-nodes-creator-commerce');
	});

	it('refuses a tag that is not the version, and a version without a CHANGELOG section', () => {
		expect(run(fine, '--tag', 'v0.3.0').output).toContain("tag v0.3.0 is not package.json's version 0.2.0");
		const unlisted = run({ ...fine, changelog: '## [0.1.0] - 2026-11-29\n' }, '--tag', 'v0.2.0');
		expect(unlisted.status).toBe(1);
		expect(unlisted.output).toContain('CHANGELOG.md has no section "## [0.2.0]"');
	});

	it('--consistency lets placeholders through but not disagreement', () => {
		expect(run({ ...fine, email: 'maintainers@example.com' }, '--consistency').status).toBe(0);
		expect(run({ ...fine, readmeLink: 'https://github.com/other/n8n-nodes-creator-commerce' }, '--consistency').status).toBe(1);
	});
});

describe('this repository', () => {
	it("names one repository address everywhere: links.ts, package.json and the documents", () => {
		const result = spawnSync(process.execPath, [SCRIPT, '--consistency'], { encoding: 'utf8' });
		expect(result.stdout + result.stderr).toContain('release check: ok');
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		expect(manifest.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
	});
});
