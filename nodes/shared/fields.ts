/** Field builders that every platform's resources use the same way. */
import type { IDataObject, IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Show a field for these operations of one resource. */
export const show = (resource: string, operation: string[]): IDisplayOptions => ({
	show: { resource: [resource], operation },
});

/** The Operation dropdown of a resource; each option carries its own request routing. */
export function operationSelector(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options,
	};
}

/** A copy of a record without the named keys, such as what an answer says beside its records. */
export function omit(record: IDataObject, ...keys: string[]): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
