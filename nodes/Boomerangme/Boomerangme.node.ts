import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/subtitle';
import { listSearch, loadOptions } from './methods';
import { cardFields, cardOperations } from './resources/card';
import { companyFields, companyOperations } from './resources/company';
import { customerFields, customerOperations } from './resources/customer';
import { operationFields, operationOperations } from './resources/operation';
import { pushFields, pushOperations } from './resources/push';
import { tariffFields, tariffOperations } from './resources/tariff';
import { templateFields, templateOperations } from './resources/template';
import { simplifyFields } from '../shared/output';
import { BOOMERANGME_SIMPLE } from './fields';
import { boomerangmeRunner } from './transport';

export class Boomerangme implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Boomerangme',
		name: 'boomerangme',
		icon: { light: 'file:../../icons/boomerangme.svg', dark: 'file:../../icons/boomerangme.dark.svg' },
		group: ['transform'],
		version: 1,
		// Replaced in the constructor by the same in words: "Contact: Add Purchase".
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description: 'Issue loyalty cards, add stamps, points and visits, and manage customers in Boomerangme',
		defaults: { name: 'Boomerangme' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'boomerangmeApi', required: true }],
		requestDefaults: {
			// No baseURL: each runner sets the credential's address (nodes/shared/runner.ts).
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every operation's routing is written with `sends()`, so n8n hands each request to a
		// runner: this one, unless the operation names its own (balance operations, deletes,
		// Simplify, Company's Other Fields; see transport.ts).
		requestOperations: { pagination: boomerangmeRunner },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'card',
				options: [
					{ name: 'Card', value: 'card' },
					{ name: 'Company', value: 'company' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Operation', value: 'operation' },
					{ name: 'Push', value: 'push' },
					{ name: 'Tariff', value: 'tariff' },
					{ name: 'Template', value: 'template' },
				],
			},
			...cardOperations,
			...cardFields,
			...companyOperations,
			...companyFields,
			...customerOperations,
			...customerFields,
			...operationOperations,
			...operationFields,
			...pushOperations,
			...pushFields,
			...tariffOperations,
			...tariffFields,
			...templateOperations,
			...templateFields,
			...simplifyFields(BOOMERANGME_SIMPLE),
		],
	};

	methods = { loadOptions, listSearch };

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}
}
