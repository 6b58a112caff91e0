import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { DeliveryKey } from '../shared/webhook';
import { claimDelivery, hasSecret, hookSlot, publicUrlNotice, refuse, stableJson, wasClaimed } from '../shared/webhook';
import type { TriggerData } from './hooks';
import { checkHook, createHook, deleteHooks } from './hooks';
import { verifyDelivery } from './verify';

/** Boomerangme's automation events; on the wire each name ends in "Event". */
export const EVENTS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Card Balance Updated', value: 'CardBalanceUpdatedEvent', description: 'Stamps, points, visits or amounts on a card changed' },
	{ name: 'Card Expired', value: 'CardExpiredEvent', description: 'A card reached its expiry date' },
	{ name: 'Card Installed', value: 'CardInstalledEvent', description: 'A customer added a card to their phone wallet' },
	{ name: 'Card Issued', value: 'CardIssuedEvent', description: 'A card was issued to a customer' },
	{ name: 'Card Removed', value: 'CardRemovedEvent', description: 'A card was removed from a wallet or deleted' },
	{ name: 'Card Scanned', value: 'CardScannedEvent', description: 'A card was scanned' },
	{ name: 'Company Created', value: 'CompanyCreatedEvent', description: 'A sub-account was created' },
	{ name: 'Company Removed', value: 'CompanyRemovedEvent', description: 'A sub-account was removed' },
	{ name: 'Customer Created', value: 'CustomerCreatedEvent', description: 'A customer was created' },
	{ name: 'Customer Referral Created', value: 'CustomerReferralCreatedEvent', description: 'A customer referred someone' },
	{ name: 'Customer Segment Linked', value: 'CustomerSegmentLinkedEvent', description: 'A customer moved to another RFM segment' },
	{ name: 'Feedback Created', value: 'FeedbackCreatedEvent', description: 'A customer left a review' },
	{ name: 'Manager Created', value: 'ManagerCreatedEvent', description: 'A manager seat was created' },
	{ name: 'Manager Removed', value: 'ManagerRemovedEvent', description: 'A manager seat was removed' },
	{ name: 'Payment Completed Failed', value: 'PaymentCompletedFailedEvent', description: 'A payment failed' },
	{ name: 'Payment Completed Successful', value: 'PaymentCompletedSuccessfulEvent', description: 'A payment succeeded' },
	{ name: 'Payment Refunded', value: 'PaymentRefundedEvent', description: 'A payment was refunded' },
	{ name: 'Recurrent Payment Completed Failed', value: 'RecurrentPaymentCompletedFailedEvent', description: 'A recurring payment failed' },
	{ name: 'Tariff Payment Created', value: 'TariffPaymentCreatedEvent', description: 'A payment for a tariff was created' },
	{ name: 'User Template Activated', value: 'UserTemplateActivatedEvent', description: 'A card template was activated' },
	{ name: 'User Template Created', value: 'UserTemplateCreatedEvent', description: 'A card template was created' },
	{ name: 'User Template Deactivated', value: 'UserTemplateDeactivatedEvent', description: 'A card template was deactivated' },
	{ name: 'User Template Removed', value: 'UserTemplateRemovedEvent', description: 'A card template was removed' },
	{ name: 'User Template Updated', value: 'UserTemplateUpdatedEvent', description: 'A card template was changed' },
];

const KNOWN = new Set(EVENTS.map((event) => event.value));

const LABEL = 'Boomerangme Trigger';

/** A delivery with the same ID is the same delivery for this long. */
const DELIVERY_WINDOW_MS = 24 * 3_600_000;

/** A delivery without an ID, with the same event, time stamp and content, is the same one for this long. */
const CONTENT_WINDOW_MS = 10 * 60_000;

/** Where a delivery's body may say when its event happened (at its top level, not in a record). */
const STAMPS = ['createdAt', 'created_at', 'occurredAt', 'occurred_at', 'timestamp', 'eventTime', 'event_time', 'dateTime', 'sentAt', 'sent_at', 'time', 'date'];

/** A time stamp precise to the second or better: epoch numbers, or a date with a time of day. */
function isStamp(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value) && value > 0;
	if (typeof value !== 'string') return false;
	const trimmed = value.trim();
	return /^\d{9,}(\.\d+)?$/.test(trimmed) || (/\d{1,2}:\d{2}:\d{2}/.test(trimmed) && !Number.isNaN(Date.parse(trimmed)));
}

