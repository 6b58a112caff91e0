import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/subtitle';
import { couponFields, couponOperations } from './resources/coupon';
import { userFields, userOperations } from './resources/user';
import { sendRempRequest } from './transport';

export class RempCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'REMP CRM',
		name: 'rempCrm',
		icon: { light: 'file:../../icons/rempCrm.svg', dark: 'file:../../icons/rempCrm.dark.svg' },
		group: ['transform'],
		version: 1,
		// Replaced in the constructor by the same in words: "Contact: Add Purchase".
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description: 'Activate coupons for users of a REMP CRM',
		defaults: { name: 'REMP CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rempCrmApi', required: true }],
		requestDefaults: {
			// No baseURL: each runner sets the credential's address (nodes/shared/runner.ts).
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every operation's routing is written with `sends()`, so n8n hands each request to a
		// runner: the operation's own (Activate, Log In name theirs), else this one.
		requestOperations: { pagination: sendRempRequest },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'coupon',
				options: [
					{ name: 'Coupon', value: 'coupon' },
					{ name: 'User', value: 'user' },
				],
			},
			...couponOperations,
			...couponFields,
			...userOperations,
			...userFields,
		],
	};

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}
}
