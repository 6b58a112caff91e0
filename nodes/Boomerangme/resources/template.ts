import type { INodeProperties } from 'n8n-workflow';

import { listFields, operationSelector, templateLocator } from '../fields';
import { sends } from '../../shared/runner';
import { PATHS } from '../paths';

const resource = 'template';

export const templateOperations: INodeProperties[] = [
	operationSelector(resource, 'getAll', [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a template',
			description: 'Get a card template by its ID',
			routing: sends({ method: 'GET', url: PATHS.template }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many templates',
			description: "List the company's card templates",
			routing: sends({ method: 'GET', url: PATHS.templates }),
		},
	]),
];

export const templateFields: INodeProperties[] = [
	templateLocator(resource, ['get'], { description: 'The card template to get' }),
	...listFields(resource, 'getAll'),
];
