/**
 * Kajabi's Simplify: a JSON:API record (`id`, `type`, `attributes`, `relationships`, and the
 * `included` records of the answer) as one flat object, the way most workflows read it. The
 * node's operations with the Simplify switch and the trigger's deliveries both use it.
 */
import type { IDataObject } from 'n8n-workflow';

/** A relationship's name as one of its records: "offers" gives "offer", "status" stays. */
const singular = (name: string) => (/[^s]s$/.test(name) ? name.slice(0, -1) : name);

/** The included records of an answer, by "type:id". */
type Included = Map<string, IDataObject>;

/** A JSON:API record as one flat object: ID, attributes, related IDs, included records merged. */
export function simplifyRecord(record: IDataObject, included: Included = new Map()): IDataObject {
	if (!record || typeof record !== 'object' || !('attributes' in record || 'relationships' in record)) {
		return record;
	}
	const flat: IDataObject = { id: record.id, type: record.type, ...((record.attributes as IDataObject) ?? {}) };
	const relationships = (record.relationships ?? {}) as IDataObject;
	for (const [name, relationship] of Object.entries(relationships)) {
		const data = (relationship as IDataObject | null)?.data;
		const lookup = (identifier: IDataObject) =>
			included.get(`${String(identifier.type)}:${String(identifier.id)}`);
		if (Array.isArray(data)) {
			const identifiers = data as IDataObject[];
			flat[`${singular(name)}_ids`] = identifiers.map((identifier) => String(identifier.id));
			const found = identifiers.map(lookup).filter((item): item is IDataObject => item !== undefined);
			if (found.length) flat[name] = found.map((item) => simplifyRecord(item));
		} else if (data && typeof data === 'object') {
			flat[`${name}_id`] = String((data as IDataObject).id);
			const found = lookup(data as IDataObject);
			if (found) flat[name] = simplifyRecord(found);
		} else if (data === null) {
			flat[`${name}_id`] = null;
		}
	}
	return flat;
}

/** Puts out a list's records as Simplify says: flat, or as Kajabi sent them (with `included`). */
export function shapeRecords(
	records: IDataObject[],
	included: IDataObject[],
	simplify: boolean,
): IDataObject[] {
	if (!simplify) {
		return included.length ? records.map((record) => ({ ...record, included })) : records;
	}
	const index: Included = new Map(
		included.map((item) => [`${String(item.type)}:${String(item.id)}`, item]),
	);
	return records.map((record) => simplifyRecord(record, index));
}
