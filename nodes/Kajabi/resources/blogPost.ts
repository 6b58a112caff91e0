import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { FilterDef } from '../fields';
import {
	filtersCollection,
	get,
	idLocator,
	listFields,
	operationSelector,
	optionsCollection,
	simplifyField,
} from '../fields';

const resource = 'blogPost';

/** Each attribute condition becomes `filter[<attribute>_<comparison>]=<value>`. */
async function sendAttributeFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const conditions = (this.getNodeParameter('attributeFilters.condition', []) ?? []) as IDataObject[];
	const qs = { ...((requestOptions.qs as IDataObject) ?? {}) };
	for (const condition of conditions) {
		qs[`filter[${String(condition.attribute)}_${String(condition.comparison)}]`] = String(condition.value ?? '');
	}
	requestOptions.qs = qs;
	return requestOptions;
}

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

const COMPARISONS: Array<[string, string]> = [
	['Contains', 'cont'],
	['Does Not Contain', 'not_cont'],
	['Ends With', 'end'],
	['Equals', 'eq'],
	['Is Not Equal To', 'not_eq'],
	['Starts With', 'start'],
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
	{
		displayName: 'Attribute Filters',
		name: 'attributeFilters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute Filter',
		default: {},
		displayOptions: { show: { resource: [resource], operation: ['getAll'] } },
		description: 'Compare an attribute with a value; every condition must hold',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Attribute',
						name: 'attribute',
						type: 'options',
						default: 'title',
						options: ATTRIBUTES.map(([name, value]) => ({ name, value })),
					},
					{
						displayName: 'Comparison',
						name: 'comparison',
						type: 'options',
						default: 'cont',
						options: COMPARISONS.map(([name, value]) => ({ name, value })),
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
		routing: { send: { preSend: [sendAttributeFilters] } },
	},
	...optionsCollection(resource, ['getAll'], {
		sort: [
			['Title', 'title'],
			['Published At', 'published_at'],
			['Created At', 'created_at'],
			['Updated At', 'updated_at'],
		],
		sparse: 'blog_posts',
	}),
	...optionsCollection(resource, ['get'], { sparse: 'blog_posts' }),
	simplifyField(resource, ['get', 'getAll']),
];
