/** Field builders that every platform's resources use the same way. */
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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
