/**
 * Which runner sends each Kajabi operation, as its routing names it: a Delete names a runner
 * that puts out `{ deleted: true }`, a contact operation whose Contact field has By Email
 * names a runner that looks the contact up (nodes/Kajabi/contactByEmail.ts), and every other
 * operation is sent by the node's default runner. Nothing works this out from the URL.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { isOperationRunner } from '../../nodes/shared/runner';
import { CONTACT_DELETE_RUNNER, CONTACT_RUNNER } from '../../nodes/Kajabi/contactByEmail';
import { KAJABI_DELETE_RUNNER, KAJABI_RUNNER } from '../../nodes/Kajabi/transport';

const description = new Kajabi().description;

/** Every operation of the node as "resource:operation", with the runner its routing names. */
const operations = description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		((property.options ?? []) as INodePropertyOptions[]).map((option) => ({
			name: `${String(property.displayOptions?.show?.resource?.[0])}:${String(option.value)}`,
			operations: option.routing?.operations,
			runner: option.routing?.operations?.pagination,
		})),
	);

/** The contact operations whose Contact field offers By Email. */
const byEmail = description.properties
	.filter(
		(property) =>
			property.name === 'contactId' &&
			property.displayOptions?.show?.resource?.[0] === 'contact' &&
			property.modes?.some((mode) => mode.name === 'email'),
	)
	.flatMap((property) => (property.displayOptions?.show?.operation ?? []).map((operation) => `contact:${String(operation)}`));

const named = (runners: unknown[]) =>
	operations
		.filter((operation) => runners.includes(operation.runner))
		.map((operation) => operation.name)
		.sort();

test('the node sends with its default runner unless an operation names its own', () => {
	expect(description.requestOperations).toEqual({ pagination: KAJABI_RUNNER });
	const own = operations.filter((operation) => operation.runner !== undefined).map((operation) => operation.name);
	expect(own.sort()).toEqual([...named([CONTACT_RUNNER, CONTACT_DELETE_RUNNER, KAJABI_DELETE_RUNNER])]);
	for (const runner of [KAJABI_RUNNER, KAJABI_DELETE_RUNNER, CONTACT_RUNNER, CONTACT_DELETE_RUNNER]) {
		expect(isOperationRunner(runner)).toBe(true);
	}
	for (const operation of operations.filter(({ runner }) => runner !== undefined)) {
		expect(operation.operations).toEqual({ pagination: operation.runner });
	}
});

test('every Delete, and only a Delete, names a runner that puts out { deleted: true }', () => {
	const deletes = operations.filter((operation) => operation.name.endsWith(':delete')).map((operation) => operation.name);
	expect(deletes.sort()).toEqual(['contact:delete', 'contactNote:delete', 'hook:delete']);
	expect(named([CONTACT_DELETE_RUNNER, KAJABI_DELETE_RUNNER])).toEqual(deletes);
});

test('every contact operation with By Email, and only those, names a runner that looks the contact up', () => {
	expect(byEmail.length).toBeGreaterThan(0);
	expect(named([CONTACT_RUNNER, CONTACT_DELETE_RUNNER])).toEqual([...byEmail].sort());
});
