/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js and reads and writes the documents; n8n's rules for node code do not apply to it */
/**
 * Each platform page's "Every operation and its fields" section is made from the nodes'
 * own descriptions, so that it lists every operation and every field the editor shows.
 * Each operation ends with "Output: …", what it puts out, from the rules in ./outputs.ts
 * (keyed on operation values); an operation without a rule fails the test.
 * This test fails when a page differs from what the nodes say now; `npm run docs:fields`
 * writes the sections again.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BoomerangmeTrigger } from '../../nodes/Boomerangme/BoomerangmeTrigger.node';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { GetCourseTrigger } from '../../nodes/GetCourse/GetCourseTrigger.node';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { KajabiTrigger } from '../../nodes/Kajabi/KajabiTrigger.node';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';
import { OUTPUTS, outputOf } from './outputs';

const ROOT = join(__dirname, '../..');
const START = '<!-- fields: made from the node descriptions by `npm run docs:fields`; do not edit by hand -->';
const END = '<!-- fields: end -->';

const PAGES: Record<string, INodeTypeDescription[]> = {
	kwiga: [new Kwiga().description],
	getcourse: [new GetCourse().description, new GetCourseTrigger().description],
	kajabi: [new Kajabi().description, new KajabiTrigger().description],
	boomerangme: [new Boomerangme().description, new BoomerangmeTrigger().description],
	'remp-crm': [new RempCrm().description],
};

const shownFor = (property: INodeProperties, key: string, value: string) => {
	const allowed = property.displayOptions?.show?.[key];
	return allowed === undefined || (allowed as unknown[]).includes(value);
};

/** The version a node added now gets: the docs describe its fields. */
const newestVersion = (description: INodeTypeDescription) =>
	description.defaultVersion ?? (Array.isArray(description.version) ? Math.max(...description.version) : description.version);

/** Whether a field is shown in this version of its node (`@version`: numbers or `_cnd` bounds). */
const shownInVersion = (property: INodeProperties, version: number) => {
	const allowed = property.displayOptions?.show?.['@version'] as unknown[] | undefined;
	return (
		allowed === undefined ||
		allowed.some((entry) => {
			if (typeof entry === 'number') return entry === version;
			const bounds = (entry as { _cnd?: Record<string, number> })._cnd ?? {};
			return (
				(bounds.eq === undefined || version === bounds.eq) &&
				(bounds.gte === undefined || version >= bounds.gte) &&
				(bounds.lte === undefined || version <= bounds.lte) &&
				(bounds.gt === undefined || version > bounds.gt) &&
				(bounds.lt === undefined || version < bounds.lt)
			);
		})
	);
};

/** A field as the editor labels it; collections with the fields they can add; * = required. */
function fieldText(property: INodeProperties): string {
	const name = `${property.displayName}${property.required ? '*' : ''}`;
	if (property.type === 'collection' || property.type === 'fixedCollection') {
		const inner = (property.options ?? []) as Array<INodeProperties | INodePropertyCollection>;
		const names = inner.map((option) =>
			'values' in option && Array.isArray(option.values)
				? `${option.displayName}: ${option.values.map((value) => value.displayName).join(', ')}`
				: option.displayName,
		);
		return names.length ? `${name} (${names.join('; ')})` : name;
	}
	return name;
}

const isField = (property: INodeProperties) =>
	!['resource', 'operation'].includes(property.name) && property.type !== 'notice' && property.type !== 'hidden';

