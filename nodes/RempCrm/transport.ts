/**
 * What is REMP CRM's own about sending a request: its answers and error bodies, the user
 * token an item may bring, and logging in again when REMP CRM refuses the token the
 * credential logged in for. Sending itself (rate gate, checks, error shape) is nodes/shared/.
 */
import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidFields, omit } from '../shared/fields';
import { throwHeldInputError } from '../shared/input';
import type { PlatformSpec } from '../shared/request';
import { itemResult, platformRequest } from '../shared/request';
import { rempBaseUrl } from './address';
import { REMP_CREDENTIAL, REMP_LOGIN_PATH, rempLogsIn } from './session';

export const ACTIVATE_PATH = '/api/v1/coupon/activate';

/** What REMP CRM's `code` (coupon module) or `error` (API and users modules) says, explained. */
const EXPLAINED: Record<string, string> = {
	coupon_doesnt_exist:
		'No coupon has this code in REMP CRM. Check the Coupon Code: it must match exactly, dashes included.',
	coupon_already_used:
		'This coupon has been activated already, and a coupon can be activated once only.',
	coupon_expired:
		'This coupon has expired and can no longer be activated. Give the user a new coupon.',
	cannot_authorize_user:
		'REMP CRM did not accept the user token. A user token stops working when the user logs out everywhere or changes the password: give a current one (the credential\'s, or the User Token option of the item).',
	no_authorization:
		'REMP CRM did not accept the user token. A user token stops working when the user logs out everywhere or changes the password: give a current one (the credential\'s, or the User Token option of the item).',
	auth_failed: 'Check the email and password: REMP CRM found no user with this pair.',
	invalid_credential: 'Check the password: it does not match the user\'s CRM password.',
	identity_not_found: 'Check the email: REMP CRM has no confirmed user with this email.',
	invalid_email: 'Fill in the email.',
	invalid_password: 'Fill in the password.',
};

/** The JSON schema errors of a 400 "Payload error": `errors: [{ property: "message" }]`. */
function payloadErrors(errors: unknown): string | undefined {
	if (!Array.isArray(errors) || !errors.length) return undefined;
	const lines = errors.map((error) =>
		error && typeof error === 'object'
			? Object.entries(error as IDataObject)
					.map(([field, text]) => `${field}: ${String(text)}`)
					.join('; ')
			: String(error),
	);
	return invalidFields(lines);
}

export const REMP: PlatformSpec = {
	name: 'REMP CRM',
	credentialType: REMP_CREDENTIAL,
	// REMP CRM documents no rate limit; a self-hosted CRM gets 10 requests a second by default.
	rate: { requests: 10, windowMs: 1000 },
	baseUrlField: 'Base URL',
	// REMP CRM refuses an expired or logged-out user token with 403 (not 401). Only the token
	// the credential logged in for is renewed; an item's own User Token is the user's to fix.
	token: {
		field: 'sessionToken',
		refusedWith: [403],
		applies: (options, credentials) =>
			rempLogsIn(credentials) &&
			!carriesToken(options) &&
			!options.url.endsWith(REMP_LOGIN_PATH),
	},
	describeError: (status, body) => {
		const message = [body.message, body.error].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		) as string | undefined;
		const code = [body.code, body.error].find(
			(value) => typeof value === 'string' && EXPLAINED[value] !== undefined,
		) as string | undefined;
		let description = code ? EXPLAINED[code] : payloadErrors(body.errors);
		if (status === 404 && !code && /unknown api call/i.test(message ?? '')) {
			description =
				'REMP CRM has no such API call. Check the Base URL in the REMP CRM credential (the CRM\'s address, without /api) and that the CRM has the coupon module installed.';
		}
		return { message: message ?? '', description };
	},
	hints: {
		400: 'Nothing was changed in REMP CRM.',
		403: 'Nothing was changed in REMP CRM.',
		404: 'Nothing was changed in REMP CRM.',
		410: 'Nothing was changed in REMP CRM.',
		500: 'REMP CRM had an internal problem. Check in the CRM whether the coupon was activated before you run the node again.',
	},
	checkAnswer: (body, options) => {
		if (options.url.endsWith(ACTIVATE_PATH)) {
			return body.coupon_id === undefined || body.subscription_id === undefined
				? 'JSON without the activated coupon ("coupon_id", "subscription_id")'
				: undefined;
		}
		if (options.url.endsWith(REMP_LOGIN_PATH)) {
			const token = (body.access as IDataObject | undefined)?.token;
			return typeof token === 'string' && token !== ''
				? undefined
				: 'a login answer without a user token ("access.token")';
		}
		return undefined;
	},
};

