#!/usr/bin/env node
// Whether the package can be released: its repository address and author are real, and
// every place that names the repository agrees with nodes/shared/links.ts (REPOSITORY_URL,
// the one place the address lives in code: every credential's documentation link uses it).
//
//   node scripts/release-check.mjs                 refuse placeholders (npm publish runs this)
//   node scripts/release-check.mjs --tag v0.2.0    also: the tag is package.json's version and
//                                                  CHANGELOG.md has a section for it
//   node scripts/release-check.mjs --consistency   only that the places agree (CI, every push)
//   --root DIR                                     check another checkout (the tests use it)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
	options: {
		root: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
		tag: { type: 'string' },
		consistency: { type: 'boolean', default: false },
	},
});
const root = path.resolve(args.root);
const read = (file) => readFileSync(path.join(root, file), 'utf8');
const problems = [];

// Addresses and emails that stand in for the real ones until the package has a home.
const PLACEHOLDER_REPOSITORY = /github\.com\/creator-commerce\//i;
const PLACEHOLDER_EMAIL = /@example\.(com|org|net)$/i;

const links = read('nodes/shared/links.ts').match(/REPOSITORY_URL\s*=\s*'([^']+)'/);
const repository = links?.[1];
if (!repository) {
	problems.push('nodes/shared/links.ts: no REPOSITORY_URL');
} else {
	if (!/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(repository)) {
		problems.push(`REPOSITORY_URL ${repository} is not https://github.com/<owner>/<name>`);
	}
	if (!args.consistency && PLACEHOLDER_REPOSITORY.test(repository)) {
		problems.push(
			`REPOSITORY_URL ${repository} is a placeholder: set it in nodes/shared/links.ts and package.json to the repository the package is published from`,
		);
	}

	const manifest = JSON.parse(read('package.json'));
	const expected = {
		'repository.url': [manifest.repository?.url, `git+${repository}.git`],
		'bugs.url': [manifest.bugs?.url, `${repository}/issues`],
		homepage: [manifest.homepage, `${repository}#readme`],
	};
	for (const [field, [actual, wanted]] of Object.entries(expected)) {
		if (actual !== wanted) problems.push(`package.json ${field} is ${actual}; with REPOSITORY_URL it must be ${wanted}`);
	}
	if (!args.consistency) {
		const email = manifest.author?.email ?? '';
		if (!manifest.author?.name) problems.push('package.json author.name is empty');
		if (!email || PLACEHOLDER_EMAIL.test(email)) {
			problems.push(`package.json author.email "${email}" is a placeholder: set the maintainers' address`);
		}
	}

	// Links to this repository in the documents must point at the same address.
	const name = repository.split('/').pop();
	const documents = ['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md'];
	if (existsSync(path.join(root, 'docs'))) {
		documents.push(...readdirSync(path.join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`));
	}
	const mention = new RegExp(`https://github\\.com/[\\w.-]+/${name.replace(/[.-]/g, '\\$&')}\\b`, 'g');
	for (const document of documents.filter((file) => existsSync(path.join(root, file)))) {
		const other = [...read(document).matchAll(mention)].map((match) => match[0]).find((url) => url !== repository);
		if (other) problems.push(`${document} links to ${other}, not to REPOSITORY_URL ${repository}`);
	}

	if (args.tag !== undefined) {
		const version = args.tag.replace(/^refs\/tags\//, '').replace(/^v/, '');
		if (version !== manifest.version) {
			problems.push(`tag ${args.tag} is not package.json's version ${manifest.version}`);
		}
		const changelog = existsSync(path.join(root, 'CHANGELOG.md')) ? read('CHANGELOG.md') : '';
		if (!changelog.includes(`## [${manifest.version}]`)) {
			problems.push(`CHANGELOG.md has no section "## [${manifest.version}]"`);
		}
	}
}

for (const problem of problems) console.error(`release check: ${problem}`);
if (problems.length) {
	console.error(`release check: ${problems.length} problem(s); nothing may be published until they are fixed`);
	process.exit(1);
}
console.log(`release check: ok${args.consistency ? ' (the repository address agrees everywhere)' : ''}`);
