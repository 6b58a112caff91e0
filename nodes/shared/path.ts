/**
 * Path parameters: the only way a value from a node's fields gets into a URL's path. Each
 * value is checked against the shape the platform documents for it and encoded as one
 * path segment, so that no input (a webhook's body, a spreadsheet cell) can change which
 * endpoint a node calls.
 */
import type { IExecuteSingleFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What a path parameter may hold. */
export interface PathParam {
	/** The field's name as the user sees it: "Contact". */
	label: string;
	/** Whether a value fits. */
	test: (value: string) => boolean;
	/** What a good value looks like, for the error message: "a whole number such as 132". */
	expected: string;
}

/** A positive whole number: KWIGA's IDs, GetCourse's, Boomerangme's numeric IDs. */
export function positiveInteger(label: string, example = '132'): PathParam {
	return {
		label,
		test: (value) => /^[1-9]\d{0,17}$/.test(value),
		expected: `a whole number greater than 0, such as ${example}`,
	};
}

/** A value of a documented pattern (letters, digits and the given punctuation only). */
export function matching(label: string, pattern: RegExp, expected: string): PathParam {
	return { label, test: (value) => pattern.test(value), expected };
}

/** The value of a node parameter as text: a resource locator's value, a number, a string. */
function parameterText(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in (value as object)) {
		return parameterText((value as { value: unknown }).value);
	}
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

/** Checks one value and returns it encoded as a path segment. */
export function pathSegment(node: INode, param: PathParam, value: unknown, itemIndex: number): string {
	const text = parameterText(value);
	if (!param.test(text)) {
		throw new NodeOperationError(
			node,
			text === ''
				? `${param.label} is empty`
				: `${param.label} ${JSON.stringify(text.slice(0, 100))} is not valid`,
			{
				itemIndex,
				description: `${param.label} must be ${param.expected}. Nothing was sent. Change the value (or the expression that gives it) and run the node again.`,
			},
		);
	}
	return encodeURIComponent(text);
}

/**
 * Fills the `{name}` placeholders of a routing URL ("/contacts/{contactId}/products") with
 * the node parameters of those names, each checked by `params[name]`. A placeholder with
 * no entry in `params` is a programming error.
 */
export function fillPath(
	ctx: IExecuteSingleFunctions,
	url: string,
	params: Record<string, PathParam>,
): string {
	const itemIndex = ctx.getItemIndex();
	return url.replace(/\{([A-Za-z0-9_.]+)\}/g, (_whole, name: string) => {
		const param = params[name];
		if (!param) throw new NodeOperationError(ctx.getNode(), `No path parameter "${name}" is defined`);
		return pathSegment(ctx.getNode(), param, ctx.getNodeParameter(name, undefined), itemIndex);
	});
}
