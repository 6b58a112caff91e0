/**
 * What the shared layer needs to know about GetCourse: its spec (errors under HTTP 200, the
 * export error codes, the export budget), the shapes of its path parameters, and the runners
 * the operations name in their routing. The import form is built in imports.ts, the
 * asynchronous export runs in exports.ts; everything else is the shared layer's.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { omit } from '../shared/fields';
import type { PathParam } from '../shared/path';
import { positiveInteger } from '../shared/path';
import type { ErrorText, PlatformSpec } from '../shared/request';
import { platformRequest } from '../shared/request';
import type { RunnerPlatform } from '../shared/runner';
import { operationRunner } from '../shared/runner';
import { baseUrlOf } from './address';
import { errorCode, isFalse, isTrue, textOf } from './answers';
import { resultFromNode, startFromNode } from './exports';
import { importForm } from './imports';

export const GETCOURSE_CREDENTIAL = 'getCourseApi';

/** The export error codes GetCourse answers with (under HTTP 200), and what the user can do. */
export const EXPORT_ERRORS: Record<number, string> = {
	901: 'GetCourse did not accept the secret key. Copy the key again from the API page of the school (/saas/account/api) into the GetCourse credential.',
	903: 'GetCourse says this school sent too many export requests. Wait before running exports again, and poll less often.',
	904: 'GetCourse received no secret key. Fill in the Secret Key of the GetCourse credential.',
	905: 'Another export of this school is still being prepared (GetCourse makes one export at a time). Wait until it finishes, or run the workflows that export at different times.',
	908: 'GetCourse needs at least one filter for an export. Add a filter, for example "Created From".',
	909: 'The export file is not ready yet. Fetch the result again a little later.',
	913: 'GetCourse does not accept this status. Choose a status from the list.',
	914: 'GetCourse does not accept this status. Choose a status from the list.',
	917: "The API is not available on this school's GetCourse plan: import and export through the API need a paid plan.",
	918: 'GetCourse does not accept this status. Choose a status from the list.',
};

/**
 * GetCourse's failure in a 2xx answer: `success: false`, or `result.error: true`. (The export
 * engine sends its requests with a spec that lets "not yet" answers through: exports.ts.)
 */
function failureIn2xx(body: IDataObject): ErrorText | undefined {
	const result = (body.result && typeof body.result === 'object' ? body.result : {}) as IDataObject;
	if (isFalse(body.success) || body.error === true) {
		const code = errorCode(body);
		const said = textOf(body.error_message) ?? textOf(body.message) ?? textOf(result.error_message);
		const known = code === undefined ? undefined : EXPORT_ERRORS[code];
		return {
			message: `${said ?? known ?? 'the request failed'}${code === undefined ? '' : ` (error ${code})`}`,
			description: known ?? 'Check the values of the fields you filled in.',
		};
	}
	if (isTrue(result.error) || isFalse(result.success)) {
		return {
			message: textOf(result.error_message) ?? 'the import failed',
			description: 'Check the values of the fields you filled in.',
		};
	}
	return undefined;
}

function describeError(status: number, body: IDataObject): ErrorText {
	const code = errorCode(body);
	return {
		message:
			textOf(body.error_message) ?? textOf(body.message) ?? textOf(body.error) ?? `HTTP ${status}`,
		description: code === undefined ? undefined : EXPORT_ERRORS[code],
	};
}

/**
 * GetCourse's rule for its export budget: everything under /pl/api/account that is read with
 * GET belongs to the export API and spends one of its requests, whoever sends it (an Export
 * operation, Group → Get Many, the group picker, the trigger's polls).
 */
export function spendsExportBudget(options: IHttpRequestOptions): boolean {
	return (
		String(options.method ?? 'GET').toUpperCase() === 'GET' &&
		options.url.startsWith('/pl/api/account/')
	);
}

export const GETCOURSE: PlatformSpec = {
	name: 'GetCourse',
	credentialType: GETCOURSE_CREDENTIAL,
	// GetCourse documents no per-second rate; this keeps bursts of items polite.
	rate: { requests: 5, windowMs: 1000 },
	budget: {
		requests: 100,
		windowMs: 2 * 3_600_000,
		label: 'export requests',
		spends: spendsExportBudget,
		// GetCourse counts per school: two credentials of one school share one budget.
		account: (credentials) => baseUrlOf(credentials.account).toLowerCase().replace(/^http:/, 'https:'),
	},
	describeError,
	hints: {
		200: '',
		400: 'GetCourse rejected the request. Check the values of the fields you filled in.',
		401: 'Check the secret key in the GetCourse credential.',
		403: "Check the secret key in the GetCourse credential and that the API is enabled on the school's plan.",
		404: 'Check the Account in the GetCourse credential: GetCourse has no such address.',
		500: 'GetCourse had an internal problem. Try again later.',
		502: 'GetCourse is unreachable for the moment. Try again later.',
	},
	failureIn2xx,
	baseUrlField: 'Account',
};

