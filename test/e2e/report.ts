/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, plain errors outside any node; n8n's rules for node code do not apply to it */
/**
 * The end-to-end report: per n8n version, every check the suite declared (every operation
 * of every node, every credential test, every dropdown, every suite test) with its result.
 * Entries are declared when jest collects the tests, so a check that never ran (its setup
 * failed) shows as "not run". Written to test-artifacts/e2e-report.md after the run;
 * scripts/e2e.sh prints it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ARTIFACTS } from './n8n';

type Status = 'passed' | 'failed' | 'not run';

interface Entry {
	section: string;
	title: string;
	status: Status;
	detail: string;
}

const byVersion = new Map<string, Entry[]>();

export const REPORT_FILE = path.join(ARTIFACTS, 'e2e-report.md');

const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function oneLine(text: string): string {
	// jest's matcher messages carry colour codes and several lines; the report keeps one.
	const plain = text.replace(COLOUR, '');
	const line = plain.split('\n').map((part) => part.trim()).filter(Boolean).join(' ');
	return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/**
 * A jest test whose result goes into the report under `version` / `section`. `fn` may
 * return a short description of what it saw (shown next to "passed").
 */
export function reportedTest(
	version: string,
	section: string,
	title: string,
	fn: () => Promise<string | void> | string | void,
	timeout?: number,
): void {
	const entry: Entry = { section, title, status: 'not run', detail: '' };
	const entries = byVersion.get(version) ?? [];
	entries.push(entry);
	byVersion.set(version, entries);
	test(
		`${section}: ${title}`,
		async () => {
			try {
				const detail = await fn();
				entry.status = 'passed';
				entry.detail = detail ? oneLine(detail) : '';
			} catch (error) {
				entry.status = 'failed';
				entry.detail = oneLine((error as Error).message ?? String(error));
				throw error;
			}
		},
		timeout,
	);
}

export function reportMarkdown(): string {
	const lines = ['# End-to-end report', ''];
	for (const [version, entries] of byVersion) {
		const count = (status: Status) => entries.filter((entry) => entry.status === status).length;
		lines.push(
			`## n8n ${version}: ${count('passed')} passed, ${count('failed')} failed, ${count('not run')} not run`,
			'',
		);
		let section = '';
		for (const entry of entries) {
			if (entry.section !== section) {
				section = entry.section;
				lines.push('', `### ${section}`, '', '| check | result | detail |', '| --- | --- | --- |');
			}
			const cell = (text: string) => text.replace(/\|/g, '\\|');
			lines.push(`| ${cell(entry.title)} | ${entry.status} | ${cell(entry.detail)} |`);
		}
		lines.push('');
	}
	return lines.join('\n');
}

export function writeReport(): void {
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(REPORT_FILE, reportMarkdown());
}
