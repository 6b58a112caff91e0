/**
 * The contract between a platform's tests and the end-to-end suite: every operation of a
 * node, as the parameters a user would set in the editor and the first request the
 * platform's mock must see. Each platform exports an `OperationCase[]` from
 * `test/<platform>/cases.ts` (one entry per operation, running OK against its mock's
 * default data) and lists it in `test/e2e/platforms.ts`.
 */
import type { INodeParameters } from 'n8n-workflow';

export interface OperationCase {
	/** Shown in the test name and the report, e.g. "Contact: Get Many". Unique per platform. */
	title: string;
	/** The node's parameters, `resource` and `operation` included. */
	parameters: INodeParameters;
	/** The request the mock must see with the credential's auth (path without the query). */
	request: { method: string; path: string };
}
