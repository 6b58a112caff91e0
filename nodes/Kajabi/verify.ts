/**
 * Verify With Kajabi: a delivery is taken only as Kajabi itself confirms it. Every record of
 * the delivery is looked up in Kajabi; the output is built from Kajabi's copies alone, each
 * record must exist there with the same amounts and email, the records that name a site must
 * name the trigger's site (and at least one must), and tag and form events must match what
 * the trigger watches.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError, kajabiSend, text } from './hooks';
import type { HookWanted } from './hooks';

/** The record each event is about, as its JSON:API type in the payload. */
export const SUBJECT: Record<string, string> = {
	purchase: 'purchases',
	payment_succeeded: 'transactions',
	order_created: 'orders',
	form_submission: 'form_submissions',
	tag_added: 'contacts',
	tag_removed: 'contacts',
};

/** Record types a delivery may carry, each served by Kajabi at /v1/<type>/{id}. */
export const LOOKUP_TYPES = new Set([
	'contact_tags',
	'contacts',
	'customers',
	'form_submissions',
	'forms',
	'offers',
	'order_items',
	'orders',
	'products',
	'purchases',
	'transactions',
]);

/** Attributes a delivered record must carry with the same value as Kajabi's own copy. */
const COMPARED = ['email', 'amount_in_cents', 'total_price_in_cents', 'order_number', 'currency'];

/** A Kajabi ID as it may appear in a URL path. */
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Most records one delivery may ask to look up (Kajabi's payloads carry two or three). */
export const MAX_RECORDS = 10;

const related = (record: IDataObject, name: string): unknown =>
	((record.relationships as IDataObject | undefined)?.[name] as IDataObject | undefined)?.data;

/**
 * Looks every record of the delivery up in Kajabi. Returns Kajabi's copies in the order of
 * the delivery, or the reason the delivery is not confirmed.
 */
export async function verifyDelivery(
	ctx: IWebhookFunctions,
	want: HookWanted,
	payload: IDataObject[],
): Promise<IDataObject[] | string> {
	const subject = SUBJECT[want.event];
	if (!payload.some((record) => record?.type === subject)) return `it carries no ${subject} record`;
	if (payload.length > MAX_RECORDS) return `it carries ${payload.length} records, more than a Kajabi delivery does`;
	for (const record of payload) {
		const type = text(record?.type);
		const id = text(record?.id);
		if (!LOOKUP_TYPES.has(type)) return `it carries a record of type "${type.slice(0, 40)}" that cannot be checked in Kajabi`;
		if (!ID_SHAPE.test(id)) return `it carries a ${type} record without a valid ID`;
	}
	const tag = payload.find((record) => record.type === 'contact_tags');
	if (want.event.startsWith('tag_')) {
		if (!tag) return 'it names no tag';
		if (want.resourceId && text(tag.id) !== want.resourceId) return 'its tag is not the one this trigger watches';
	}

	const copies = new Map<string, IDataObject>();
	for (const record of payload) {
		const type = text(record.type);
		const id = text(record.id);
		const key = `${type}/${id}`;
		if (copies.has(key)) continue;
		let found: IDataObject | undefined;
		try {
			const qs = type === 'contacts' && want.event.startsWith('tag_') ? { include: 'tags' } : {};
			found = (await kajabiSend(ctx, 'GET', `/v1/${type}/${encodeURIComponent(id)}`, undefined, qs)).data as
				| IDataObject
				| undefined;
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === '404') return `Kajabi has no ${type} ${id}`;
			if (error instanceof NodeApiError && error.httpCode === '403') {
				return `the API key may not read ${type} (403): give it the scope to view ${type}, or turn Verify With Kajabi off`;
			}
			throw asNodeError(ctx.getNode(), error);
		}
		if (!found || text(found.id) !== id || text(found.type || type) !== type) return `Kajabi has no ${type} ${id}`;
		const mine = (found.attributes ?? {}) as IDataObject;
		const theirs = (record.attributes ?? {}) as IDataObject;
		const differs = COMPARED.find((name) => name in mine && name in theirs && String(mine[name]) !== String(theirs[name]));
		if (differs) return `its ${differs} differs from Kajabi's ${type} ${id}`;
		copies.set(key, found);
	}

	// The site: every record Kajabi files under a site must be under this trigger's, and one must be.
	const sites = [...copies.values()]
		.map((copy) => related(copy, 'site'))
		.filter((site): site is IDataObject => Boolean(site) && typeof site === 'object' && !Array.isArray(site))
		.map((site) => text(site.id));
	if (!sites.length) return 'none of its records names a site in Kajabi';
	const other = sites.find((site) => site !== want.siteId);
	if (other !== undefined) return `its records belong to site ${other}, not to site ${want.siteId}`;

	const main = copies.get(`${subject}/${text(payload.find((record) => record.type === subject)!.id)}`)!;
	if (want.event === 'form_submission' && want.resourceId) {
		const form = related(main, 'form') as IDataObject | undefined;
		if (!form || text(form.id) !== want.resourceId) return 'its form is not the one this trigger watches';
	}
	if (want.event.startsWith('tag_') && tag) {
		const tags = related(main, 'tags');
		const has = Array.isArray(tags) && tags.some((item) => text((item as IDataObject).id) === text(tag.id));
		if (!Array.isArray(tags) || has !== (want.event === 'tag_added')) {
			return `Kajabi's contact ${text(main.id)} ${want.event === 'tag_added' ? 'does not have' : 'still has'} tag ${text(tag.id)}`;
		}
	}
	return payload.map((record) => copies.get(`${text(record.type)}/${text(record.id)}`)!);
}
