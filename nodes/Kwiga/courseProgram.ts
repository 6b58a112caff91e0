/**
 * The course program of Get Participants. KWIGA sends it once beside a page of participants,
 * "because it is the same for every user"; the operation's Course Program option says where
 * it goes in the items. The operation's runner (`courseParticipantsRunner` in transport.ts)
 * reads it from the answers and places it with these.
 */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * The course program of an answer: KWIGA's prose names it `course_program`, its response
 * example `course_structure`; either is read.
 */
export function courseProgramOf(body: IDataObject): unknown {
	if (body.course_program !== undefined && body.course_program !== null) return body.course_program;
	if (body.course_structure !== undefined && body.course_structure !== null) return body.course_structure;
	return undefined;
}

/** Said in the item when the course program was asked for and KWIGA did not send one. */
export const NO_COURSE_PROGRAM =
	"KWIGA's answer had no course program (neither course_program nor course_structure)";

/**
 * The participants with the course program where the Course Program option says (always as
 * `course_program`), saying so when it was asked for and is missing.
 */
export function placeCourseProgram(
	ctx: IExecuteSingleFunctions,
	records: IDataObject[],
	program: unknown,
): IDataObject[] {
	const where = ctx.getNodeParameter('participantOptions.courseProgram', 'omit') as string;
	if (where === 'omit') return records;
	const found: IDataObject =
		program === undefined
			? { course_program: null, course_program_note: NO_COURSE_PROGRAM }
			: { course_program: program as IDataObject[] };
	if (where === 'firstItem') return [found, ...records];
	return records.map((record) => ({ ...record, ...found }));
}