/** The event a delivery names, with the "Event" suffix Boomerangme's names carry. */
function eventOf(body: IDataObject): string {
	const name = typeof body.event === 'string' ? body.event : typeof body.type === 'string' ? body.type : '';
	const trimmed = name.trim();
	return !trimmed || trimmed.endsWith('Event') ? trimmed : `${trimmed}Event`;
}

/**
 * What makes a delivery the same as one before: its ID (`id`, `eventId` or `uuid`) where the
 * body has one; otherwise its whole content, but only when the body carries a time stamp of its
 * own (two real events with the same content then differ in it). A body with neither is not
 * remembered: the same card scanned twice posts the same body, and both start.
 */
function deliveryKeys(body: IDataObject, event: string): DeliveryKey[] {
	const id = [body.id, body.eventId, body.uuid].find(
		(value) => (typeof value === 'string' || typeof value === 'number') && String(value).trim(),
	);
	if (id !== undefined) return [{ key: `id:${String(id).trim()}`, windowMs: DELIVERY_WINDOW_MS }];
	if (STAMPS.some((name) => isStamp(body[name]))) {
		return [{ key: `content:${event}:${stableJson(body)}`, windowMs: CONTENT_WINDOW_MS }];
	}
	return [];
}

function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	const events = (ctx.getNodeParameter('events', []) as string[]).filter((event) => KNOWN.has(event));
	if (!events.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description: 'Pick the Boomerangme events that should start this workflow under Events.',
		});
	}
	return [...new Set(events)].sort();
}

export class BoomerangmeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Boomerangme Trigger',
		name: 'boomerangmeTrigger',
		icon: { light: 'file:../../icons/boomerangme.svg', dark: 'file:../../icons/boomerangme.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ [].concat($parameter["events"] || []).map((event) => (${JSON.stringify(Object.fromEntries(EVENTS.map((event) => [event.value, event.name])))})[event] || event).join(", ") }}`,
		description: 'Starts the workflow when cards, customers, payments or templates change in Boomerangme',
		defaults: { name: 'Boomerangme Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'boomerangmeApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			publicUrlNotice('Boomerangme'),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The Boomerangme events that start the workflow; one hook receives them all',
				options: EVENTS,
			},
			{
				displayName: 'Verify With Boomerangme',
				name: 'verify',
				type: 'boolean',
				default: false,
				description:
					"Whether to read the delivery's card (and its customer) back from Boomerangme and put out Boomerangme's own copies. A delivery naming a card or customer Boomerangme does not have, or none, starts nothing. Off by default: Boomerangme documents no delivery format, so check with a test event that your deliveries name their card (Output: event, card, customer).",
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkHook(this, selectedEvents(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createHook(this, selectedEvents(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteHooks(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const stored = data[hookSlot(this)];
		if (!hasSecret(this, stored?.secret)) {
			return refuse(this, LABEL, 'secret', "it does not carry the secret of the trigger's hook");
		}
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const event = eventOf(body);
		const chosen = (this.getNodeParameter('events', []) as string[]).filter((name) => KNOWN.has(name));
		if (!event || !chosen.includes(event)) {
			return refuse(this, LABEL, 'event', event ? `it is a "${event.slice(0, 60)}" event, which this trigger does not watch` : 'it names no event');
		}
		const keys = deliveryKeys(body, event);
		// A copy of a delivery already accepted costs no lookups.
		if (wasClaimed(this, keys)) return refuse(this, LABEL, 'repeat', 'Boomerangme sent this delivery before');
		let output = body;
		if (this.getNodeParameter('verify', false) as boolean) {
			const verified = await verifyDelivery(this, event, body);
			if ('refused' in verified) return refuse(this, LABEL, 'verify', verified.refused);
			output = verified.json;
		}
		// Remembered once accepted (after Verify): a copy refused or failed leaves nothing behind.
		if (!claimDelivery(this, keys)) {
			return refuse(this, LABEL, 'repeat', 'Boomerangme sent this delivery before');
		}
		return { workflowData: [this.helpers.returnJsonArray(output)] };
	}
}
