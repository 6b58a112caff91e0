/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js and reads the workflow files; n8n's rules for node code do not apply to it */
/**
 * The GitHub workflows that check and publish the package: both parse as YAML, and keep the
 * steps that make a release acceptable to n8n (a version tag starts it, the job may mint an
 * OIDC token, npm publishes with provenance after the release check and the tests).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	needs?: string | string[];
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, { tags?: string[]; branches?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const ROOT = join(__dirname, '../..');
const workflow = (file: string): Workflow =>
	parse(readFileSync(join(ROOT, '.github/workflows', file), 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
/** The index of the first step whose command contains `command` (-1 if none). */
const stepRunning = (job: Job, command: string) => job.steps.findIndex((step) => step.run?.includes(command));
/** A GitHub tag filter as a regular expression (`*` matches anything but `/`). */
const tagFilter = (pattern: string) =>
	new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe('publish.yml', () => {
	const publish = workflow('publish.yml');
	const jobs = Object.values(publish.jobs);
	const job = jobs[0];

	it('runs on version tags only', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		const tags = publish.on.push?.tags ?? [];
		expect(publish.on.push?.branches).toBeUndefined();
		expect(tags.some((tag) => tagFilter(tag).test('v0.1.0'))).toBe(true);
		expect(tags.some((tag) => tagFilter(tag).test('main'))).toBe(false);
	});

	it('has one job, which may mint the OIDC token for provenance and only read the repository', () => {
		expect(jobs).toHaveLength(1);
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(publish.permissions).toEqual({ contents: 'read' });
	});

	it('publishes to the npm registry with provenance, public, through trusted publishing', () => {
		const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
		// npm 11.5.1+ (Node.js 24) is what trusted publishing needs.
		expect(Number(setup?.with?.['node-version'])).toBeGreaterThanOrEqual(24);
		const publishes = job.steps.filter((step) => /\bnpm publish\b/.test(step.run ?? ''));
		expect(publishes).toHaveLength(1);
		expect(publishes[0].run).toMatch(/--provenance\b/);
		expect(publishes[0].run).toMatch(/--access public\b/);
		// No long-lived npm token: the OIDC exchange authenticates.
		expect(JSON.stringify(publish)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
	});

	it('publishes only after the release check, lint, type check, tests and package checks', () => {
		const published = stepRunning(job, 'npm publish');
		const before = [
			'node scripts/release-check.mjs --tag',
			'npm run lint',
			'npm run typecheck',
			'npm test',
			'npm run test:package',
		];
		for (const command of before) {
			const at = stepRunning(job, command);
			expect({ command, before: at >= 0 && at < published }).toEqual({ command, before: true });
		}
		expect(job.steps[stepRunning(job, 'release-check')].run).toContain('$GITHUB_REF_NAME');
	});

	it("lets the package's prepublishOnly guard through only inside the workflow", () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		expect(manifest.scripts.prepublishOnly).toMatch(/n8n-node prerelease/);
		expect(manifest.scripts.prepublishOnly).toMatch(/release-check\.mjs/);
		expect(job.steps[stepRunning(job, 'npm publish')].env?.RELEASE_MODE).toBe('true');
	});
});

describe('ci.yml', () => {
	const ci = workflow('ci.yml');

	it('runs on pushes to main and on pull requests', () => {
		expect(ci.on.push?.branches).toEqual(['main']);
		expect('pull_request' in ci.on).toBe(true);
	});

	it('installs, lints, type checks, runs the unit tests and the package checks', () => {
		const check = ci.jobs.check;
		const order = ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run test:package'].map((command) =>
			stepRunning(check, command),
		);
		expect(order.every((at) => at >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('runs the end-to-end suite in real n8n after the checks', () => {
		const e2e = ci.jobs.e2e;
		expect(e2e.needs).toBe('check');
		expect(stepRunning(e2e, 'npm run test:e2e')).toBeGreaterThan(stepRunning(e2e, 'npm ci'));
	});
});
