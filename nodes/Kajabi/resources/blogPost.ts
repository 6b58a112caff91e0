import type { INodeProperties } from 'n8n-workflow';

import type { FilterDef } from '../fields';
import {
	attributeFilters,
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	simplifyField,
} from '../fields';

const resource = 'blogPost';

/** Kajabi documents `filter[<attribute>_<comparison>]` for these blog post attributes. */
const ATTRIBUTES: Array<[string, string]> = [
	['Content', 'content'],
	['Created At', 'created_at'],
	['Image Alt Text', 'image_alt_text'],
	['Image URL', 'image_url'],
	['Page Description', 'page_description'],
	['Page Title', 'page_title'],
	['Published At', 'published_at'],
	['Slug', 'slug'],
	['Tags', 'tags'],
	['Title', 'title'],
	['Updated At', 'updated_at'],
];

const FILTERS: FilterDef[] = [
	{ param: 'title_cont', displayName: 'Title Contains', description: 'Only blog posts whose title contains this text' },
	{ param: 'site_id', displayName: 'Site Name or ID', type: 'options', loadOptionsMethod: 'getSites', description: 'Only blog posts of this site. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
];

export const blogPostOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a blog post',
			description: 'Read one blog post of a site',
			routing: get('/v1/blog_posts/{blogPostId}'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many blog posts',
			description: 'List the blog posts of your sites',
			routing: get('/v1/blog_posts'),
		},
	]),
];

export const blogPostFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'blogPostId', displayName: 'Blog Post' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', FILTERS),
	attributeFilters(resource, 'getAll', ATTRIBUTES, ['cont', 'not_cont', 'end', 'eq', 'not_eq', 'start']),
	...optionsCollection(resource, ['getAll'], {
		sort: [
			['Title', 'title'],
			['Published At', 'published_at'],
		],
		sparse: 'blog_posts',
	}),
	...optionsCollection(resource, ['get'], { sparse: 'blog_posts' }),
	simplifyField(resource, ['get', 'getAll']),
];
