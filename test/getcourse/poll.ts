/**
 * Runs the GetCourse Trigger's `poll` the way n8n's poller does: one workflow holding the
 * trigger node with its static data, a PollContext per poll (mode "trigger" when active,
 * "manual" for the editor's test), the credential through the harness's helper.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { GetCourseApi } from '../../credentials/GetCourseApi.credentials';
import { GetCourseTrigger } from '../../nodes/GetCourse/GetCourseTrigger.node';
import { TestCredentialsHelper, TestNodeTypes } from '../harness';
import { CREDENTIALS } from './run';

const TYPE = 'n8n-nodes-creator-commerce.getCourseTrigger';

export interface PollFlow {
	/** One poll; the records it emitted (empty when it returned null). Throws what the poll threw. */
	poll(mode?: 'trigger' | 'manual', budgetMs?: number): Promise<IDataObject[]>;
	staticData(): IDataObject;
	workflow: Workflow;
	/** What the trigger wrote to n8n's log at level info or above: "info: …". */
	logs: string[];
}

export function pollWorkflow(parameters: INodeParameters, credentials: IDataObject = CREDENTIALS): PollFlow {
	const trigger = new GetCourseTrigger();
	const node: INode = {
		id: 'trigger',
		name: 'GetCourse Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { getCourseApi: { id: 'getCourseApi-id', name: 'getCourseApi' } },
	};
	const workflow = new Workflow({
		id: 'wf-getcourse',
		nodes: [node],
		connections: {},
		nodeTypes: new TestNodeTypes({ [TYPE]: trigger }),
		active: true,
		staticData: {},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(
			{ getCourseApi: new GetCourseApi() },
			{ getCourseApi: credentials as never },
		),
		instanceBaseUrl: 'https://n8n.example/',
		restApiUrl: 'https://n8n.example/rest',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const workflowNode = workflow.getNode(node.name)!;
	const logs: string[] = [];
	const logger = {
		debug: () => {},
		info: (message: string) => logs.push(`info: ${message}`),
		warn: (message: string) => logs.push(`warn: ${message}`),
		error: (message: string) => logs.push(`error: ${message}`),
	};
	return {
		workflow,
		logs,
		staticData: () => workflow.getStaticData('node', workflowNode),
		async poll(mode = 'trigger', budgetMs?: number) {
			const context = new PollContext(workflow, workflowNode, additionalData, mode, 'activate');
			// n8n's logger, as the trigger sees it (n8n-core takes it from its container otherwise).
			Object.defineProperty(context, 'logger', { value: logger });
			// n8n 2.x tells a poll how long it may take; the n8n-core of the unit tests does not.
			if (budgetMs !== undefined) Object.defineProperty(context, 'getPollBudgetMs', { value: () => budgetMs });
			const result: INodeExecutionData[][] | null = await trigger.poll.call(context);
			return result ? result[0].map((item) => item.json) : [];
		},
	};
}
