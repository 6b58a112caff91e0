import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/subtitle';
import { listSearch, loadOptions } from './methods';
import { blogPostFields, blogPostOperations } from './resources/blogPost';
import { contactFields, contactOperations } from './resources/contact';
import { contactNoteFields, contactNoteOperations } from './resources/contactNote';
import { contactTagFields, contactTagOperations } from './resources/contactTag';
import { courseFields, courseOperations } from './resources/course';
import { customFieldFields, customFieldOperations } from './resources/customField';
import { customerFields, customerOperations } from './resources/customer';
import { formFields, formOperations } from './resources/form';
import { formSubmissionFields, formSubmissionOperations } from './resources/formSubmission';
import { hookFields, hookOperations } from './resources/hook';
import { landingPageFields, landingPageOperations } from './resources/landingPage';
import { meFields, meOperations } from './resources/me';
import { offerFields, offerOperations } from './resources/offer';
import { orderFields, orderOperations } from './resources/order';
import { orderItemFields, orderItemOperations } from './resources/orderItem';
import { payoutFields, payoutOperations } from './resources/payout';
import { podcastFields, podcastOperations } from './resources/podcast';
import { productFields, productOperations } from './resources/product';
import { purchaseFields, purchaseOperations } from './resources/purchase';
import { siteFields, siteOperations } from './resources/site';
import { transactionFields, transactionOperations } from './resources/transaction';
import { versionFields, versionOperations } from './resources/version';
import { websitePageFields, websitePageOperations } from './resources/websitePage';
import { JSON_API, KAJABI_RUNNER } from './transport';

export class Kajabi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kajabi',
		name: 'kajabi',
		icon: { light: 'file:../../icons/kajabi.svg', dark: 'file:../../icons/kajabi.dark.svg' },
		group: ['transform'],
		version: 1,
		// Replaced in the constructor by the same in words: "Contact: Add Purchase".
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description: 'Work with contacts, offers, purchases, forms, courses and more in a Kajabi account',
		defaults: { name: 'Kajabi' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kajabiApi', required: true }],
		requestDefaults: {
			// No baseURL: each runner sets the credential's address (nodes/shared/runner.ts).
			headers: { Accept: JSON_API },
		},
		// Every operation's routing is written with `sends()`, so n8n hands each request to a
		// runner: this one, unless the operation names its own (Delete, a contact by email).
		requestOperations: { pagination: KAJABI_RUNNER },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'contact',
				options: [
					{ name: 'Blog Post', value: 'blogPost' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Contact Note', value: 'contactNote' },
					{ name: 'Contact Tag', value: 'contactTag' },
					{ name: 'Course', value: 'course' },
					{ name: 'Custom Field', value: 'customField' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Form', value: 'form' },
					{ name: 'Form Submission', value: 'formSubmission' },
					{ name: 'Landing Page', value: 'landingPage' },
					{ name: 'Me', value: 'me' },
					{ name: 'Offer', value: 'offer' },
					{ name: 'Order', value: 'order' },
					{ name: 'Order Item', value: 'orderItem' },
					{ name: 'Payout', value: 'payout' },
					{ name: 'Podcast', value: 'podcast' },
					{ name: 'Product', value: 'product' },
					{ name: 'Purchase', value: 'purchase' },
					{ name: 'Site', value: 'site' },
					{ name: 'Transaction', value: 'transaction' },
					{ name: 'Version', value: 'version' },
					{ name: 'Webhook', value: 'hook' },
					{ name: 'Website Page', value: 'websitePage' },
				],
			},
			...blogPostOperations,
			...blogPostFields,
			...contactOperations,
			...contactFields,
			...contactNoteOperations,
			...contactNoteFields,
			...contactTagOperations,
			...contactTagFields,
			...courseOperations,
			...courseFields,
			...customFieldOperations,
			...customFieldFields,
			...customerOperations,
			...customerFields,
			...formOperations,
			...formFields,
			...formSubmissionOperations,
			...formSubmissionFields,
			...landingPageOperations,
			...landingPageFields,
			...meOperations,
			...meFields,
			...offerOperations,
			...offerFields,
			...orderOperations,
			...orderFields,
			...orderItemOperations,
			...orderItemFields,
			...payoutOperations,
			...payoutFields,
			...podcastOperations,
			...podcastFields,
			...productOperations,
			...productFields,
			...purchaseOperations,
			...purchaseFields,
			...siteOperations,
			...siteFields,
			...transactionOperations,
			...transactionFields,
			...versionOperations,
			...versionFields,
			...hookOperations,
			...hookFields,
			...websitePageOperations,
			...websitePageFields,
		],
	};

	methods = { loadOptions, listSearch };

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}
}
