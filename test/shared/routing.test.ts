/**
 * Every request a node sends leaves through the shared request layer: n8n hands a built
 * request to a runner (the node's `requestOperations.pagination`, or the operation's own in
 * `routing.operations`) only when the operation sets `send.paginate`, which `sends()` of
 * nodes/shared/runner.ts does. An operation that forgot it would be sent by n8n itself — past
 * the rate gate, the answer checks, the error shape, the path checks and the redirect guard —
 * so this walks every node's description and fails on any routing that n8n would send
 * directly, that names a runner not made by `operationRunner`, or that relies on
 * `postReceive` (which the runners do not run).
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { RempCrm } from '../../nodes/RempCrm/RempCrm.node';
import { isOperationRunner } from '../../nodes/shared/runner';

const NODES: INodeType[] = [new Kwiga(), new Kajabi(), new GetCourse(), new Boomerangme(), new RempCrm()];

interface Routed {
	where: string;
	routing: NonNullable<INodeProperties['routing']>;
}

/** Every `routing` in a description: on properties, on options, in collections. */
function routingsOf(properties: Array<INodeProperties | INodePropertyOptions>, path: string): Routed[] {
	const found: Routed[] = [];
	for (const property of properties) {
		const where = `${path} › ${'displayName' in property ? property.displayName : property.name}`;
		if (property.routing) found.push({ where, routing: property.routing });
		const nested = [
			...(('options' in property && Array.isArray(property.options) ? property.options : []) as INodePropertyOptions[]),
			...(('values' in property && Array.isArray(property.values) ? property.values : []) as INodeProperties[]),
		];
		if (nested.length) found.push(...routingsOf(nested, where));
	}
	return found;
}

describe.each(NODES.map((node) => [node.description.displayName, node] as const))('%s', (_name, node) => {
	const routings = routingsOf(node.description.properties, node.description.displayName);

	test('hands every request to a shared runner (requestOperations.pagination)', () => {
		expect(isOperationRunner(node.description.requestOperations?.pagination)).toBe(true);
		expect(Object.keys(node.description.requestOperations ?? {})).toEqual(['pagination']);
	});

	test('an operation that names its own runner names one made by operationRunner, and nothing else', () => {
		const own = routings.filter(({ routing }) => routing.operations !== undefined);
		const wrong = own
			.filter(
				({ routing }) =>
					!isOperationRunner(routing.operations?.pagination) ||
					Object.keys(routing.operations ?? {}).join() !== 'pagination' ||
					routing.request?.url === undefined,
			)
			.map(({ where }) => where);
		expect(wrong).toEqual([]);
	});

	test('every routing that builds a request sets send.paginate, so n8n never sends it itself', () => {
		// A routing with a method or URL is an operation's request; one that only adds query
		// values (Return All's page size) adds to the request of the operation it belongs to.
		const requests = routings.filter(({ routing }) => routing.request?.url !== undefined || routing.request?.method !== undefined);
		const adding = routings.filter(({ routing }) => routing.request !== undefined && !requests.some((r) => r.routing === routing));
		expect(adding.filter(({ routing }) => routing.send?.paginate !== undefined).map(({ where }) => where)).toEqual([]);
		expect(requests.length).toBeGreaterThan(0);
		const direct = requests.filter(({ routing }) => routing.send?.paginate !== true).map(({ where }) => where);
		expect(direct).toEqual([]);
	});

	test('no routing relies on postReceive or output rules the shared runner does not apply', () => {
		// `output.maxResults` (the Limit field) is read by the runner; anything else would be ignored.
		const ignored = routings
			.filter(({ routing }) => Object.keys(routing.output ?? {}).some((key) => key !== 'maxResults'))
			.map(({ where }) => where);
		expect(ignored).toEqual([]);
	});
});
