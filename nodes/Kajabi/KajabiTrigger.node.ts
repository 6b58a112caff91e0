import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { DeliveryKey } from '../shared/webhook';
import { claimDelivery, hasSecret, hookSlot, publicUrlNotice, refuse } from '../shared/webhook';
import { checkExists, create, remove, SAMPLE_HEADER, text, wanted } from './hooks';
import type { TriggerData } from './hooks';
import { loadOptions } from './methods';
import { HOOK_EVENTS } from './resources/hook';
import { simplifyRecord } from './simplify';
import { SUBJECT, verifyDelivery } from './verify';

const LABEL = 'Kajabi Trigger';

/** A delivery with the same ID is the same delivery for this long. */
const DELIVERY_WINDOW_MS = 24 * 3_600_000;

/** The same event about the same record: a day for purchases, payments, orders and forms; minutes for tag changes, which may really repeat. */
const RECORD_WINDOW_MS: Record<string, number> = {
	tag_added: 10 * 60_000,
	tag_removed: 10 * 60_000,
};

/** Turns the dropdown of tags or forms into "every one" plus the account's records. */
const everyOr = (label: string, method: (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>) =>
	async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return [{ name: label, value: '' }, ...(await method.call(this))];
	};

/** What makes a delivery the same as one before: its ID, and the event with its records. */
function deliveryKeys(body: IDataObject, event: string, payload: IDataObject[]): DeliveryKey[] {
	const keys: DeliveryKey[] = [];
	const id = text(body.id);
	if (id) keys.push({ key: `id:${id}`, windowMs: DELIVERY_WINDOW_MS });
	const subject = payload.find((record) => record?.type === SUBJECT[event]);
	if (subject) {
		const tag = payload.find((record) => record?.type === 'contact_tags');
		keys.push({
			key: `record:${event}:${text(subject.id)}:${tag ? text(tag.id) : ''}`,
			windowMs: RECORD_WINDOW_MS[event] ?? DELIVERY_WINDOW_MS,
		});
	}
	return keys;
}

export class KajabiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kajabi Trigger',
		name: 'kajabiTrigger',
		icon: { light: 'file:../../icons/kajabi.svg', dark: 'file:../../icons/kajabi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(Object.fromEntries(HOOK_EVENTS.map((event) => [event.value, event.name])))}[$parameter["event"]] || $parameter["event"] }}`,
		description: 'Starts the workflow when Kajabi reports a purchase, payment, order, form submission or tag change',
		defaults: { name: 'Kajabi Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kajabiApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			publicUrlNotice('Kajabi'),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				default: 'purchase',
				options: HOOK_EVENTS,
				description:
					'What Kajabi reports. The API key needs the scope named with each event, or Kajabi refuses the hook (403).',
			},
			{
				displayName: 'Site Name or ID',
				name: 'siteId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getSites' },
				required: true,
				default: '',
				description:
					'The site whose events start the workflow. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tag Name or ID',
				name: 'tagId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTagsOrEvery' },
				default: '',
				displayOptions: { show: { event: ['tag_added', 'tag_removed'] } },
				description:
					'Only this tag; "Every Tag" for all. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Form Name or ID',
				name: 'formId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFormsOrEvery' },
				default: '',
				displayOptions: { show: { event: ['form_submission'] } },
				description:
					'Only this form; "Every Form" for all. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Send Sample When Testing',
						name: 'sendSample',
						type: 'boolean',
						default: true,
						description:
							"Whether Listen for Test Event also delivers Kajabi's sample payload of the event, so that the workflow can be built before a real one happens",
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						description:
							'Whether to turn each record of the payload into one flat object (ID, attributes, IDs of related records)',
					},
					{
						displayName: 'Split Into Items',
						name: 'split',
						type: 'boolean',
						default: false,
						description:
							'Whether to put out each record of the payload (the purchase, the offer, the customer…) as its own item instead of one item with the whole delivery',
					},
					{
						displayName: 'Verify With Kajabi',
						name: 'verify',
						type: 'boolean',
						default: true,
						description:
							"Whether to look every record of a delivery up in Kajabi before the workflow runs (on unless turned off here). The workflow then gets Kajabi's own copies, only of records of this trigger's site; a delivery with a record Kajabi does not have starts nothing. Costs one request per record (2 to 3 per delivery).",
					},
				],
			},
		],
	};

	methods = {
		loadOptions: {
			getSites: loadOptions.getSites,
			getTagsOrEvery: everyOr('Every Tag', loadOptions.getContactTags),
			getFormsOrEvery: everyOr('Every Form', loadOptions.getForms),
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const slot = hookSlot(this);
		if (!hasSecret(this, data[slot]?.secret)) {
			return refuse(this, LABEL, 'secret', "it does not carry the secret of the trigger's hook");
		}
		const want = wanted(this);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const headers = this.getHeaderData() as IDataObject;
		const sample = slot === 'test' && Boolean(data.sampleToken) && headers[SAMPLE_HEADER] === data.sampleToken;

		let payload = Array.isArray(body.payload) ? (body.payload as IDataObject[]) : undefined;
		if (!sample) {
			if (body.event !== want.event || !payload) {
				return refuse(this, LABEL, 'event', `it is not a "${want.event}" delivery of Kajabi`);
			}
			const claim = claimDelivery(this, deliveryKeys(body, want.event, payload));
			if (!claim.fresh) return refuse(this, LABEL, 'repeat', 'Kajabi sent this delivery before');
			if (options.verify !== false) {
				const verdict = await verifyDelivery(this, want, payload).catch((error: unknown) => {
					claim.release();
					throw error;
				});
				if (typeof verdict === 'string') {
					claim.release();
					return refuse(this, LABEL, 'verify', verdict);
				}
				payload = verdict;
			}
		}
		const records = (payload ?? []).map((record) =>
			options.simplify === false ? record : simplifyRecord(record),
		);
		const items =
			options.split === true
				? records.map((json) => ({ json }))
				: [{ json: { id: body.id ?? null, event: body.event ?? want.event, payload: records, ...(sample ? { sample: true } : {}) } }];
		return { workflowData: [items] };
	}
}
