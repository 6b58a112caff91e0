/** The group picker: the school's groups, searched by name or ID. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { clock } from '../shared/gate';
import { platformRequest } from '../shared/request';
import { baseUrlOf } from './address';
import { GETCOURSE, GETCOURSE_CREDENTIAL } from './transport';

/**
 * The picker keeps a school's groups this long: GetCourse lists groups only through its
 * export API, whose 100 requests per 2 hours the school's own exports need, so typing in
 * the search box filters what was loaded instead of asking again.
 */
export const GROUPS_KEPT_MS = 10 * 60_000;

const groupLists = new Map<string, { at: number; groups: Promise<IDataObject[]> }>();

/** Forgets the groups the picker keeps; for tests. */
export function forgetGroupLists(): void {
	groupLists.clear();
}

/**
 * The school's groups: one export request, then kept for GROUPS_KEPT_MS per school and
 * secret key (concurrent searches share one request; a failed one is not kept).
 */
export async function listGroups(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials(GETCOURSE_CREDENTIAL);
	const baseURL = baseUrlOf(credentials.account);
	const key = `${baseURL}\n${String(credentials.secretKey ?? '')}`;
	const kept = groupLists.get(key);
	if (kept && clock.now() - kept.at < GROUPS_KEPT_MS) return await kept.groups;
	const groups = platformRequest(ctx, GETCOURSE, {
		method: 'GET',
		baseURL,
		url: '/pl/api/account/groups',
		headers: { Accept: 'application/json' },
	}).then((body) => (Array.isArray(body.info) ? (body.info as IDataObject[]) : []));
	const entry = { at: clock.now(), groups };
	groupLists.set(key, entry);
	groups.catch(() => {
		if (groupLists.get(key) === entry) groupLists.delete(key);
	});
	return await groups;
}

export const listSearch = {
	async searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const needle = (filter ?? '').trim().toLowerCase();
		const groups = (await listGroups(this))
			.filter(
				(group) =>
					!needle ||
					String(group.name ?? '').toLowerCase().includes(needle) ||
					String(group.id) === needle,
			)
			.sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')));
		return {
			results: groups.map((group) => ({
				name: `${String(group.name ?? 'Untitled')} (#${String(group.id)})`,
				value: String(group.id),
			})),
		};
	},
};
