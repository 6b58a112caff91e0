/**
 * How GetCourse writes the parts of its answers that say whether a request worked: flags
 * written as booleans, numbers or text, error codes at the top of the answer or under `info`,
 * and messages that may be empty. The spec's error rules (transport.ts) and the export engine
 * (exports.ts) read answers with these, so that both read them the same way.
 */
import type { IDataObject } from 'n8n-workflow';

/** Whether a flag of an answer says yes: true, "true", 1 or "1". */
export function isTrue(value: unknown): boolean {
	return value === true || value === 'true' || value === 1 || value === '1';
}

/** Whether a flag of an answer says no: false, "false", 0 or "0" (a missing flag is neither). */
export function isFalse(value: unknown): boolean {
	return value === false || value === 'false' || value === 0 || value === '0';
}

/** The error code of an answer (`error_code`, or `info.error_code`); undefined when there is none. */
export function errorCode(body: IDataObject): number | undefined {
	const code = Number(body.error_code ?? (body.info as IDataObject | undefined)?.error_code);
	return Number.isFinite(code) && code > 0 ? code : undefined;
}

/** A message of an answer, trimmed; undefined when it is not text or only blanks. */
export function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
