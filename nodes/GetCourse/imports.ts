/**
 * The body of GetCourse's import API (users, orders, and the list of additional fields, which
 * the same API answers). The fields' routing builds the import document as an object; the
 * preSend functions here add the parts a routing rule cannot write (groups with join dates,
 * additional fields by name, the flag an order number needs), and `importForm` turns the
 * document into the form GetCourse reads: `action` and `params`, the document in base64 JSON.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** The import API's body: the form fields `action` and `params` (base64 of the JSON document). */
export function importForm(body: IDataObject): IDataObject {
	const { action, ...params } = body;
	const form: IDataObject = { action: String(action ?? 'add') };
	if (Object.keys(params).length) {
		form.params = Buffer.from(JSON.stringify(params), 'utf8').toString('base64');
	}
	return form;
}

/** A date picker's value as GetCourse's "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD"); other text as it is. */
function dateTimeText(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?/.exec(text);
	if (!match) return text === '' ? undefined : text;
	return match[2] ? `${match[1]} ${match[2]}` : match[1];
}

interface GroupEntry {
	name?: string;
	joinedAt?: string;
}

/** `user.group_name`: a name, or [name, "YYYY-MM-DD HH:MM"] when a join date is given. */
export async function setGroups(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const groups = this.getNodeParameter('groups', {}) as { group?: GroupEntry[] };
	const entries = (groups.group ?? []).filter((entry) => String(entry.name ?? '').trim() !== '');
	if (!entries.length) return options;
	const body = { ...((options.body as IDataObject) ?? {}) };
	const user = { ...((body.user as IDataObject) ?? {}) };
	user.group_name = entries.map((entry) => {
		const name = String(entry.name).trim();
		const joined = dateTimeText(entry.joinedAt);
		return joined ? [name, joined] : name;
	});
	body.user = user;
	return { ...options, body };
}

/** `addfields` of the user or the order, from name/value pairs. */
function setAddFields(parameter: string, target: 'user' | 'deal') {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const value = this.getNodeParameter(parameter, {}) as {
			field?: Array<{ name?: string; value?: unknown }>;
		};
		const pairs = (value.field ?? []).filter((pair) => String(pair.name ?? '').trim() !== '');
		if (!pairs.length) return options;
		const body = { ...((options.body as IDataObject) ?? {}) };
		const holder = { ...((body[target] as IDataObject) ?? {}) };
		holder.addfields = Object.fromEntries(
			pairs.map((pair) => [String(pair.name).trim(), pair.value ?? '']),
		) as IDataObject;
		body[target] = holder;
		return { ...options, body };
	};
}

export const setUserAddFields = setAddFields('userFields', 'user');
export const setDealAddFields = setAddFields('orderFields', 'deal');

/**
 * GetCourse edits an existing order only when `system.refresh_if_exists` is 1 (its reference
 * lists the order number and that flag as what editing an order needs), so an order number
 * sends the flag on, whatever Update If Exists says.
 */
export async function refreshForOrderNumber(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const number = this.getNodeParameter('orderDetails.dealNumber', '') as unknown;
	if (String(number ?? '').trim() === '') return options;
	const body = { ...((options.body as IDataObject) ?? {}) };
	body.system = { ...((body.system as IDataObject) ?? {}), refresh_if_exists: 1 };
	return { ...options, body };
}
