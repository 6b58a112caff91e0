/**
 * Every path the Boomerangme node and trigger call. `{name}` is filled from the node
 * parameter of that name by the runner (checked against PATH_PARAMS in transport.ts,
 * encoded as one segment). Paths marked "assumed" are not confirmed by Boomerangme's
 * reference or by public integrations; they follow the same REST shape and are listed in
 * the README.
 */
export const PATHS = {
	cards: '/api/v2/cards',
	card: '/api/v2/cards/{cardNumber}',
	/** Balance actions: `/api/v2/cards/{cardNumber}/<action>`, see BALANCE_ACTIONS in cards.ts. */
	cardAction: (action: string) => `/api/v2/cards/{cardNumber}/${action}`,
	customers: '/api/v2/customers',
	customer: '/api/v2/customers/{customerId}',
	companies: '/api/v2/companies',
	company: '/api/v2/companies/{companyId}',
	companyTariff: '/api/v2/companies/{companyId}/change-tariff',
	operations: '/api/v2/operations',
	/** assumed */
	pushes: '/api/v2/pushes',
	/** assumed */
	push: '/api/v2/pushes/{pushId}',
	/** assumed */
	tariffs: '/api/v2/tariffs',
	/** assumed */
	tariff: '/api/v2/tariffs/{tariffId}',
	/** assumed */
	templates: '/api/v2/templates',
	/** assumed */
	template: '/api/v2/templates/{templateId}',
	webhooks: '/api/automation/webhooks',
	/** DELETE seen; GET (to check that a hook still exists) assumed */
	webhook: '/api/automation/webhooks/{webhookId}',
} as const;
