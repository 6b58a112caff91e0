/**
 * Contexts n8n gives a trigger: the hook functions of activation (checkExists, create,
 * delete) and the webhook function of a delivery, over one workflow whose static data
 * lives as long as the test keeps the `TriggerRig`.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { KajabiApi } from '../../credentials/KajabiApi.credentials';
import { KajabiTrigger } from '../../nodes/Kajabi/KajabiTrigger.node';
import { TestCredentialsHelper, TestNodeTypes } from '../harness';
import { CREDENTIALS } from './run';

export const WEBHOOK_BASE = 'http://localhost:5678/webhook';
export const TEST_WEBHOOK_BASE = 'http://localhost:5678/webhook-test';

export class TriggerRig {
	readonly trigger = new KajabiTrigger();

	readonly workflow: Workflow;

	readonly node: INode;

	readonly additionalData: IWorkflowExecuteAdditionalData;

	constructor(parameters: INodeParameters, credentials: IDataObject = {}) {
		this.node = {
			id: 'trigger',
			name: 'Kajabi Trigger',
			type: 'n8n-nodes-creator-commerce.kajabiTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'b1c2d3e4-0000-4000-8000-000000000001',
			parameters,
			credentials: { kajabiApi: { id: 'kajabiApi-id', name: 'kajabiApi' } },
		};
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes: new TestNodeTypes({ 'n8n-nodes-creator-commerce.kajabiTrigger': this.trigger }),
			active: true,
			staticData: {},
		});
		this.additionalData = {
			credentialsHelper: new TestCredentialsHelper(
				{ kajabiApi: new KajabiApi() },
				{ kajabiApi: { ...CREDENTIALS, ...credentials } },
			),
			webhookBaseUrl: WEBHOOK_BASE,
			webhookTestBaseUrl: TEST_WEBHOOK_BASE,
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			instanceBaseUrl: 'http://localhost:5678/',
			restApiUrl: 'http://localhost:5678/rest',
			executionId: 'trigger-execution',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** n8n's logger, as the trigger's contexts hand it out. */
	get logger(): { warn: (message: string) => void } {
		return new HookContext(this.workflow, this.node, this.additionalData, 'trigger', 'activate').logger;
	}

	/** The static data the trigger keeps for its node. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private webhookData(mode: WorkflowExecuteMode): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: this.trigger.description.webhooks![0],
			workflowId: 'trigger-workflow',
			workflowExecuteAdditionalData: this.additionalData,
			webhookId: this.node.webhookId,
			isTest: mode === 'manual',
		} as IWebhookData;
	}

	/** The URL n8n gives the trigger's webhook. */
	url(mode: WorkflowExecuteMode = 'trigger'): string {
		return `${mode === 'manual' ? TEST_WEBHOOK_BASE : WEBHOOK_BASE}/${this.node.webhookId}/webhook`;
	}

	async hook(method: 'checkExists' | 'create' | 'delete', mode: WorkflowExecuteMode = 'trigger'): Promise<boolean> {
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			this.webhookData(mode),
		);
		return await this.trigger.webhookMethods.default[method].call(context);
	}

	/** n8n's activation: create the hook unless checkExists finds it. */
	async activate(mode: WorkflowExecuteMode = 'trigger'): Promise<void> {
		if (!(await this.hook('checkExists', mode))) await this.hook('create', mode);
	}

	/** The secret of the hook registered for this mode, as the platform posts it. */
	secret(mode: WorkflowExecuteMode = 'trigger'): string | undefined {
		const slot = (this.staticData[mode === 'manual' ? 'test' : 'live'] ?? {}) as IDataObject;
		return slot.secret as string | undefined;
	}

	/**
	 * Posts a delivery to the trigger, with the URL's query (by default the stored secret, as
	 * Kajabi posts to the registered URL). `status` is what was answered when the trigger
	 * answered by itself (401).
	 */
	async deliver(
		body: unknown,
		headers: Record<string, string> = {},
		mode: WorkflowExecuteMode = 'trigger',
		query?: Record<string, string>,
	): Promise<IWebhookResponseData & { status?: number }> {
		const secret = this.secret(mode);
		const response = { statusCode: 200, status(code: number) { this.statusCode = code; return this; }, json() { return this; } };
		const additionalData = {
			...this.additionalData,
			httpRequest: {
				body,
				headers: { 'content-type': 'application/json', ...headers },
				query: query ?? (secret ? { secret } : {}),
			},
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(this.workflow, this.node, additionalData, mode === 'trigger' ? 'webhook' : mode, this.webhookData(mode), [], null);
		const answer = await this.trigger.webhook.call(context);
		return answer.noWebhookResponse ? { ...answer, status: response.statusCode } : answer;
	}
}
