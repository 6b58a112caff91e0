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
import { claimDelivery, hasSecret, hookSlot, publicUrlNotice, refuse, wasClaimed } from '../shared/webhook';
import { checkExists, create, remove, SAMPLE_HEADER, text, wanted } from './hooks';
import type { TriggerData } from './hooks';
import { loadOptions } from './methods';
import { HOOK_EVENTS } from './resources/hook';
import { simplifyRecord } from './simplify';
import { SUBJECT, verifyDelivery } from './verify';

const LABEL = 'Kajabi Trigger';

/**
 * A second delivery about the same purchase, transaction, order or form submission is Kajabi
 * sending it again, whenever it comes: each of those happens once. Remembered this long.
 */
const RECORD_WINDOW_MS = 24 * 3_600_000;

/**
 * The same tag added to (or removed from) the same contact again within this time is taken as
 * Kajabi sending the delivery again; later it is a new change (a tag removed and added back).
 * A resend follows a delivery n8n did not answer in time, within about a minute or two.
 */
export const TAG_WINDOW_MS = 2 * 60_000;

/** Turns the dropdown of tags or forms into "every one" plus the account's records. */
const everyOr = (label: string, method: (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>) =>
	async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return [{ name: label, value: '' }, ...(await method.call(this))];
	};

/**
 * What makes a delivery the same as one before. Kajabi's `id` is the ID of the record that
 * triggered the event, not of the delivery (a second tag added to one contact carries the same
 * one), so the key is the event with its own record and, for tags, the tag. A delivery without
 * the event's record (only with Verify off) is not remembered: each such post starts.
 */
function deliveryKeys(event: string, payload: IDataObject[]): DeliveryKey[] {
	const subject = payload.find((record) => record?.type === SUBJECT[event]);
	const id = subject ? text(subject.id) : '';
	if (!id) return [];
	if (event.startsWith('tag_')) {
		const tag = payload.find((record) => record?.type === 'contact_tags');
		return [{ key: `${event}:contacts/${id}:contact_tags/${tag ? text(tag.id) : ''}`, windowMs: TAG_WINDOW_MS }];
	}
	return [{ key: `${event}:${SUBJECT[event]}/${id}`, windowMs: RECORD_WINDOW_MS }];
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
			const keys = deliveryKeys(want.event, payload);
			// A copy of a delivery already accepted costs no lookups.
			if (wasClaimed(this, keys)) return refuse(this, LABEL, 'repeat', 'Kajabi sent this delivery before');
			if (options.verify !== false) {
				// Nothing is remembered before Verify: a copy posted while it runs is checked on its own.
				const verdict = await verifyDelivery(this, want, payload);
				if (typeof verdict === 'string') return refuse(this, LABEL, 'verify', verdict);
				payload = verdict;
			}
			// Remembered once accepted: the first copy accepted starts, later ones are repeats.
			if (!claimDelivery(this, keys)) return refuse(this, LABEL, 'repeat', 'Kajabi sent this delivery before');
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
