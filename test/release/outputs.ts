/**
 * What each operation puts out, in words for the platform pages (test/release/fields-docs.test.ts
 * writes them as "Output: …" after each operation's fields). Read from what the nodes' send
 * functions return (nodes/<Platform>/transport.ts, nodes/shared/output.ts) and the items the
 * unit tests in test/<platform>/ expect.
 *
 * Rules are keyed on operation *values* (`get`, `getAll`, `delete`…), which stay when labels
 * change; `{record}` in a rule becomes the resource's name ("one item per {record}"). For one operation the most specific rule wins:
 *   1. the node's `byResourceOperation['resource:operation']`,
 *   2. the node's `byOperation[operation]`,
 *   3. COMMON[operation] (the same on every platform).
 * Triggers have one `trigger` text. An operation with no rule fails the docs test, so a new
 * operation cannot ship without saying what it puts out.
 */
import { BALANCE_ACTIONS } from '../../nodes/Boomerangme/cards';

export interface NodeOutputs {
	/** By operation value, for every resource of the node that has it. */
	byOperation?: Readonly<Record<string, string>>;
	/** By `resource:operation` (values), over `byOperation`. */
	byResourceOperation?: Readonly<Record<string, string>>;
	/** What one execution of a trigger puts out. */
	trigger?: string;
}

/** Rules that hold on every platform: they come from nodes/shared/output.ts. */
export const COMMON: Readonly<Record<string, string>> = {
	// DELETED: a Delete's runner replaces the platform's answer by `{ deleted: true }`.
	delete: 'one item `{ "deleted": true }` once the platform has accepted the deletion',
};

// Kajabi: kajabiRunner (nodes/Kajabi/transport.ts) → shapeRecords / simplifyRecord (nodes/Kajabi/simplify.ts).
const KAJABI_RECORD = 'one flat object while Simplify is on (the default), as Kajabi sends it when off';
// Relationship answers are resource identifiers ({ id, type }): Simplify has nothing to flatten in them.
const kajabiLinks = (what: string, whose: string) =>
	`one item per ${what} of the ${whose}, each only \`{ "id", "type" }\` (a Get reads the ${what} itself); no items when it has none`;
const kajabiChange = (what: string, whose: string) =>
	`one item per ${what} the ${whose} has after the change, each only \`{ "id", "type" }\`; one item \`{ "success": true }\` when Kajabi answers with nothing or with none left`;

const KAJABI_PURCHASE =
	'one item, the purchase after the change (one flat object while Simplify is on, the default), or `{ "success": true }` when Kajabi answers with nothing';

const KAJABI: NodeOutputs = {
	byOperation: {
		get: `one item, the {record}: ${KAJABI_RECORD}`,
		getAll: `one item per {record}: ${KAJABI_RECORD}`,
		create: `one item, the new {record}: ${KAJABI_RECORD}`,
		update: `one item, the {record} after the change: ${KAJABI_RECORD}`,
	},
	byResourceOperation: {
		'contact:getOffers': kajabiLinks('offer', 'contact'),
		'contact:getTags': kajabiLinks('tag', 'contact'),
		'contact:addTags': kajabiChange('tag', 'contact'),
		'contact:removeTags': kajabiChange('tag', 'contact'),
		'contact:replaceTags': kajabiChange('tag', 'contact'),
		'contact:grantOffers': kajabiChange('offer', 'contact'),
		'contact:revokeOffers': kajabiChange('offer', 'contact'),
		'contact:replaceOffers': kajabiChange('offer', 'contact'),
		'customer:getOffers': kajabiLinks('offer', 'customer'),
		'customer:grantOffers': kajabiChange('offer', 'customer'),
		'customer:revokeOffers': kajabiChange('offer', 'customer'),
		'customer:replaceOffers': kajabiChange('offer', 'customer'),
		'offer:getProducts': kajabiLinks('product', 'offer'),
		'form:submit': `one item, the form submission Kajabi made: ${KAJABI_RECORD}`,
		'me:get': `one item, your user: ${KAJABI_RECORD}`,
		'hook:getSample': `one item per record of the sample delivery (the purchase, the offer, the customer…): ${KAJABI_RECORD}`,
		'purchase:cancelSubscription': KAJABI_PURCHASE,
		'purchase:deactivate': KAJABI_PURCHASE,
		'purchase:reactivate': KAJABI_PURCHASE,
		'version:get': "one item, Kajabi's answer as it is: the API version and links to its documentation",
	},
};

// Kajabi Trigger: webhook() in nodes/Kajabi/KajabiTrigger.node.ts.
const KAJABI_TRIGGER: NodeOutputs = {
	trigger:
		'each delivery Kajabi sends for the chosen event starts one execution with one item `{ id, event, payload }`, where `payload` lists the delivered records (the purchase, the offer, the customer…), each one flat object while Simplify is on (the default). With Split Into Items each record is its own item instead. With Verify With Kajabi on (the default), every delivered record is replaced by Kajabi\'s own copy of it, and a delivery with a record Kajabi does not have, or of another site, starts nothing. A post without the hook\'s secret, of another event, or about the same purchase, payment, order or form submission as one before (the same contact and tag within 2 minutes) never starts the workflow. The sample that Listen for Test Event gets (Send Sample When Testing) is marked `"sample": true`',
};

