/**
 * What is REMP CRM's own about sending a request: its answers and error bodies, who a
 * request is sent as (the credential's user, the item's own token, or nobody for a user's
 * login), logging in again when REMP CRM refuses the token the credential logged in for, and
 * the runners of the node's operations. Sending itself (rate gate, checks, error shape) and
 * the runner's skeleton are nodes/shared/.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidFields, omit } from '../shared/fields';
import type { PlatformSpec } from '../shared/request';
import { credentialsOf, platformRequest } from '../shared/request';
import type { Runner, RunnerPlatform } from '../shared/runner';
import { operationRunner } from '../shared/runner';
import { rempBaseUrl } from './address';
import { REMP_CREDENTIAL, REMP_TOKEN_IDENTITY, rempIdentity, rempLogsIn } from './session';

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
	// A request with its own token, and a user's login, are sent with the credential set to
	// User Token (see `sentAs`), so for them the credential does not log in and nothing is renewed.
	// A session token got for another address, email or password (the credential was edited)
	// is no token: the credential logs in again.
	token: {
		field: 'sessionToken',
		refusedWith: [403],
		applies: (_options, credentials) => rempLogsIn(credentials),
		identity: { field: REMP_TOKEN_IDENTITY, of: rempIdentity },
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
};

/** Coupon → Activate: REMP CRM answers with the activated coupon and the subscription it gave. */
const ACTIVATION: PlatformSpec = {
	...REMP,
	checkAnswer: (body) =>
		body.coupon_id === undefined || body.subscription_id === undefined
			? 'JSON without the activated coupon ("coupon_id", "subscription_id")'
			: undefined,
};

/** User → Log In: REMP CRM answers with the user's token. */
const LOGIN: PlatformSpec = {
	...REMP,
	checkAnswer: (body) => {
		const token = (body.access as IDataObject | undefined)?.token;
		return typeof token === 'string' && token !== ''
			? undefined
			: 'a login answer without a user token ("access.token")';
	},
};

/** Whether a request carries a user token of its own (the item's User Token, nodes/RempCrm/inputs.ts). */
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

/** Checks that the credential has an address to send to, before anything is sent. */
function checkBaseUrl(ctx: IExecuteSingleFunctions, credentials: ICredentialDataDecryptedObject): void {
	if (!/^https?:\/\/[^/\s]+/i.test(rempBaseUrl(credentials))) {
		throw new NodeOperationError(ctx.getNode(), 'The REMP CRM credential has no valid Base URL', {
			itemIndex: ctx.getItemIndex(),
			description:
				'Nothing was sent. Enter the address of your REMP CRM in the credential, such as https://crm.example.com.',
		});
	}
}

/** Checks that the credential can give the token of its user, before anything is sent. */
function checkUserCredential(ctx: IExecuteSingleFunctions, credentials: ICredentialDataDecryptedObject): void {
	const fail = (message: string, description: string) =>
		new NodeOperationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });
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

/** REMP CRM's paths have no parameters: every operation's path is fixed. */
const REMP_RUNNER: RunnerPlatform = { spec: REMP, baseUrl: rempBaseUrl, pathParams: {} };

/** How the requests of one operation are sent, and what its item holds. */
interface RempOperation {
	/** REMP, or REMP with the check of the operation's answer. */
	spec: PlatformSpec;
	/**
	 * Who the request is sent as: the credential's user (or the user whose token the item
	 * gives), or nobody — a user's login, which carries the email and password instead of a
	 * token, so the credential neither logs in nor needs its email, password or token for it.
	 */
	sentAs: 'user' | 'nobody';
	/** The records of the item, from REMP CRM's answer; without it, the answer as it is. */
	records?: (body: IDataObject) => IDataObject[];
}

/**
 * A runner of the REMP CRM node. The credential is checked before anything is sent; a
 * request with its own token (or none: a user's login) is sent with a copy of the credential
 * set to User Token, so the credential's user is not logged in for it; when REMP CRM refuses
 * the token the credential logged in for, the shared layer renews it (REMP.token).
 */
function rempRunner(operation: RempOperation): Runner {
	return operationRunner(REMP_RUNNER, async ({ ctx, options }) => {
		const credentials = await credentialsOf(ctx, REMP);
		checkBaseUrl(ctx, credentials);
		const ownToken = operation.sentAs === 'nobody' || carriesToken(options);
		if (!ownToken) checkUserCredential(ctx, credentials);
		const shared = withCredentials(
			ctx,
			ownToken ? { ...credentials, authentication: 'userToken' } : credentials,
		);
		const body = await platformRequest(shared, operation.spec, options);
		return operation.records ? operation.records(body) : [body];
	});
}

/**
 * The node's `requestOperations.pagination`: the runner of a request of the credential's user
 * (or the item's own token) that puts out REMP CRM's answer as it is. Every operation of the
 * node names its own runner below; this one is there for an operation that needs nothing more.
 */
export const sendRempRequest = rempRunner({ spec: REMP, sentAs: 'user' });

/** Coupon → Activate: one item with the activated coupon, as REMP CRM gives it. */
export const activateCoupon = rempRunner({ spec: ACTIVATION, sentAs: 'user' });

/** User → Log In: sent as nobody; one item with the user's token, the user and the user's meta data. */
export const logInUser = rempRunner({
	spec: LOGIN,
	sentAs: 'nobody',
	records: (body) => [{ token: (body.access as IDataObject).token, ...omit(body, 'access', 'status') }],
});
