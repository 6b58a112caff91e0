/**
 * The shape of what operations put out, the same on every platform (n8n's UX guidelines for
 * community nodes): a Delete puts out `{ "deleted": true }`; where records are large, Get and
 * Get Many have a Simplify switch that keeps the fields most workflows need.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { show } from './fields';

/** What a Delete operation puts out once the platform has accepted it. */
export const DELETED: IDataObject = { deleted: true };

/** The Simplify switch of a resource's operations, on by default, as in n8n's own nodes. */
export function simplifyField(resource: string, operation: string[], keeps: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: show(resource, operation),
		description: `Whether to return a simplified version of each record (${keeps}) instead of the raw data`,
	};
}

/** Whether this operation has Simplify switched on (operations without the switch: no). */
export function simplifyOn(ctx: IExecuteSingleFunctions): boolean {
	return ctx.getNodeParameter('simplify', false) === true;
}

/**
 * A record with only the named fields, in that order; a field the record lacks is left out.
 * A nested record ({ id, name }) among them stays as it is.
 */
export function pick(record: IDataObject, keys: readonly string[]): IDataObject {
	const kept: IDataObject = {};
	for (const key of keys) if (key in record) kept[key] = record[key];
	return kept;
}

/** Per resource: the operations with Simplify, and the fields Simplify keeps. */
export type SimpleViews = Readonly<Record<string, { operations: readonly string[]; keys: readonly string[] }>>;

/** The Simplify switches of a node's resources, each saying which fields it keeps. */
export function simplifyFields(views: SimpleViews): INodeProperties[] {
	return Object.entries(views).map(([resource, view]) =>
		simplifyField(resource, [...view.operations], view.keys.join(', ')),
	);
}

/**
 * The records as the operation's Simplify switch says: only `keys`, or as they came. Called
 * by the runner of an operation that has the switch (it names the keys in its routing).
 */
export function simplified(ctx: IExecuteSingleFunctions, keys: readonly string[], records: IDataObject[]): IDataObject[] {
	return simplifyOn(ctx) ? records.map((record) => pick(record, keys)) : records;
}