/**
 * The GetCourse Triggers' share of a school's export budget: half. Every export request a
 * trigger sends (starts and status checks, Fetch Test Event too) is counted in it and in the
 * school's budget, so the triggers of a school together never spend more than 50 of the 100
 * per 2 hours, and the school's own Export nodes keep at least the other 50.
 */
export const TRIGGER_SHARE = {
	key: 'triggers',
	requests: 50,
	windowMs: 2 * 3_600_000,
	label: 'export requests',
	title: "The GetCourse Triggers' share",
	whenSpent:
		"The GetCourse Triggers of a school never use more than half of GetCourse's 100 export requests per 2 hours (each check costs 1 to start its export and 1 per status check, Fetch Test Event too), so that the school's own GetCourse nodes always keep the other half. Try again after that time; an active trigger waits by itself and loses nothing.",
};

/**
 * The spec the GetCourse Trigger sends with: GetCourse's, its export requests counted in the
 * triggers' share as well. `shareRequests` (the trigger's hidden test parameter, for the
 * package's own end-to-end tests) makes the share smaller.
 */
export function triggerSpec(shareRequests?: number): PlatformSpec {
	const requests =
		shareRequests !== undefined && shareRequests >= 1 && shareRequests < TRIGGER_SHARE.requests
			? Math.floor(shareRequests)
			: TRIGGER_SHARE.requests;
	return { ...GETCOURSE, budget: { ...GETCOURSE.budget!, portion: { ...TRIGGER_SHARE, requests } } };
}

export const PATH_PARAMS: Record<string, PathParam> = {
	groupId: positiveInteger('Group', '1234'),
	exportId: positiveInteger('Export ID', '5278921'),
};

/** What every runner of the GetCourse node is told: the shapes of the path parameters. */
export const GETCOURSE_RUNNER_PLATFORM: RunnerPlatform = {
	spec: GETCOURSE,
	baseUrl: (credentials) => baseUrlOf(credentials.account),
	pathParams: PATH_PARAMS,
};

/** The records of an import, directory or list answer. */
function recordsOf(body: IDataObject): IDataObject[] {
	if (body.result && typeof body.result === 'object' && !Array.isArray(body.result)) {
		// An import's result: its error fields say nothing once it is known to have worked.
		return [omit(body.result as IDataObject, 'error', 'error_message')];
	}
	const payload = body.info ?? body.data;
	if (Array.isArray(payload)) return payload as IDataObject[];
	if (payload && typeof payload === 'object') return [payload as IDataObject];
	return [body];
}

/**
 * The node's default runner (its `requestOperations.pagination`): the request as the routing
 * built it, one answer, its records. Group → Get Many is sent this way (n8n applies its Limit).
 */
export const getCourseRunner = operationRunner(GETCOURSE_RUNNER_PLATFORM, async ({ ctx, options }) =>
	recordsOf(await platformRequest(ctx, GETCOURSE, options, ctx.getItemIndex())),
);

/**
 * The import API's operations (User and Order imports, and Field → Get Many, which the same
 * API answers): the body the routing built is sent as the form GetCourse reads, `action` and
 * the base64 `params` (imports.ts).
 */
export const importRunner = operationRunner(GETCOURSE_RUNNER_PLATFORM, async ({ ctx, options }) => {
	const form: IHttpRequestOptions = {
		...options,
		headers: { ...(options.headers ?? {}), 'Content-Type': 'application/x-www-form-urlencoded' },
		body: importForm((options.body ?? {}) as IDataObject),
	};
	return recordsOf(await platformRequest(ctx, GETCOURSE, form, ctx.getItemIndex()));
});

/** The Export operations that start an export: start, then wait for the rows or put out the ID (exports.ts). */
export const exportRunner = operationRunner(
	GETCOURSE_RUNNER_PLATFORM,
	async ({ ctx, options }) => await startFromNode(ctx, GETCOURSE, options),
);

/** Export → Get Result: wait for the rows of an export started earlier (exports.ts). */
export const exportResultRunner = operationRunner(
	GETCOURSE_RUNNER_PLATFORM,
	async ({ ctx, options }) => await resultFromNode(ctx, GETCOURSE, options, PATH_PARAMS.exportId),
);
