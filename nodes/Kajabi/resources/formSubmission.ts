import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, get, idLocator, listFields, operationSelector, optionsCollection, simplifyField, siteFilter } from '../fields';

const resource = 'formSubmission';

export const formSubmissionOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{ name: 'Get', value: 'get', action: 'Get a form submission', description: 'Read what someone sent through a form', routing: get('/v1/form_submissions/{formSubmissionId}') },
		{ name: 'Get Many', value: 'getAll', action: 'Get many form submissions', description: 'List what people sent through your forms', routing: get('/v1/form_submissions') },
	]),
];

export const formSubmissionFields: INodeProperties[] = [
	idLocator(resource, ['get'], { name: 'formSubmissionId', displayName: 'Form Submission' }),
	...listFields(resource, 'getAll'),
	filtersCollection(resource, 'getAll', [
		siteFilter('form submissions'),
		{ param: 'form_id', displayName: 'Form Name or ID', type: 'options', loadOptionsMethod: 'getForms', description: 'Only submissions of this form. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	]),
	...optionsCollection(resource, ['getAll'], { sort: [['Created At', 'created_at'], ['Name', 'name'], ['Email', 'email']] }),
	...optionsCollection(resource, ['get'], { include: [['Site', 'site', 'sites'], ['Form', 'form', 'forms']] }),
	simplifyField(resource, ['get', 'getAll']),
];
