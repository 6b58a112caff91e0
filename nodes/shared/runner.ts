/**
 * How an operation's request reaches the shared layer. Every operation's routing is written
 * with `sends(request, …)`: it sets `send.paginate`, which is what makes n8n hand the request
 * it built to a runner (its `requestOperations.pagination`) instead of sending it itself.
 * The node's description names its default runner; an operation that needs its own handling
 * names its runner in its routing (`routing.operations`, which n8n merges over the node's),
 * so nothing downstream works out from the URL, the resource or the operation what it runs.
 *
 * A runner is made with `operationRunner(platform, work)`: for each item it throws the error
 * an input check held back (nodes/shared/input.ts), sets the platform's address from the
 * credential, fills and checks the path parameters
 * (nodes/shared/path.ts), runs the operation's work (sending through `platformRequest`,
 * paging with `walkPages`) and shapes the records into items, or into the failure item
 * Continue On Fail asks for (`itemResult`). test/shared/routing.test.ts walks every node's
 * description and fails on any routing that n8n would send itself.
 */
import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { throwHeldInputError } from './input';
import type { PathParam } from './path';
import { fillPath } from './path';
import type { PlatformSpec, RequestContext } from './request';
import { credentialsOf, itemResult } from './request';

/** A node's `requestOperations.pagination`: n8n calls it once per item with the request it built. */
export type Runner = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** What an operation's work is given. */
export interface Operation {
	/** The item's context. */
	ctx: IExecutePaginationFunctions;
	/** The request routing built, with its path parameters filled and checked. */
	options: IHttpRequestOptions;
	/** The Limit of a list (its `output.maxResults`); undefined with Return All or for a single record. */
	limit: number | undefined;
}

/** An operation's work: send (and page), and return the records its item puts out. */
export type Work = (operation: Operation) => Promise<IDataObject[]>;

/** What a platform tells every runner of its node. */
export interface RunnerPlatform {
	/** The platform: its requests are sent with its credential type. */
	spec: PlatformSpec;
	/**
	 * The platform's address from its credential (the platform's one base-URL rule). The runner
	 * sets it on every request, rather than the node's requestDefaults as an expression: n8n
	 * evaluates such an expression for every item (in n8n 2.x in an isolated VM, about a
	 * millisecond each; see CONTRIBUTING's Benchmarks), and the credential is fetched for the
	 * request anyway.
	 */
	baseUrl: (credentials: ICredentialDataDecryptedObject) => string;
	/** The shape of each `{name}` placeholder of the platform's paths. */
	pathParams: Record<string, PathParam>;
	/**
	 * Runs before the path is filled, for a request that needs the platform first (Kajabi's
	 * contact chosen by email becomes the contact's ID).
	 */
	before?: (ctx: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
}

/**
 * The platform's address from a context's credential, as every runner sets it; also for the
 * requests a node or trigger sends outside an operation (dropdowns, hooks, polls). The
 * credential is the one `platformRequest` then sends with (fetched once per context).
 */
export async function addressOf(ctx: RequestContext, platform: RunnerPlatform): Promise<string> {
	return platform.baseUrl(await credentialsOf(ctx, platform.spec));
}

/** The runners made here, so that the routing test can tell them from any other function. */
const made = new WeakSet<object>();

/** Whether a function is a runner made by `operationRunner`. */
export function isOperationRunner(value: unknown): boolean {
	return typeof value === 'function' && made.has(value);
}

/** The Limit routing passed on, as a number; undefined when there is none. */
function limitOf(requestData: DeclarativeRestApiSettings.ResultOptions): number | undefined {
	const max = requestData.maxResults;
	return max === undefined || max === '' ? undefined : Number(max);
}

/** A runner of one platform's node: the same skeleton for every operation, its own work. */
export function operationRunner(platform: RunnerPlatform, work: Work): Runner {
	const runner: Runner = async function (this, requestData) {
		const built = requestData.options as IHttpRequestOptions;
		const limit = limitOf(requestData);
		return await itemResult(this, async () => {
			throwHeldInputError(built);
			const addressed = { ...built, baseURL: await addressOf(this, platform) };
			const prepared = platform.before ? await platform.before(this, addressed) : addressed;
			const options: IHttpRequestOptions = {
				...prepared,
				url: fillPath(this, prepared.url, platform.pathParams),
			};
			return await work({ ctx: this, options, limit });
		});
	};
	made.add(runner);
	return runner;
}

/** The request an operation sends: its method and path, and anything else fixed for it. */
export type OperationRequest = NonNullable<INodePropertyRouting['request']> & {
	method: NonNullable<IHttpRequestOptions['method']>;
	url: string;
};

type PreSend = NonNullable<NonNullable<INodePropertyRouting['send']>['preSend']>[number];

/**
 * The routing of an operation: its request, the preSend functions that add to it, and the
 * runner that sends it (the node's default unless `runner` names the operation's own).
 */
export function sends(
	request: OperationRequest,
	how: { preSend?: PreSend[]; runner?: Runner } = {},
): INodePropertyRouting {
	return {
		request,
		send: { paginate: true, ...(how.preSend?.length ? { preSend: how.preSend } : {}) },
		...(how.runner ? { operations: { pagination: how.runner } } : {}),
	};
}
