/**
 * Which runner each Boomerangme operation names in its routing. An operation with its own
 * handling (a balance action, a Delete, Simplify, Company's Other Fields) names its runner,
 * so no runner works out from the URL, the resource or the operation what it runs; every
 * other operation is sent by the node's default runner.
 */
import type { INodeProperties, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { BALANCE_ACTIONS } from '../../nodes/Boomerangme/cards';
import { boomerangmeRunner, deleteRunner, otherFieldsRunner } from '../../nodes/Boomerangme/transport';
import { isOperationRunner } from '../../nodes/shared/runner';

const description = new Boomerangme().description;

/** Every operation of the node as "resource.operation", with its routing. */
const operations = new Map<string, INodePropertyRouting | undefined>(
	description.properties
		.filter((property: INodeProperties) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map(
				(option) => [`${String(property.displayOptions?.show?.resource?.[0])}.${String(option.value)}`, option.routing] as const,
			),
		),
);

const runnerOf = (operation: string) => operations.get(operation)?.operations?.pagination;

test('the default runner is the only entry of requestOperations, made by the shared operationRunner', () => {
	expect(description.requestOperations).toEqual({ pagination: boomerangmeRunner });
	expect(isOperationRunner(boomerangmeRunner)).toBe(true);
});

test('every operation is handed to a runner, and the runners it names are made by operationRunner', () => {
	expect(operations.size).toBeGreaterThan(30);
	for (const [operation, routing] of operations) {
		expect([operation, routing?.send?.paginate]).toEqual([operation, true]);
		if (routing?.operations) {
			expect([operation, Object.keys(routing.operations)]).toEqual([operation, ['pagination']]);
			expect([operation, isOperationRunner(routing.operations.pagination)]).toEqual([operation, true]);
		}
	}
});

test('each balance operation names a runner of its own', () => {
	const runners = BALANCE_ACTIONS.map((balance) => runnerOf(`card.${balance.operation}`));
	expect(runners.every((runner) => isOperationRunner(runner))).toBe(true);
	expect(new Set(runners).size).toBe(BALANCE_ACTIONS.length);
});

test('Deletes put out { deleted: true } by their runner; Company Create and Update merge Other Fields by theirs', () => {
	expect(runnerOf('card.delete')).toBe(deleteRunner);
	expect(runnerOf('customer.delete')).toBe(deleteRunner);
	expect(runnerOf('company.create')).toBe(otherFieldsRunner);
	expect(runnerOf('company.update')).toBe(otherFieldsRunner);
});

test('Get and Get Many of cards and customers name a Simplify runner, one per resource', () => {
	expect(runnerOf('card.get')).toBe(runnerOf('card.getAll'));
	expect(runnerOf('customer.get')).toBe(runnerOf('customer.getAll'));
	expect(runnerOf('card.get')).not.toBe(runnerOf('customer.get'));
	for (const operation of ['card.get', 'customer.get']) expect(isOperationRunner(runnerOf(operation))).toBe(true);
});

test('every other operation is sent by the default runner', () => {
	const own = [
		...BALANCE_ACTIONS.map((balance) => `card.${balance.operation}`),
		'card.delete',
		'customer.delete',
		'company.create',
		'company.update',
		'card.get',
		'card.getAll',
		'customer.get',
		'customer.getAll',
	];
	const plain = [...operations.keys()].filter((operation) => !own.includes(operation));
	expect(plain.map((operation) => [operation, runnerOf(operation)])).toEqual(plain.map((operation) => [operation, undefined]));
});
