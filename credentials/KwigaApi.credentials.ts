import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { KWIGA_BASE_URL } from '../nodes/Kwiga/address';

export class KwigaApi implements ICredentialType {
	name = 'kwigaApi';

	displayName = 'KWIGA API';

	icon: Icon = { light: 'file:../icons/kwiga.svg', dark: 'file:../icons/kwiga.dark.svg' };

	// docsUrl('kwiga', 'credentials'), written out for n8n's linter (test/shared/editor.test.ts compares them).
	documentationUrl = 'https://github.com/creator-commerce/n8n-nodes-creator-commerce/blob/main/docs/kwiga.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'In your KWIGA cabinet open the <b>settings</b> and tick <b>Enable API</b>: KWIGA then shows the <b>API token</b> and the <b>cabinet hash</b>. Copy both here.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The token from the API section of your KWIGA cabinet settings (enable the API there first)',
		},
		{
			displayName: 'Cabinet Hash',
			name: 'cabinetHash',
			type: 'string',
			required: true,
			default: '',
			description: 'The hash of the cabinet (account) to work in, shown next to the API token',
		},
		{
			displayName:
				'<b>Advanced</b>: the settings below work as they are. Change them only to get KWIGA\'s messages in another language, to share the token with other tools, or to go through a proxy or a test server.',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			default: 'en',
			description:
				"The language of KWIGA's answers: names from its directories (such as time zones) and its messages about wrong values",
			options: [
				{ name: 'Chinese (Simplified)', value: 'zh' },
				{ name: 'Czech', value: 'cs' },
				{ name: 'English', value: 'en' },
				{ name: 'French', value: 'fr' },
				{ name: 'Georgian', value: 'ka' },
				{ name: 'German', value: 'de' },
				{ name: 'Greek', value: 'el' },
				{ name: 'Hungarian', value: 'hu' },
				{ name: 'Italian', value: 'it' },
				{ name: 'Latvian', value: 'lv' },
				{ name: 'Polish', value: 'pl' },
				{ name: 'Portuguese', value: 'pt' },
				{ name: 'Romanian', value: 'ro' },
				{ name: 'Russian', value: 'ru' },
				{ name: 'Spanish', value: 'es' },
				{ name: 'Ukrainian', value: 'uk' },
			],
		},
		{
			displayName: 'Rate Limit (Requests)',
			name: 'rateLimitRequests',
			type: 'number',
			default: 200,
			typeOptions: { minValue: 1 },
			description:
				'How many requests this n8n sends with this token per window below. KWIGA allows 200 a minute per token; lower it when other tools or other n8n workers use the same token (each n8n process keeps its own count).',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			description: 'The window the rate limit above counts over',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kwiga.com',
			description:
				'Leave as it is unless you reach KWIGA through a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Token: '={{$credentials.token}}',
				'Cabinet-Hash': '={{$credentials.cabinetHash}}',
				'X-Language': '={{$credentials.language || "en"}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// The key is only ever sent to the address in the credential, never where a redirect points.
			disableFollowRedirect: true,
			baseURL: KWIGA_BASE_URL,
			url: '/products',
			qs: { per_page: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				// Any server can answer 200; only KWIGA's lists carry `meta` with their pages.
				type: 'responseSuccessBody',
				properties: {
					key: 'meta.current_page',
					value: undefined,
					message:
						'The Base URL answered, but not as KWIGA: its answer has no KWIGA page data. Check the Base URL (https://api.kwiga.com).',
				},
			},
		],
	};
}
