/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it reads the package's sources with Node.js's fs from beside this file; n8n's rules for node code do not apply to it */
/**
 * An operation with its own handling names its runner in its routing (nodes/shared/runner.ts),
 * so no code of a node works out what it runs from the request's URL or by reading the
 * Resource and Operation parameters again. This reads every source file under nodes/ and
 * fails on either, so that the next special case is written the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NODES = path.resolve(__dirname, '../../nodes');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Lines that decide something from a URL or from the node's resource and operation. */
const SNIFFING: Array<[what: string, pattern: RegExp]> = [
	['reads the Resource or Operation parameter', /getNodeParameter\(\s*['"](resource|operation)['"]/],
	['tests a URL', /\burl\w*\s*\)?\.(endsWith|startsWith|includes|match|search)\(/i],
	['tests a URL with a pattern', /\.test\(\s*[\w.]*url\w*\s*\)/i],
];

/**
 * The places that may look at a URL, each with its reason. Nothing here works out which
 * operation runs.
 */
const ALLOWED: Array<[file: string, line: RegExp, reason: string]> = [
	[
		'GetCourse/transport.ts',
		/options\.url\.startsWith\('\/pl\/api\/account\/'\)/,
		"GetCourse's budget: every GET of its export API (under /pl/api/account/) spends one of the 100 export requests per 2 hours, whoever sends it (an operation, the group picker, the trigger)",
	],
];

test.each(sources(NODES).map((file) => [path.relative(NODES, file), file]))('%s decides nothing from a URL or the operation', (relative, file) => {
	const found: string[] = [];
	readFileSync(file, 'utf8')
		.split('\n')
		.forEach((line, index) => {
			if (/^\s*(\*|\/\/)/.test(line)) return;
			for (const [what, pattern] of SNIFFING) {
				if (!pattern.test(line)) continue;
				if (ALLOWED.some(([name, allowed]) => name === relative && allowed.test(line))) continue;
				found.push(`${relative}:${index + 1} ${what}: ${line.trim()}`);
			}
		});
	expect(found).toEqual([]);
});
