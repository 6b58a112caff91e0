/**
 * The checks of the REMP CRM node's input that run before anything is sent, as routing
 * preSends (nodes/shared/input.ts): an error is held back and thrown by the operation's
 * runner, so that bad input fails its item in the same shape as an answer of REMP CRM.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputCheck } from '../shared/input';

/**
 * The item's own user token, as the Authorization header it is sent in. The runner sends a
 * request with that header without the credential's token or login.
 */
export const useItemToken = inputCheck(async function (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const raw = this.getNodeParameter('additionalFields.userToken', '') as unknown;
	// Pasted from a header or a cookie, a token may come with "Bearer " in front.
	const token = String(raw ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');
	if (token === '') return requestOptions;
	if (!/^[\x21-\x7e]+$/.test(token)) {
		throw new NodeOperationError(this.getNode(), 'The User Token is not a token', {
			itemIndex: this.getItemIndex(),
			description:
				'A user token is one word of letters and digits (such as 762eec3fe9f20d87cf865cb40cf6458b); this one has spaces or other characters in it. Nothing was sent. Check the value or the expression of the User Token option.',
		});
	}
	return {
		...requestOptions,
		headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` },
	};
});

/** The coupon code, trimmed; an empty one fails its item before anything is sent. */
export const checkCouponCode = inputCheck(async function (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const body = { ...((requestOptions.body as IDataObject | undefined) ?? {}) };
	const code = String(body.code ?? '').trim();
	if (code === '') {
		throw new NodeOperationError(this.getNode(), 'The Coupon Code is empty', {
			itemIndex: this.getItemIndex(),
			description: 'Nothing was sent. Fill in the Coupon Code, or check the expression that gives it.',
		});
	}
	return { ...requestOptions, body: { ...body, code } };
});
