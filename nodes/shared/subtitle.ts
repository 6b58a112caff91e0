/**
 * The line under a node's name on the canvas, in words: "Contact: Add Purchase".
 *
 * n8n evaluates a node's `subtitle` as an expression over the node's parameter values; the
 * expression sees values (`addPurchase`, `contact`), never the options' display names. So the
 * names are written into the expression itself, as a lookup table built from the node's own
 * properties: a renamed or added operation changes its subtitle without anyone remembering to.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The value n8n gives the "Custom API Call" it adds to the Resource and Operation lists. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).filter(
		(option) => option && typeof option === 'object' && 'value' in option,
	);
}

/**
 * A table as an expression literal. n8n ends an expression at the first `}}`, so the table is
 * flat (one closing brace) and no name may carry braces.
 */
function table(entries: Array<[string, string]>): string {
	for (const [, name] of entries) {
		if (/[{}]/.test(name)) throw new Error(`A display name in a subtitle cannot contain braces: ${name}`);
	}
	return JSON.stringify(Object.fromEntries(entries));
}

/**
 * The subtitle of a node with a Resource and per-resource Operation lists:
 * "<resource name>: <operation name>", or the raw values for anything the table lacks.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resources = new Map(
		optionsOf(properties.find((property) => property.name === 'resource')).map((option) => [
			String(option.value),
			option.name,
		]),
	);
	const names: Array<[string, string]> = [];
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			const resourceName = resources.get(String(resource)) ?? String(resource);
			for (const option of optionsOf(property)) {
				names.push([`${String(resource)}:${String(option.value)}`, `${resourceName}: ${option.name}`]);
			}
		}
	}
	const key = '$parameter["resource"] + ":" + $parameter["operation"]';
	return (
		`={{ $parameter["resource"] === "${CUSTOM_API_CALL}" || $parameter["operation"] === "${CUSTOM_API_CALL}"` +
		' ? "Custom API Call"' +
		` : ${table(names)}[${key}] || ($parameter["resource"] + ": " + $parameter["operation"]) }}`
	);
}

