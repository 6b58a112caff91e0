/**
 * Verify With Boomerangme: a delivery names a card or a customer; the trigger reads it back
 * from Boomerangme and puts out Boomerangme's own copy, so a made-up card number or customer
 * starts nothing even from someone who has the hook's address. Boomerangme documents no
 * delivery format: the card and the customer are looked for where public integrations
 * show them (see IDS below, and the README's assumptions).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { pathSegment } from '../shared/path';
import { boomerangmeRequest } from './requests';
import { PATH_PARAMS } from './transport';

/** Where a delivery may carry its card number and its customer ID, in that order. */
const IDS = {
	card: ['data.cardId', 'data.cardNumber', 'data.card.id', 'data.card.number', 'cardId', 'card.id'],
	customer: ['data.customerId', 'data.customer.id', 'data.card.customerId', 'customerId', 'customer.id'],
};

function at(body: IDataObject, path: string): string | undefined {
	let value: unknown = body;
	for (const key of path.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;
}

const first = (body: IDataObject, paths: string[]) => paths.map((path) => at(body, path)).find(Boolean);

/** What Verify found: Boomerangme's copies to put out, or why the delivery starts nothing. */
export type Verified = { json: IDataObject } | { refused: string };

/** Reads a record back; undefined when Boomerangme has no such record (404) or the value is no ID. */
async function readBack(
	ctx: IWebhookFunctions,
	path: '/api/v2/cards/' | '/api/v2/customers/',
	param: 'cardNumber' | 'customerId',
	id: string,
): Promise<IDataObject | undefined> {
	let segment: string;
	try {
		segment = pathSegment(ctx.getNode(), PATH_PARAMS[param], id, 0);
	} catch {
		return undefined;
	}
	// A 404 says Boomerangme has no such record; any other failure fails the delivery as it is.
	const body = await boomerangmeRequest(ctx, { method: 'GET', url: `${path}${segment}` }).catch(
		async (error: { httpCode?: string }) => (error.httpCode === '404' ? undefined : await Promise.reject(error)),
	);
	if (!body) return undefined;
	return (body.data && typeof body.data === 'object' ? body.data : body) as IDataObject;
}

/**
 * The delivery's card and customer as Boomerangme has them now: `{ event, card?, customer? }`,
 * nothing of the posted body beside the event's name. A delivery that names neither, or names
 * one Boomerangme does not have, or a card of another customer than it names, is refused.
 */
export async function verifyDelivery(ctx: IWebhookFunctions, event: string, body: IDataObject): Promise<Verified> {
	const cardId = first(body, IDS.card);
	const customerId = first(body, IDS.customer);
	if (!cardId && !customerId) {
		return { refused: `it names no card or customer to check (Verify With Boomerangme reads ${event} deliveries' card or customer back)` };
	}
	const json: IDataObject = { event };
	if (cardId) {
		const card = await readBack(ctx, '/api/v2/cards/', 'cardNumber', cardId);
		if (!card) return { refused: `Boomerangme has no card ${JSON.stringify(cardId.slice(0, 40))}` };
		json.card = card;
	}
	const owner = customerId ?? (json.card as IDataObject | undefined)?.customerId;
	if (customerId && json.card && String((json.card as IDataObject).customerId ?? customerId) !== customerId) {
		return { refused: 'the card it names belongs to another customer than the one it names' };
	}
	if (owner !== undefined && owner !== null && String(owner) !== '') {
		const customer = await readBack(ctx, '/api/v2/customers/', 'customerId', String(owner));
		if (!customer) return { refused: `Boomerangme has no customer ${JSON.stringify(String(owner).slice(0, 40))}` };
		json.customer = customer;
	}
	return { json };
}
