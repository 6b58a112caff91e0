/**
 * For every platform, every operation whose address carries a path parameter: a value that
 * would change the endpoint (`/`, `..`, `?`, `#`, `%2F`), or a word where a number is
 * documented, sends nothing and fails the item naming the field and the value. The
 * operations and their placeholders are read from the nodes' own descriptions, so a new
 * operation with a path parameter is covered without touching this file.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { PATH_PARAMS as BOOMERANGME_PARAMS } from '../../nodes/Boomerangme/transport';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { PATH_PARAMS as GETCOURSE_PARAMS } from '../../nodes/GetCourse/transport';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { KAJABI_PATH_PARAMS } from '../../nodes/Kajabi/transport';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { KWIGA_PATH_PARAMS } from '../../nodes/Kwiga/transport';
import type { PathParam } from '../../nodes/shared/path';
import { boomerangmeCases } from '../boomerangme/cases';
import { BASE_URL as BOOMERANGME_URL, runBoomerangme } from '../boomerangme/run';
import type { OperationCase } from '../e2e/cases';
import { getCourseCases } from '../getcourse/cases';
import { BASE_URL as GETCOURSE_URL, runGetCourse } from '../getcourse/run';
import type { RunResult } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { kajabiCases } from '../kajabi/cases';
import { BASE_URL as KAJABI_URL, runKajabi } from '../kajabi/run';
import { kwigaCases } from '../kwiga/cases';
import { BASE_URL as KWIGA_URL, runKwiga } from '../kwiga/run';

afterEach(resetHttp);

interface Platform {
	name: string;
	node: INodeType;
	params: Record<string, PathParam>;
	cases: OperationCase[];
	baseUrl: string;
	run: (parameters: INodeParameters) => Promise<RunResult>;
}

const platforms: Platform[] = [
	{ name: 'KWIGA', node: new Kwiga(), params: KWIGA_PATH_PARAMS, cases: kwigaCases, baseUrl: KWIGA_URL, run: runKwiga },
	{ name: 'Kajabi', node: new Kajabi(), params: KAJABI_PATH_PARAMS, cases: kajabiCases, baseUrl: KAJABI_URL, run: runKajabi },
	{ name: 'Boomerangme', node: new Boomerangme(), params: BOOMERANGME_PARAMS, cases: boomerangmeCases, baseUrl: BOOMERANGME_URL, run: runBoomerangme },
	{ name: 'GetCourse', node: new GetCourse(), params: GETCOURSE_PARAMS, cases: getCourseCases, baseUrl: GETCOURSE_URL, run: runGetCourse },
];

/** Every operation of a node whose URL has `{placeholders}`, with them. */
function pathOperations(node: INodeType): Array<{ resource: string; operation: string; names: string[] }> {
	const found: Array<{ resource: string; operation: string; names: string[] }> = [];
	for (const property of node.description.properties as INodeProperties[]) {
		if (property.name !== 'operation') continue;
		const resource = String(property.displayOptions?.show?.resource?.[0] ?? '');
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			const url = String(option.routing?.request?.url ?? '');
			const names = [...url.matchAll(/\{([A-Za-z0-9_.]+)\}/g)].map((match) => match[1]);
			if (names.length) found.push({ resource, operation: String(option.value), names });
		}
	}
	return found;
}

/** The parameters with `name` (possibly dotted) set to `value`, as an expression from the input would give it. */
function withValue(parameters: INodeParameters, name: string, value: string): INodeParameters {
	const copy = JSON.parse(JSON.stringify(parameters)) as INodeParameters;
	const keys = name.split('.');
	let target = copy as Record<string, unknown>;
	for (const key of keys.slice(0, -1)) {
		target[key] = (target[key] as Record<string, unknown>) ?? {};
		target = target[key] as Record<string, unknown>;
	}
	const last = keys[keys.length - 1];
	const expression = `={{ ${JSON.stringify(value)} }}`;
	const current = target[last];
	target[last] =
		current && typeof current === 'object' && '__rl' in (current as object)
			? { __rl: true, mode: 'id', value: expression }
			: expression;
	return copy;
}

const HOSTILE = ['1/../../hooks', '1?x=1', '1#x', '1%2F..%2Fhooks', '..'];

describe.each(platforms)('$name', (platform) => {
	const operations = pathOperations(platform.node);

	test('has operations with path parameters, each with a case to start from', () => {
		expect(operations.length).toBeGreaterThan(0);
		for (const { resource, operation } of operations) {
			const found = platform.cases.some(
				(entry) => entry.parameters.resource === resource && entry.parameters.operation === operation,
			);
			expect(`${resource}.${operation}: ${found ? 'has a case' : 'no case'}`).toBe(`${resource}.${operation}: has a case`);
		}
	});

	const rows = operations.flatMap(({ resource, operation, names }) =>
		names.flatMap((name) => {
			const param = platform.params[name];
			const values = [...HOSTILE, ...(param && !param.test('abc') ? ['abc'] : [])];
			return values.map((value) => ({ resource, operation, name, value }));
		}),
	);

	test.each(rows)('$resource.$operation {$name} = $value: nothing is sent', async ({ resource, operation, name, value }) => {
		const start = platform.cases.find(
			(entry) => entry.parameters.resource === resource && entry.parameters.operation === operation,
		)!;
		const param = platform.params[name];
		expect(param).toBeDefined();
		const requests = interceptHttp(platform.baseUrl, () => ({ status: 500, body: { message: 'must not be reached' } }));

		const result = await platform.run(withValue(start.parameters, name, value));

		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe(`${param.label} ${JSON.stringify(value)} is not valid`);
		expect(result.error?.description).toContain(`${param.label} must be ${param.expected}`);
	});
});