/** Sentence case with a full stop: "one item per record" → "One item per record." */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1).replace(/\.?$/, '.')}`;

/** Every operation of a node as `resource:operation` (values), and a trigger as `trigger`. */
function operationsOf(description: INodeTypeDescription): Array<{ key: string; output: string | undefined }> {
	const resources = description.properties.find((property) => property.name === 'resource');
	if (!resources) return [{ key: 'trigger', output: OUTPUTS[description.name]?.trigger }];
	return (resources.options as INodePropertyOptions[]).flatMap((resource) =>
		description.properties
			.filter((property) => property.name === 'operation' && shownFor(property, 'resource', String(resource.value)))
			.flatMap((selector) => (selector.options ?? []) as INodePropertyOptions[])
			.map((operation) => ({
				key: `${String(resource.value)}:${String(operation.value)}`,
				output: outputOf(description.name, String(resource.value), String(operation.value), resource.name),
			})),
	);
}

/** The section of one node: each operation with its fields, or a trigger's fields. */
function nodeSection(description: INodeTypeDescription): string {
	const lines = [`### ${description.displayName}`, ''];
	const resources = description.properties.find((property) => property.name === 'resource');
	if (!resources) {
		lines.push(`Fields: ${description.properties.filter(isField).map(fieldText).join(', ')}.`, '');
		lines.push(`Output: ${sentence(OUTPUTS[description.name]?.trigger ?? '')}`, '');
		return lines.join('\n');
	}
	for (const resource of resources.options as INodePropertyOptions[]) {
		const selector = description.properties.find(
			(property) => property.name === 'operation' && shownFor(property, 'resource', String(resource.value)),
		);
		for (const operation of (selector?.options ?? []) as INodePropertyOptions[]) {
			const fields = description.properties.filter(
				(property) =>
					isField(property) &&
					shownInVersion(property, newestVersion(description)) &&
					shownFor(property, 'resource', String(resource.value)) &&
					shownFor(property, 'operation', String(operation.value)),
			);
			const what = operation.description ? ` ${operation.description.replace(/\.?$/, '.')}` : '';
			const list = fields.length ? ` Fields: ${fields.map(fieldText).join(', ')}.` : ' No fields.';
			const output = outputOf(description.name, String(resource.value), String(operation.value), resource.name) ?? '';
			lines.push(`- **${resource.name} → ${operation.name}**.${what}${list} Output: ${sentence(output)}`);
		}
	}
	lines.push('');
	return lines.join('\n');
}

function pageSection(descriptions: INodeTypeDescription[]): string {
	return [
		START,
		'',
		'## Every operation and its fields',
		'',
		"What the editor shows, operation by operation (* = required; in brackets what a collection can add). Each field's own description is in the editor.",
		'',
		"**Output** says what the operation puts out for each item that comes in; every item it puts out is linked to that incoming item. When an item fails and the node's On Error setting lets the workflow continue, that item puts out its error instead ([When something fails](../README.md#when-something-fails)).",
		'',
		...descriptions.map(nodeSection),
		END,
	].join('\n');
}

describe.each(Object.entries(PAGES))('docs/%s.md', (page, descriptions) => {
	const file = join(ROOT, 'docs', `${page}.md`);

	it('says what every operation puts out (test/release/outputs.ts)', () => {
		const missing = descriptions.flatMap((description) =>
			operationsOf(description)
				.filter(({ output }) => !output?.trim())
				.map(({ key }) => `${description.name} ${key}`),
		);
		expect(missing).toEqual([]);
	});

	it('has no output rule for an operation the nodes no longer have', () => {
		const stale = descriptions.flatMap((description) => {
			const keys = new Set(operationsOf(description).map(({ key }) => key));
			return Object.keys(OUTPUTS[description.name]?.byResourceOperation ?? {})
				.filter((key) => !keys.has(key))
				.map((key) => `${description.name} ${key}`);
		});
		expect(stale).toEqual([]);
	});

	it('lists every operation and field the nodes have now', () => {
		const text = readFileSync(file, 'utf8');
		const section = pageSection(descriptions);
		const start = text.indexOf(START);
		const end = text.indexOf(END);
		const current = start >= 0 && end > start ? text.slice(start, end + END.length) : undefined;
		if (process.env.UPDATE_DOCS === '1' && current !== section) {
			const updated = current === undefined ? `${text.trimEnd()}\n\n${section}\n` : text.replace(current, section);
			writeFileSync(file, updated);
			return;
		}
		expect(current).toBe(section);
	});
});
