/** The group picker: the school's groups, searched by name or ID. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { baseUrlOf, GETCOURSE, GETCOURSE_CREDENTIAL } from './transport';
import { platformRequest } from '../shared/request';

/** The school's groups (one export request: GetCourse lists groups through its export API). */
export async function listGroups(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials(GETCOURSE_CREDENTIAL);
	const body = await platformRequest(ctx, GETCOURSE, {
		method: 'GET',
		baseURL: baseUrlOf(credentials.account),
		url: '/pl/api/account/groups',
		headers: { Accept: 'application/json' },
	});
	return Array.isArray(body.info) ? (body.info as IDataObject[]) : [];
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
