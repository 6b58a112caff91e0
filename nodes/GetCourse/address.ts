/**
 * The one rule for a GetCourse school's address, written twice because n8n needs it twice:
 * as code for every request the node and the trigger send (the runners, dropdowns, polls),
 * and as an expression for the credential's test request. test/getcourse/errors.test.ts
 * checks that both give the same address.
 */

/**
 * The school's address from the Account field: a school name ("myschool") becomes
 * https://myschool.getcourse.ru, a host ("school.example.com", "myschool.getcourse.io")
 * gets https://, a full address is kept as it is (without trailing slashes).
 */
export const GETCOURSE_BASE_URL =
	'={{ String($credentials.account).trim().replace(/\\/+$/, "").replace(/^(?!https?:\\/\\/)([^./:]+)$/i, "https://$1.getcourse.ru").replace(/^(?!https?:\\/\\/)/i, "https://") }}';

/** The school's address from the credential's Account field (same rule as the credential's expression). */
export function baseUrlOf(account: unknown): string {
	const value = String(account ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (/^https?:\/\//i.test(value)) return value;
	if (/^[^./:]+$/.test(value)) return `https://${value}.getcourse.ru`;
	return `https://${value}`;
}
