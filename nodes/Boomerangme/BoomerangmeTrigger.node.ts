import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pathSegment } from '../shared/path';
import { boomerangmeRequest, PATH_PARAMS, PATHS } from './transport';

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

/** What the trigger keeps in the workflow's static data about its hook. */
interface HookRecord extends IDataObject {
	webhookId?: string;
	webhookUrl?: string;
	webhookEvents?: string[];
}

function selectedEvents(ctx: IHookFunctions): string[] {
	const events = (ctx.getNodeParameter('events', []) as string[]).filter((event) => KNOWN.has(event));
	if (!events.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description: 'Pick the Boomerangme events that should start this workflow under Events.',
		});
	}
	return [...new Set(events)].sort();
}

function hookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no URL for this trigger');
	return url;
}

function hookPath(ctx: IHookFunctions, id: string): string {
	return PATHS.webhook.replace('{webhookId}', pathSegment(ctx.getNode(), PATH_PARAMS.webhookId, id, 0));
}

function statusOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const code = Number(error.httpCode);
	return Number.isFinite(code) ? code : undefined;
}

/** An error as a node error: the shared layer's errors pass as they are. */
function nodeError(ctx: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(ctx.getNode(), { message: String((error as Error)?.message ?? error) });
}

function forget(record: HookRecord): void {
	delete record.webhookId;
	delete record.webhookUrl;
	delete record.webhookEvents;
}

/** Removes a hook; one Boomerangme no longer has (404) is already gone. Other failures throw. */
async function removeHook(ctx: IHookFunctions, id: string): Promise<void> {
	try {
		await boomerangmeRequest(ctx, { method: 'DELETE', url: hookPath(ctx, id) });
	} catch (error) {
		if (statusOf(error) !== 404) throw nodeError(ctx, error);
	}
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
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The Boomerangme events that start the workflow; one hook receives them all',
				options: EVENTS,
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Whether Boomerangme still has this trigger's hook, for this URL and these events.
			 * A hook registered with other settings is removed so that a new one replaces it.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const record = this.getWorkflowStaticData('node') as HookRecord;
				const id = record.webhookId;
				if (!id) return false;
				const url = hookUrl(this);
				const events = selectedEvents(this);
				const same =
					record.webhookUrl === url && JSON.stringify(record.webhookEvents ?? []) === JSON.stringify(events);
				if (same) {
					try {
						const answer = await boomerangmeRequest(this, { method: 'GET', url: hookPath(this, id) });
						const hook = (answer.data ?? answer) as IDataObject;
						if (hook.url === undefined || hook.url === url) return true;
					} catch (error) {
						const status = statusOf(error);
						if (status === 404) {
							forget(record);
							return false;
						}
						// Boomerangme cannot look a hook up (405): replace it below rather than guess.
						if (status !== 405) throw nodeError(this, error);
					}
				}
				await removeHook(this, id);
				forget(record);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const record = this.getWorkflowStaticData('node') as HookRecord;
				const url = hookUrl(this);
				const events = selectedEvents(this);
				const answer = await boomerangmeRequest(this, {
					method: 'POST',
					url: PATHS.webhooks,
					body: { url, events },
					headers: { 'Content-Type': 'application/json' },
				});
				const hook = (answer.data ?? answer) as IDataObject;
				const id = hook.id;
				if (id === undefined || id === null || String(id).trim() === '') {
					throw new NodeApiError(this.getNode(), answer as never, {
						message: 'Boomerangme: the answer to registering the webhook carries no ID',
						description:
							'The hook may exist in Boomerangme without n8n knowing it. Check Boomerangme\'s automation settings for a hook to this workflow\'s URL before activating again.',
					});
				}
				record.webhookId = String(id);
				record.webhookUrl = url;
				record.webhookEvents = events;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const record = this.getWorkflowStaticData('node') as HookRecord;
				if (!record.webhookId) return true;
				await removeHook(this, record.webhookId);
				forget(record);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData();
		return { workflowData: [this.helpers.returnJsonArray(body)] };
	}
}