function carriesToken(options: IHttpRequestOptions): boolean {
	return Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

/**
 * The same context, except that the credential it hands out is this one object: n8n's
 * preAuthentication writes the token it logs in for into it, so the node knows which
 * token was sent and can empty it when REMP CRM refuses it.
 */
function withCredentials(
	ctx: IExecuteSingleFunctions,
	credentials: ICredentialDataDecryptedObject,
): IExecuteSingleFunctions {
	const shared = Object.create(ctx) as IExecuteSingleFunctions;
	shared.getCredentials = async <T extends object = ICredentialDataDecryptedObject>() =>
		credentials as unknown as T;
	return shared;
}

/** Checks what the credential must hold before anything is sent. */
function checkCredential(
	ctx: IExecuteSingleFunctions,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): void {
	const fail = (message: string, description: string) =>
		new NodeOperationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });
	if (!/^https?:\/\/[^/\s]+/i.test(rempBaseUrl(credentials))) {
		throw fail(
			'The REMP CRM credential has no valid Base URL',
			'Nothing was sent. Enter the address of your REMP CRM in the credential, such as https://crm.example.com.',
		);
	}
	if (options.url.endsWith(REMP_LOGIN_PATH) || carriesToken(options)) return;
	if (rempLogsIn(credentials)) {
		if (String(credentials.email ?? '').trim() === '' || String(credentials.password ?? '') === '') {
			throw fail(
				'The REMP CRM credential has no email or password',
				'Nothing was sent. Fill in the Email and Password in the credential.',
			);
		}
	} else if (String(credentials.userToken ?? '').trim() === '') {
		throw fail(
			'No user token to send',
			'Nothing was sent. Fill in the User Token in the REMP CRM credential, or give this item its own token in the User Token option (Additional Fields).',
		);
	}
}

/**
 * Sends one request of the node with the REMP CRM credential. A request with its own token
 * (or none: the login) is sent without logging the credential's user in; when REMP CRM
 * refuses the token the credential logged in for, the shared layer renews it (REMP.token).
 */
async function rempRequest(
	ctx: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials(REMP.credentialType);
	checkCredential(ctx, credentials, options);
	const ownToken = carriesToken(options) || options.url.endsWith(REMP_LOGIN_PATH);
	const shared = withCredentials(
		ctx,
		ownToken ? { ...credentials, authentication: 'userToken' } : credentials,
	);
	return await platformRequest(shared, REMP, options);
}

/** The items of an answer: the activated coupon as REMP CRM gives it, the user's token. */
function recordsOf(options: IHttpRequestOptions, body: IDataObject): IDataObject[] {
	if (options.url.endsWith(REMP_LOGIN_PATH)) {
		return [{ token: (body.access as IDataObject).token, ...omit(body, 'access', 'status') }];
	}
	return [body];
}

/**
 * The node's `requestOperations.pagination`: n8n hands every built request of the REMP CRM
 * node to this function (each operation sets `send.paginate`).
 */
export async function sendRempRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const options = requestData.options as IHttpRequestOptions;
	return await itemResult(this, async () => {
		throwHeldInputError(options);
		return recordsOf(options, await rempRequest(this, options));
	});
}
