/**
 * Checks of what an operation is about to send, run by the operation's own runner after
 * its path is filled and before anything is sent (transport.ts): a failure fails the item
 * in the same shape as an error of Boomerangme's, and nothing is sent.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import type { BalanceAction } from './cards';

/**
 * A balance operation's amount must be a positive number (a whole one for stamps, visits
 * and rewards); anything else fails here, before anything is sent.
 */
export function checkBalanceAmount(
	ctx: IExecuteSingleFunctions,
	balance: BalanceAction,
	options: IHttpRequestOptions,
): void {
	if (!balance.amountKey) return;
	const body = (options.body ?? {}) as IDataObject;
	const raw = body[balance.amountKey];
	const amount = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	const label = balance.amountLabel ?? 'Amount';
	const fine =
		typeof amount === 'number' &&
		Number.isFinite(amount) &&
		amount > 0 &&
		(!balance.whole || Number.isInteger(amount));
	if (fine) {
		body[balance.amountKey] = amount;
		return;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`${label} must be ${balance.whole ? 'a whole number' : 'a number'} greater than 0; got ${JSON.stringify(raw ?? null)}`,
		{
			itemIndex: ctx.getItemIndex(),
			description: `Nothing was sent to Boomerangme. ${balance.name} takes a positive ${label.toLowerCase()}; to take ${label.toLowerCase()} away use the matching Subtract operation. Change the value (or the expression that gives it) and run the node again.`,
		},
	);
}

/**
 * The body property that carries fields given as JSON (Company Create and Update's Other
 * Fields, which the reference does not list): merged into the body before sending.
 */
export const JSON_FIELDS = '__jsonFields';

/** Merges the JSON object a field gave under JSON_FIELDS into the body; bad JSON fails here. */
export function mergeJsonFields(ctx: IExecuteSingleFunctions, options: IHttpRequestOptions): void {
	const body = options.body as IDataObject | undefined;
	if (!body || !(JSON_FIELDS in body)) return;
	const { [JSON_FIELDS]: raw, ...rest } = body;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = raw.trim() === '' ? {} : jsonParse(raw);
		} catch {
			value = undefined;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(ctx.getNode(), 'Other Fields (JSON) is not a JSON object', {
			itemIndex: ctx.getItemIndex(),
			description: 'Write Other Fields (JSON) as a JSON object, such as {"phone": "+15550100"}. Nothing was sent.',
		});
	}
	// A field filled in by name wins over the same field in the JSON.
	options.body = { ...(value as IDataObject), ...rest };
}
