import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	IHookFunctions,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookFunctions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BoomerangmeApi } from '../../credentials/BoomerangmeApi.credentials';
import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BoomerangmeTrigger } from '../../nodes/Boomerangme/BoomerangmeTrigger.node';
import type { RunResult, RunOptions } from '../harness';
import { loadOptionsContext, runNode, TestCredentialsHelper, TestNodeTypes } from '../harness';

export const BASE_URL = 'https://api.boomerangme.test';
export const API_KEY = 'test-api-key';
export const CREDENTIALS = { apiKey: API_KEY, baseUrl: BASE_URL };

const NODE_TYPE = 'n8n-nodes-creator-commerce.boomerangme';
const TRIGGER_TYPE = 'n8n-nodes-creator-commerce.boomerangmeTrigger';

export async function runBoomerangme(
	parameters: INodeParameters,
	options: { input?: IDataObject[]; continueOnFail?: boolean; onError?: RunOptions['onError']; credentials?: IDataObject } = {},
): Promise<RunResult> {
	return await runNode({
		nodeType: NODE_TYPE,
		node: new Boomerangme(),
		parameters,
		credentialTypes: { boomerangmeApi: new BoomerangmeApi() },
		credentials: { boomerangmeApi: { ...CREDENTIALS, ...(options.credentials ?? {}) } },
		input: options.input,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
	});
}

/** The context of the node's dropdowns and searchable lists, as the editor calls them. */
export function boomerangmeLoadOptions(parameters: INodeParameters = {}) {
	return loadOptionsContext({
		nodeType: NODE_TYPE,
		node: new Boomerangme(),
		parameters,
		credentialTypes: { boomerangmeApi: new BoomerangmeApi() },
		credentials: { boomerangmeApi: CREDENTIALS },
	});
}

/**
 * The trigger in a workflow as n8n activates it: `hook()` gives the context of its webhook
 * methods (create, checkExists, delete) and `webhook(body)` the context of a call to its
 * URL. Both share the workflow's static data, as they do in n8n.
 */
export function triggerWorkflow(parameters: INodeParameters, workflowId = 'wf-boomerangme') {
	const trigger = new BoomerangmeTrigger();
	const node: INode = {
		id: 'trigger',
		name: 'Boomerangme Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: 'c7d1a7e2-hook',
		credentials: { boomerangmeApi: { id: 'boomerangmeApi-id', name: 'boomerangmeApi' } },
	};
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		nodeTypes: new TestNodeTypes({ [TRIGGER_TYPE]: trigger }),
		active: true,
		staticData: {},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(
			{ boomerangmeApi: new BoomerangmeApi() },
			{ boomerangmeApi: CREDENTIALS },
		),
		webhookBaseUrl: 'https://n8n.example/webhook',
		webhookTestBaseUrl: 'https://n8n.example/webhook-test',
		instanceBaseUrl: 'https://n8n.example/',
		restApiUrl: 'https://n8n.example/rest',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const workflowNode = workflow.getNode(node.name)!;
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: trigger.description.webhooks![0],
		workflowId,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	return {
		trigger,
		workflow,
		staticData: () => workflow.getStaticData('node', workflowNode),
		hook: (): IHookFunctions =>
			new HookContext(workflow, workflowNode, additionalData, 'trigger', 'activate'),
		webhook: (body: unknown): IWebhookFunctions => {
			const context = new WebhookContext(workflow, workflowNode, additionalData, 'webhook', webhookData, [], null);
			Object.defineProperty(context, 'getBodyData', { value: () => body });
			return context;
		},
	};
}
