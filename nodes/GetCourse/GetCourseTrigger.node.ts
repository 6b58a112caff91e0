import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeWindow } from '../shared/gate';
import { listSearch } from './methods';
import {
	MIN_POLL_INTERVAL_MS,
	paceOf,
	pollEvents,
	statusCheckTimes,
	TEST_MIN_INTERVAL_PARAMETER,
	TEST_TRIGGER_SHARE_PARAMETER,
} from './polling';
import { TRIGGER_SHARE } from './transport';

/** The triggers' pace at the 10-minute minimum, as the panel says it. */
const TRIGGER_PACE = paceOf(TRIGGER_SHARE, MIN_POLL_INTERVAL_MS);

export class GetCourseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GetCourse Trigger',
		name: 'getCourseTrigger',
		icon: { light: 'file:../../icons/getcourse.svg', dark: 'file:../../icons/getcourse.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"newOrder":"New Order","newPayment":"New Payment","newUser":"New User","orderStatusChanged":"Order Status Changed","userAddedToGroup":"User Added to Group"}[$parameter["event"]] || $parameter["event"] }}',
		description:
			'Starts the workflow when users, orders or payments appear in a GetCourse school (checks its export API on a schedule)',
		defaults: { name: 'GetCourse Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'getCourseApi', required: true }],
		properties: [
			{
				displayName: `This trigger checks GetCourse at most once every 10 minutes, whatever Poll Times says (Every Minute works as every 10 minutes). A check costs 1 export request to start its export and 1 for each status check while GetCourse makes the file (${statusCheckTimes()}): 2 to 4 on a quick school, up to 8 when exports take minutes. GetCourse allows a school 100 export requests per 2 hours; its GetCourse Triggers together never use more than half (at most ${TRIGGER_PACE.requests} in ${describeWindow(TRIGGER_PACE.windowMs)}, Fetch Test Event included), so your own GetCourse nodes always keep ${TRIGGER_SHARE.requests}. On a school whose exports are slow, some checks are therefore delayed or skipped; nothing is lost, the next check goes on where the last stopped. New records usually come out one to two checks after they are created.`,
				name: 'budgetNotice',
				type: 'notice',
				default: '',
			},
			{
				// Never shown: the package's own end-to-end tests set a shorter minimum in their workflows.
				displayName: 'Test Minimum Interval (Seconds)',
				name: TEST_MIN_INTERVAL_PARAMETER,
				type: 'hidden',
				default: 0,
			},
			{
				// Never shown: the package's own end-to-end tests make the triggers' share of the budget smaller.
				displayName: 'Test Trigger Share (Export Requests)',
				name: TEST_TRIGGER_SHARE_PARAMETER,
				type: 'hidden',
				default: 0,
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'newUser',
				options: [
					{ name: 'New Order', value: 'newOrder', description: 'An order was created' },
					{ name: 'New Payment', value: 'newPayment', description: 'A payment was created' },
					{ name: 'New User', value: 'newUser', description: 'A user was created' },
					{
						name: 'Order Status Changed',
						value: 'orderStatusChanged',
						description: 'The status of an order changed',
					},
					{
						name: 'User Added to Group',
						value: 'userAddedToGroup',
						description: 'A user was added to a chosen group',
					},
				],
			},
			{
				displayName: 'Group',
				name: 'groupId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				displayOptions: { show: { event: ['userAddedToGroup'] } },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchGroups', searchable: true },
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 1234',
						validation: [
							{
								type: 'regex',
								properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A group ID is a number' },
							},
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Backfill Days',
						name: 'backfillDays',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, maxValue: 90 },
						description:
							'On the first check after activation, also emit the records of this many past days. 0 starts from the moment of activation.',
					},
					{
						displayName: 'ID Column',
						name: 'idColumn',
						type: 'string',
						default: '',
						placeholder: 'e.g. ID',
						description:
							'The export column that identifies a record, written exactly as in the export, when your school\'s export names it differently. Empty: the user ID column for users and group members, "ID заказа" for orders, "Номер" for payments. A check whose export lacks the column fails and lists the columns it found.',
					},
					{
						displayName: 'Max Status Checks',
						name: 'maxChecks',
						type: 'number',
						default: 10,
						typeOptions: { minValue: 1, maxValue: 50 },
						description: `How many times one check asks whether its export is ready (${statusCheckTimes()}, within the 10 minutes). Each time is one export request, counted in the triggers' half of the school's budget; a check that stops asking loses nothing, the next one fetches the same export.`,
					},
					{
						displayName: 'School Time Zone',
						name: 'timeZone',
						type: 'string',
						default: 'Europe/Moscow',
						placeholder: 'e.g. Europe/Moscow',
						description:
							"The time zone set in the school's GetCourse settings (an IANA name). GetCourse filters exports by whole days in it. Set it to the school's real zone: a zone west of it (e.g. UTC for a Moscow school) misses records created late in the school's evening. Records created with a date in the past (an import with an old date) are never seen.",
					},
				],
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents.call(this);
	}
}
