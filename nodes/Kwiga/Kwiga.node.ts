import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/subtitle';
import { loadOptions, listSearch } from './methods';
import { certificateFields, certificateOperations } from './resources/certificate';
import { contactFields, contactOperations } from './resources/contact';
import { contactListFields, contactListOperations } from './resources/contactList';
import { couponFields, couponOperations } from './resources/coupon';
import { courseFields, courseOperations } from './resources/course';
import { offerFields, offerOperations } from './resources/offer';
import { productFields, productOperations } from './resources/product';
import { timezoneFields, timezoneOperations } from './resources/timezone';
import { simplifyFields } from '../shared/output';
import { KWIGA_SIMPLE } from './simplify';
import { defaultKwigaRunner } from './transport';

export class Kwiga implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KWIGA',
		name: 'kwiga',
		icon: { light: 'file:../../icons/kwiga.svg', dark: 'file:../../icons/kwiga.dark.svg' },
		group: ['transform'],
		version: 1,
		// Replaced in the constructor by the same in words: "Contact: Add Purchase".
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description: 'Work with contacts, courses, offers, coupons and more in a KWIGA cabinet',
		defaults: { name: 'KWIGA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kwigaApi', required: true }],
		requestDefaults: {
			// No baseURL: each runner sets the credential's address (nodes/shared/runner.ts).
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			arrayFormat: 'brackets',
		},
		// Every operation's routing is written with `sends()`, so n8n hands each request to this
		// runner (or to the one the operation names): it follows pages, waits out rate limits
		// and turns KWIGA errors into node errors.
		requestOperations: { pagination: defaultKwigaRunner },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'contact',
				options: [
					{ name: 'Certificate', value: 'certificate' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Contact List', value: 'contactList' },
					{ name: 'Coupon', value: 'coupon' },
					{ name: 'Course', value: 'course' },
					{ name: 'Offer', value: 'offer' },
					{ name: 'Product', value: 'product' },
					{ name: 'Time Zone', value: 'timezone' },
				],
			},
			...certificateOperations,
			...certificateFields,
			...contactOperations,
			...contactFields,
			...contactListOperations,
			...contactListFields,
			...couponOperations,
			...couponFields,
			...courseOperations,
			...courseFields,
			...offerOperations,
			...offerFields,
			...productOperations,
			...productFields,
			...timezoneOperations,
			...timezoneFields,
			...simplifyFields(KWIGA_SIMPLE),
		],
	};

	methods = { loadOptions, listSearch };

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}
}
