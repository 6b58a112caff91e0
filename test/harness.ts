/**
 * Runs a workflow "Start → node under test" through n8n-core's WorkflowExecute, the way
 * n8n runs it: node parameters completed with their defaults, the credential's own
 * `authenticate` definition applied to every request, HTTP answered by nock.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import nock from 'nock';

/** Passes its input items on: stands in for the Manual Trigger and whatever feeds the node. */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Test start',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = { 'test.start': new StartNode() };

	constructor(nodes: Record<string, INodeType>) {
		Object.assign(this.types, nodes);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

/** Resolves `={{ ... }}` values of a generic authenticate definition with $credentials. */
function resolve(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
		$credentials: credentials,
	});
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly values: Readonly<Record<string, ICredentialDataDecryptedObject>>,
	) {
		super();
	}

	/** What preAuthentication stored, per credential type, as n8n persists it in its database. */
	readonly persisted: Record<string, ICredentialDataDecryptedObject> = {};

	/** Stored values over the credential's defaults, as n8n hands them to a node. */
	private withDefaults(type: string): ICredentialDataDecryptedObject {
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.types[type]?.properties ?? []) {
			defaults[property.name] = property.default as never;
		}
		return { ...defaults, ...(this.values[type] ?? {}), ...(this.persisted[type] ?? {}) };
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (!authenticate) return requestOptions;
		const { properties } = authenticate as IAuthenticateGeneric;
		const options = { ...requestOptions };
		for (const key of ['headers', 'qs', 'body'] as const) {
			const values = properties[key] as IDataObject | undefined;
			if (!values) continue;
			const target = { ...((options[key] as IDataObject) ?? {}) };
			for (const [name, value] of Object.entries(values)) {
				target[name] = resolve(value, credentials, workflow, node) as never;
			}
			(options as IDataObject)[key] = target;
		}
		if (properties.auth) {
			options.auth = {
				username: String(resolve(properties.auth.username, credentials, workflow, node)),
				password: String(resolve(properties.auth.password, credentials, workflow, node)),
			};
		}
		return options;
	}

	/**
	 * n8n's CredentialsHelper.preAuthentication (packages/cli/src/credentials-helper.ts): a
	 * credential type with a hidden `expirable` property and a preAuthentication function gets
	 * it called when that property is empty or the token is known to have expired; what it
	 * returns is stored with the credential and merged into the values in use.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!type || expirable === undefined) return undefined;
		if (typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } } as IHttpRequestHelper,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		this.persisted[typeName] = { ...(this.persisted[typeName] ?? {}), ...output };
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Not used by the test harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.withDefaults(type);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
}

export interface RunOptions {
	nodeType: string;
	node: INodeType;
	parameters: INodeParameters;
	credentialTypes: Record<string, ICredentialType>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The node's Settings → On Error (n8n's default: stop the workflow). */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** The node's version; without it, the one n8n gives a node added now (its default version). */
	typeVersion?: number;
}

/** The version n8n gives a node added now: its default version, else its latest. */
export function newNodeVersion(node: INodeType): number {
	const { version, defaultVersion } = node.description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

export interface RunResult {
	/** The items the node under test put out on its (first) output. */
	items: INodeExecutionData[];
	/** Every output of the node: [success] or, with "Continue (using error output)", [success, error]. */
	outputs: INodeExecutionData[][];
	/** The error that stopped the workflow, if any. */
	error?: IRun['data']['resultData']['error'];
	run: IRun;
	/** The node's parameters after n8n completed them with defaults. */
	parameters: INodeParameters;
	/** The run's credentials helper: what preAuthentication stored is in `persisted`. */
	credentialsHelper: TestCredentialsHelper;
}

const NODE_NAME = 'Node';

interface Setup {
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	hooks: ExecutionLifecycleHooks;
}

/** The workflow Start → node and the additional data n8n passes to a run. */
function setup(options: RunOptions): Setup {
	const nodeTypes = new TestNodeTypes({ [options.nodeType]: options.node });
	const credentialNames = Object.keys(options.credentialTypes);
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'test.start',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'node',
			name: NODE_NAME,
			type: options.nodeType,
			typeVersion: options.typeVersion ?? newNodeVersion(options.node),
			position: [200, 0],
			parameters: options.parameters,
			continueOnFail: options.continueOnFail ?? false,
			...(options.onError ? { onError: options.onError } : {}),
			credentials: Object.fromEntries(
				credentialNames.map((name) => [name, { id: `${name}-id`, name }]),
			),
		},
	];
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections: {
			Start: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		nodeTypes,
		active: false,
	});

	const workflowData = { id: 'test', name: 'test', nodes, connections: {}, active: false } as never;
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentialTypes, options.credentials),
		executionId: 'test-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('No task runner in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, additionalData, hooks };
}

