/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, loading the built files by path at run time; n8n's rules for node code do not apply to it */
/**
 * What the built package says about its nodes (read from dist/, as n8n loads it): each
 * node's version, its resource/operation pairs and its dropdown methods; and the workflow
 * the suite builds from a platform's operation cases.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import type { Platform } from './platforms';
import { ROOT } from './n8n';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = manifest.name;
export const MANIFEST = manifest.n8n;

interface LoadedNode {
	description?: INodeTypeDescription;
	currentVersion?: number;
	nodeVersions?: Record<number, { description: INodeTypeDescription }>;
}

let descriptions: Map<string, INodeTypeDescription> | undefined;

/** Every node of the built package by its n8n type name ('<package>.<name>'). */
export function nodeDescriptions(): Map<string, INodeTypeDescription> {
	if (descriptions) return descriptions;
	descriptions = new Map();
	for (const file of manifest.n8n.nodes) {
		const loaded = require(path.join(ROOT, file)) as Record<string, unknown>;
		for (const exported of Object.values(loaded)) {
			// Node classes only: a node file may also export helper functions.
			if (typeof exported !== 'function' || !/^class\b/.test(Function.prototype.toString.call(exported))) continue;
			const node = new (exported as new () => LoadedNode)();
			const description =
				node.nodeVersions && node.currentVersion !== undefined
					? { ...node.nodeVersions[node.currentVersion].description, version: node.currentVersion }
					: node.description;
			if (description?.name) descriptions.set(`${PACKAGE_NAME}.${description.name}`, description);
		}
	}
	return descriptions;
}

export function nodeDescription(nodeType: string): INodeTypeDescription {
	const description = nodeDescriptions().get(nodeType);
	if (!description) {
		throw new Error(`${nodeType} is not a node of the built package (package.json n8n.nodes: ${manifest.n8n.nodes.join(', ')})`);
	}
	return description;
}

export function latestVersion(description: INodeTypeDescription): number {
	return Array.isArray(description.version) ? Math.max(...description.version) : description.version;
}

/** "resource:operation" for every operation the node offers ("-:operation" without resources). */
export function operationsOf(description: INodeTypeDescription): string[] {
	const found: string[] = [];
	for (const property of description.properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? ['-'];
		for (const resource of resources) {
			for (const option of (property.options ?? []) as Array<{ value: string }>) {
				found.push(`${resource}:${option.value}`);
			}
		}
	}
	return [...new Set(found)];
}

export function caseKey(parameters: { resource?: unknown; operation?: unknown }): string {
	return `${parameters.resource === undefined ? '-' : String(parameters.resource)}:${String(parameters.operation)}`;
}

export interface DropdownMethod {
	method: string;
	kind: 'loadOptions' | 'listSearch';
	/** The first parameter that uses it, sent as n8n's `path`. */
	parameter: string;
}

/** Every loadOptionsMethod and searchListMethod the node's parameters use, at any depth. */
export function dropdownsOf(description: INodeTypeDescription): DropdownMethod[] {
	const found = new Map<string, DropdownMethod>();
	const visit = (properties: unknown[]) => {
		for (const property of properties as Array<INodeProperties & { values?: unknown[] }>) {
			if (!property || typeof property !== 'object') continue;
			const method = property.typeOptions?.loadOptionsMethod;
			if (method && !found.has(method)) found.set(method, { method, kind: 'loadOptions', parameter: property.name });
			for (const mode of property.modes ?? []) {
				const search = mode.typeOptions?.searchListMethod;
				if (search && !found.has(search)) {
					found.set(search, { method: search, kind: 'listSearch', parameter: property.name });
				}
			}
			if (Array.isArray(property.options)) visit(property.options);
			if (Array.isArray(property.values)) visit(property.values);
		}
	};
	visit(description.properties);
	return [...found.values()];
}

/** The node name a case gets in the platform's workflow. */
export function caseNodeName(index: number, title: string): string {
	return `${String(index + 1).padStart(2, '0')} ${title}`;
}

/**
 * One workflow per platform: a Manual Trigger connected to one node per operation case,
 * each set to continue on error so one failure does not hide the others.
 */
export function operationsWorkflow(id: string, platform: Platform, credential: { id: string; name: string }) {
	const description = nodeDescription(platform.nodeType);
	const trigger = 'Manual Trigger';
	const nodes = platform.cases.map((operation, index) => ({
		id: randomUUID(),
		name: caseNodeName(index, operation.title),
		type: platform.nodeType,
		typeVersion: latestVersion(description),
		position: [300, index * 120],
		parameters: operation.parameters,
		credentials: { [platform.credentialType]: credential },
		onError: 'continueRegularOutput',
	}));
	return {
		id,
		name: `${platform.name}: every operation`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: trigger,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections: {
			[trigger]: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}

/** n8n's Webhook node (POST at /webhook/<pathName>, answering at once), as a workflow's first node. */
export const webhookNode = (pathName: string, webhookId: string) => ({
	id: `${webhookId.slice(0, 8)}-1111-4111-8111-111111111111`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId,
	parameters: { httpMethod: 'POST', path: pathName, responseMode: 'onReceived', options: {} },
});
