/**
 * Checks of a node's input that run in a routing `preSend`, next to the fields they check.
 * n8n runs preSend functions before the platform's send function and would report their
 * errors in its own shape; `inputCheck` holds an error back until the send function asks
 * for it (`heldInputError`), so that bad input fails its item in the same shape (and with
 * the same Continue On Fail item) as an API error, and nothing is sent.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

const held = new WeakMap<IHttpRequestOptions, unknown>();

type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

export function inputCheck(check: PreSend): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if (held.has(requestOptions)) return requestOptions;
		try {
			return await check.call(this, requestOptions);
		} catch (error) {
			held.set(requestOptions, error);
			return requestOptions;
		}
	};
}

/** Throws the error an input check held back for this request, if any. */
export function throwHeldInputError(requestOptions: IHttpRequestOptions): void {
	if (held.has(requestOptions)) throw held.get(requestOptions);
}