// KWIGA: the runners of nodes/Kwiga/transport.ts → KWIGA_PAGING.read, KWIGA_SIMPLE (simplify.ts), placeCourseProgram (courseProgram.ts).
const kwigaSimple = (keys: string) =>
	`with Simplify on (the default) only ${keys}; with Simplify off the record as KWIGA sends it`;
const KWIGA_SUCCESS = 'one item with what KWIGA answers, `{ "success": true }`';

const KWIGA: NodeOutputs = {
	byOperation: {
		create: 'one item, the new {record} as KWIGA returns it',
		update: 'one item, the {record} after the change, as KWIGA returns it',
		getAll: 'one item per {record}, as KWIGA sends it',
		get: 'one item, the {record} as KWIGA sends it',
	},
	byResourceOperation: {
		'certificate:getByNumber': 'one item, the certificate as KWIGA sends it',
		'contact:addPurchase': 'one item, the contact as KWIGA returns it, with the orders the purchase made',
		'contact:addTags': KWIGA_SUCCESS,
		'contact:removeTags': KWIGA_SUCCESS,
		'contact:get': `one item, the contact: ${kwigaSimple('`id`, `email`, `first_name`, `last_name`, `phone` or `phone_number` (as KWIGA names the phone), `created_at` and `tags`')}`,
		'contact:getAll': `one item per contact: ${kwigaSimple('`id`, `email`, `first_name`, `last_name`, `phone` or `phone_number` (as KWIGA names the phone), `created_at` and `tags`')}`,
		'contact:getProducts': "one item per product the contact has, with its subscriptions and access periods; no items when the contact has none",
		'contact:removeProduct': KWIGA_SUCCESS,
		'contact:removeProducts':
			'one item: `affected_subscriptions` and `affected_orders` (the IDs KWIGA changed) and `contact_id`',
		'contactList:addContacts': KWIGA_SUCCESS,
		'contactList:get': 'one item, the contact list with its `contacts` and `statistic`',
		'coupon:check': 'one item with what KWIGA says of the code, such as `{ "can_use": true, "discount": 6.5 }`',
		'coupon:get': `one item, the coupon: ${kwigaSimple('`id`, `code`, `reward`, `is_fixed`, `total_uses` and `total_uses_per_user`')}`,
		'coupon:getAll': `one item per coupon: ${kwigaSimple('`id`, `code`, `reward`, `is_fixed`, `total_uses` and `total_uses_per_user`')}`,
		'course:getAll': `one item per course: ${kwigaSimple('`id`, `title` and `status`')}`,
		'course:getParticipants':
			"one item per participant (the contact and the progress you asked for). The course program is left out unless the Course Program option puts it in: as one first item `{ course_program }`, or copied into every participant; when KWIGA sent none, `course_program` is empty and `course_program_note` says so",
		'offer:get': `one item, the offer: ${kwigaSimple('`id`, `title`, `unique_offer_code` and `products`')}`,
		'offer:getAll': `one item per offer: ${kwigaSimple('`id`, `title`, `unique_offer_code` and `products`')}`,
		'product:getAll': `one item per product: ${kwigaSimple('`id`, `title`, `productable_id` and `productable_type`')}`,
		'timezone:getAll': 'one item per time zone: `id` and `name`',
	},
};

// GetCourse: the runners of nodes/GetCourse/transport.ts → recordsOf; exportRunner / exportResultRunner →
// startFromNode / resultFromNode → rowsToObjects (nodes/GetCourse/exports.ts).
const GETCOURSE_ROWS =
	"one item per row of the export, keyed in English (`email`, `first_name`, `order_id`…) while Simplify is on (the default) and by the export's own, mostly Russian, column names when off; with Raw Output, one item `{ export_id, requests, fields, items }` instead";
const GETCOURSE_START = `with Start and Wait for Rows, ${GETCOURSE_ROWS}. With Start Only, one item \`{ export_id, requests }\` to fetch later with Get Result`;
const GETCOURSE_IMPORT = (ids: string) =>
	`one item with GetCourse's answer: \`success\` and ${ids}`;

const GETCOURSE: NodeOutputs = {
	byResourceOperation: {
		'export:groupUsers': GETCOURSE_START,
		'export:orders': GETCOURSE_START,
		'export:payments': GETCOURSE_START,
		'export:users': GETCOURSE_START,
		'export:getResult': GETCOURSE_ROWS,
		'field:getAll': 'one item per additional field, as GetCourse lists it (such as `id`, `title`, `type` and `context_type`: `user` or `deal`)',
		'group:getAll': 'one item per group: `id`, `name` and `last_added_at`',
		'order:changeStatus': GETCOURSE_IMPORT('the `user_id` and `deal_id` it changed'),
		'order:createOrUpdate': GETCOURSE_IMPORT(
			'`user_id` and `deal_id`, plus `deal_number` and `payment_link` when their switches are on',
		),
		'user:createOrUpdate': GETCOURSE_IMPORT('`user_id` and `user_status` (such as `added`)'),
		'user:setGroups': GETCOURSE_IMPORT('`user_id`'),
	},
};