/** Runs Start → the node through WorkflowExecute and returns what the node put out. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { workflow, additionalData, hooks } = setup(options);
	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolveRun) => (finished = resolveRun));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: workflow.getNode('Start')!, data: { main: [input] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done;
	const nodeRun = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: (nodeRun?.data?.main?.[0] ?? []) as INodeExecutionData[],
		outputs: (nodeRun?.data?.main ?? []).map((output) => (output ?? []) as INodeExecutionData[]),
		error: run.data.resultData.error,
		run,
		parameters: workflow.getNode(NODE_NAME)!.parameters,
		credentialsHelper: additionalData.credentialsHelper as TestCredentialsHelper,
	};
}

/** The context n8n gives a node's loadOptions and listSearch methods in the editor. */
export function loadOptionsContext(options: RunOptions): ILoadOptionsFunctions {
	const { workflow, additionalData } = setup(options);
	return new LoadOptionsContext(workflow, workflow.getNode(NODE_NAME)!, additionalData, 'parameters');
}

export interface RecordedRequest {
	method: string;
	path: string;
	/** Query parameters as sent on the wire: flat keys such as "filters[search]". */
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	body: unknown;
}

export interface MockResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Send `body` (a string) as it is, not as JSON: an HTML page, an empty answer. */
	raw?: boolean;
	/** serveMock only: close the connection without an answer (an answer lost on the way). */
	drop?: boolean;
}

export type MockHandler = (request: RecordedRequest) => MockResponse | Promise<MockResponse>;

/**
 * Answers every request to `baseUrl` with `handler` and records it. Any request that
 * leaves for another host fails, since nock blocks the real network in tests.
 */
export function interceptHttp(baseUrl: string, handler: MockHandler): RecordedRequest[] {
	const requests: RecordedRequest[] = [];
	nock.disableNetConnect();
	const scope = nock(baseUrl).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
		scope.intercept(() => true, method).reply(async function (uri, requestBody) {
			const url = new URL(uri, baseUrl);
			const query: Record<string, string | string[]> = {};
			for (const [key, value] of url.searchParams) {
				const existing = query[key];
				query[key] =
					existing === undefined ? value : ([] as string[]).concat(existing, value);
			}
			const headers: Record<string, string> = {};
			for (const [key, value] of Object.entries(this.req.headers)) {
				headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
			}
			let body: unknown = requestBody === '' ? undefined : requestBody;
			if (typeof body === 'string') {
				try {
					body = JSON.parse(body);
				} catch {
					// form or text bodies stay strings
				}
			}
			const request: RecordedRequest = { method, path: url.pathname, query, headers, body };
			requests.push(request);
			const response = await handler(request);
			return [
				response.status,
				response.raw ? String(response.body ?? '') : response.body === undefined ? '' : JSON.stringify(response.body),
				{ 'Content-Type': 'application/json', ...(response.headers ?? {}) },
			];
		});
	}
	return requests;
}

export function resetHttp(): void {
	nock.cleanAll();
	nock.enableNetConnect();
}
