import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { pollEvents } from './polling';

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
				displayName:
					'Each check takes at least 2 of the 100 export requests GetCourse allows per 2 hours per school (usually 3 to 4). Check every 10 minutes or less often; never more often than every 5 minutes, and less often still when other GetCourse triggers or exports use the same school.',
				name: 'budgetNotice',
				type: 'notice',
				default: '',
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
						placeholder: 'e.g. ID заказа',
						description:
							'The export column that identifies a record, when your school\'s export names it differently. Empty: the user ID column for users and groups, "ID заказа" for orders, "Номер" for payments.',
					},
					{
						displayName: 'Max Status Checks',
						name: 'maxChecks',
						type: 'number',
						default: 10,
						typeOptions: { minValue: 1, maxValue: 50 },
						description:
							'How many times one check asks whether its export is ready before giving up (each counts toward the export budget); a check that gives up loses nothing, the next one covers the same records',
					},
					{
						displayName: 'School Time Zone',
						name: 'timeZone',
						type: 'string',
						default: 'Europe/Moscow',
						placeholder: 'e.g. Europe/Moscow',
						description:
							'The time zone set in the school\'s GetCourse settings (an IANA name). GetCourse filters exports by whole days in it.',
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