// GetCourse Trigger: poll() in nodes/GetCourse/polling.ts.
const GETCOURSE_TRIGGER: NodeOutputs = {
	trigger:
		"one item per new record since the last check (a user, an order, a payment, an order whose status changed, a user added to the group), each a row of GetCourse's export keyed by the export's own column names (Russian for most columns; there is no Simplify here). A check that finds nothing new starts nothing, and a check sooner than 10 minutes after the last one does nothing at all; the first check after activation only notes what is already there unless Backfill Days asks for earlier days. Fetch Test Event puts out up to 5 of the latest rows of the last three days",
};

// Boomerangme: the runners of nodes/Boomerangme/transport.ts → PAGING.read; deleteRunner, simplifyRunner (BOOMERANGME_SIMPLE in fields.ts).
const BOOMERANGME_BALANCE =
	'one item with what Boomerangme answers, the card with its new balance (every field: Simplify is only on Get and Get Many), or `{ "success": true }` when it answers with no content';

const BOOMERANGME: NodeOutputs = {
	byOperation: {
		create: 'one item, the new {record} as Boomerangme returns it',
		update: 'one item, the {record} after the change, as Boomerangme returns it',
		get: 'one item, the {record} as Boomerangme sends it',
		getAll: 'one item per {record}, as Boomerangme sends it',
	},
	byResourceOperation: {
		...Object.fromEntries(BALANCE_ACTIONS.map((balance) => [`card:${balance.operation}`, BOOMERANGME_BALANCE])),
		'card:get':
			'one item, the card: with Simplify on (the default) only `id`, `templateId`, `customerId`, `type`, `status`, `balance`, `installLink` and `createdAt`; with Simplify off the card as Boomerangme sends it',
		'card:getAll':
			'one item per card: with Simplify on (the default) only `id`, `templateId`, `customerId`, `type`, `status`, `balance`, `installLink` and `createdAt`; with Simplify off the card as Boomerangme sends it',
		'card:issue': 'one item, the new card as Boomerangme returns it',
		'customer:get':
			'one item, the customer: with Simplify on (the default) only `id`, `firstName`, `surname`, `email`, `phone` and `createdAt`; with Simplify off the customer as Boomerangme sends it',
		'customer:getAll':
			'one item per customer: with Simplify on (the default) only `id`, `firstName`, `surname`, `email`, `phone` and `createdAt`; with Simplify off the customer as Boomerangme sends it',
		'company:changeTariff': 'one item with what Boomerangme answers, or `{ "success": true }` when it answers with no content',
		'operation:getAll': 'one item per card operation, as Boomerangme sends it',
		'push:send': 'one item with what Boomerangme answers about the push, or `{ "success": true }` when it answers with no content',
	},
};

// Boomerangme Trigger: webhook() in nodes/Boomerangme/BoomerangmeTrigger.node.ts.
const BOOMERANGME_TRIGGER: NodeOutputs = {
	trigger:
		"each accepted delivery (it carries the hook's secret, names an event you chose, and is not a repeat: the same ID, or without one the same time-stamped body) starts one execution with one item: the body as Boomerangme posted it, or, with Verify With Boomerangme on, `{ event, card, customer }` with the card and customer as Boomerangme has them",
};

// REMP CRM: the runners activateCoupon and logInUser (nodes/RempCrm/transport.ts).
const REMP_CRM: NodeOutputs = {
	byResourceOperation: {
		'coupon:activate':
			'one item with what REMP CRM answers, as it answers it: `coupon_id`, `coupon_type`, `subscription_id`, `subscription_type_id`, `subscription_type_name`, `subscription_start_time` and `subscription_end_time`',
		'user:logIn':
			"one item `{ token, user, user_meta }`: the user's token (for Activate's User Token; keep it as secret as a password), the user's `id`, `uuid`, `email` and names, and their meta data",
	},
};

/** By node type name (INodeTypeDescription.name). */
export const OUTPUTS: Readonly<Record<string, NodeOutputs>> = {
	kajabi: KAJABI,
	kajabiTrigger: KAJABI_TRIGGER,
	kwiga: KWIGA,
	getCourse: GETCOURSE,
	getCourseTrigger: GETCOURSE_TRIGGER,
	boomerangme: BOOMERANGME,
	boomerangmeTrigger: BOOMERANGME_TRIGGER,
	rempCrm: REMP_CRM,
};

/**
 * What an operation of a node puts out, or undefined when no rule says it. `{record}` in a
 * rule is the resource as the editor names it, in lower case ("contact list").
 */
export function outputOf(node: string, resource: string, operation: string, resourceName = resource): string | undefined {
	const rules = OUTPUTS[node];
	const text = rules?.byResourceOperation?.[`${resource}:${operation}`] ?? rules?.byOperation?.[operation] ?? COMMON[operation];
	return text?.replace(/\{record\}/g, resourceName.toLowerCase());
}
