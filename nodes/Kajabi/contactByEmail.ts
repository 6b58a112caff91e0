/**
 * A contact chosen "By Email" in the Contact field of the contact operations. Kajabi's
 * paths take a contact's ID, so before the path is filled the contact is looked up and the
 * request goes out as if it had been chosen by that ID. The contact operations whose Contact
 * field has By Email name the runners made here in their routing (resources/contact.ts).
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pathSegment } from '../shared/path';
import type { KajabiSite } from './lists';
import { accountSites, kajabiList } from './lists';
import { KAJABI_PATH_PARAMS, kajabiRunner } from './transport';

/** How many contacts whose email contains the one given are read to find it exactly. */
const EMAIL_LOOKUP_LIMIT = 500;

/** The contacts whose email is exactly `email` (case aside), among those Kajabi found for it. */
function exactly(records: IDataObject[], email: string): IDataObject[] {
	return records.filter((record) => {
		const attributes = (record.attributes ?? {}) as IDataObject;
		return String(attributes.email ?? '').trim().toLowerCase() === email.toLowerCase();
	});
}

/**
 * A contact chosen "By Email": its ID, looked up with the documented `filter[email_contains]`
 * of GET /v1/contacts (Kajabi has no exact email filter), of the one contact whose email is
 * exactly this one, case aside. Kajabi requires `filter[site_id]` there when the account has
 * several sites (and recommends it always), so each of the account's sites is asked in turn;
 * an email that more than one contact has, in one site or across sites, fails the item. The
 * request then goes out as if the contact had been chosen by that ID: in the path, and in the
 * body's `data.id` where an update repeats it. A contact chosen from the list or by ID goes
 * out as it is.
 */
export async function withContactByEmail(
	ctx: IExecuteSingleFunctions,
	built: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const locator = ctx.getNodeParameter('contactId', undefined) as INodeParameterResourceLocator | undefined;
	if (!locator || typeof locator !== 'object' || locator.mode !== 'email') return built;
	const email = String(locator.value ?? '').trim();
	const fail = (message: string, description: string) =>
		new NodeOperationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw fail(
			email === '' ? 'The contact\'s email is empty' : `"${email.slice(0, 100)}" is not an email`,
			'Nothing was sent. Enter the email of the contact, or choose the contact from the list or by ID.',
		);
	}
	const sites = await accountSites(ctx);
	const found: Array<{ record: IDataObject; site?: KajabiSite }> = [];
	for (const site of sites.length ? sites : [undefined]) {
		const qs: IDataObject = { ...(site ? { 'filter[site_id]': site.id } : {}), 'filter[email_contains]': email };
		for (const record of exactly(await kajabiList(ctx, '/v1/contacts', qs, EMAIL_LOOKUP_LIMIT), email)) {
			found.push({ record, site });
		}
	}
	if (found.length !== 1) {
		const where = [...new Set(found.map(({ site }) => site?.title || site?.id).filter(Boolean))];
		throw fail(
			found.length === 0
				? `No Kajabi contact has the email ${email}`
				: `${found.length} Kajabi contacts have the email ${email}`,
			found.length === 0
				? 'Nothing was changed. Check the email, or choose the contact from the list or by ID.'
				: `Nothing was changed. Each of your sites keeps its own contacts${
						where.length > 1 ? ` (this email is in ${where.join(', ')})` : ''
					}; choose the contact from the list or by ID.`,
		);
	}
	const id = String(found[0].record.id ?? '');
	const segment = pathSegment(ctx.getNode(), KAJABI_PATH_PARAMS.contactId, id, ctx.getItemIndex());
	const body = built.body as IDataObject | undefined;
	const data = body?.data as IDataObject | undefined;
	return {
		...built,
		url: built.url.replace('{contactId}', segment),
		...(data && data.id !== undefined ? { body: { ...body, data: { ...data, id } } } : {}),
	};
}

/** The runner of a contact operation whose Contact field has By Email. */
export const CONTACT_RUNNER = kajabiRunner({ before: withContactByEmail });

/** The runner of Contact: Delete (Contact field with By Email; puts out `{ deleted: true }`). */
export const CONTACT_DELETE_RUNNER = kajabiRunner({ before: withContactByEmail, deletes: true });
