/**
 * Boomerangme's card types and the balance operations of its reference: the catalogue the
 * Card resource builds its balance operations from (one operation, one Amount field and one
 * runner per BalanceAction).
 */

/** Boomerangme's card types, as its screens name them, for running text ("cashback cards"). */
export const CARD_TYPES = {
	stamp: 'stamp',
	cashback: 'cashback',
	multipass: 'multipass',
	coupon: 'coupon',
	discount: 'discount',
	gift: 'gift certificate',
	membership: 'membership',
	reward: 'reward',
} as const;

/** One balance operation of the Card resource, as the reference describes it. */
export interface BalanceAction {
	/** The node's operation value. */
	operation: string;
	/** The last path segment. */
	action: string;
	/** The operation's name in the dropdown. */
	name: string;
	/** The body property that carries the amount; none for Receive Reward and Redeem Coupon. */
	amountKey?: string;
	/** What the amount counts, for the field's label: "Stamps". */
	amountLabel?: string;
	/** Whether the amount must be a whole number. */
	whole?: boolean;
	/** Which cards the operation applies to, in the reference's words. */
	appliesTo: string;
	/** Whether the path is assumed rather than seen. */
	assumed?: boolean;
}

const { stamp, cashback, multipass, coupon, discount, gift, membership, reward } = CARD_TYPES;

/**
 * The balance operations of the reference. Each changes a card's balance: a request whose
 * answer was lost is never sent again (nodes/shared/request.ts), since Boomerangme may
 * already have applied it.
 */
export const BALANCE_ACTIONS: BalanceAction[] = [
	{ operation: 'addAmount', action: 'add-transaction-amount', name: 'Add Amount', amountKey: 'amount', amountLabel: 'Amount', appliesTo: `${cashback} cards` },
	{ operation: 'subtractAmount', action: 'subtract-transaction-amount', name: 'Subtract Amount', amountKey: 'amount', amountLabel: 'Amount', appliesTo: `${cashback} cards` },
	{ operation: 'addPoints', action: 'add-point', name: 'Add Points', amountKey: 'points', amountLabel: 'Points', appliesTo: `${discount}, ${cashback} and ${gift} cards` },
	{ operation: 'subtractPoints', action: 'subtract-point', name: 'Subtract Points', amountKey: 'points', amountLabel: 'Points', appliesTo: `${discount}, ${cashback} and ${gift} cards` },
	{ operation: 'addRewards', action: 'add-reward', name: 'Add Rewards', amountKey: 'rewards', amountLabel: 'Rewards', whole: true, appliesTo: `${stamp} cards` },
	{ operation: 'subtractRewards', action: 'subtract-reward', name: 'Subtract Rewards', amountKey: 'rewards', amountLabel: 'Rewards', whole: true, appliesTo: `${stamp} cards` },
	{ operation: 'addScores', action: 'add-scores', name: 'Add Scores', amountKey: 'scores', amountLabel: 'Scores', appliesTo: `${reward} cards with the "Points" mechanics and ${multipass} (subscription) cards` },
	{ operation: 'subtractScores', action: 'subtract-scores', name: 'Subtract Scores', amountKey: 'scores', amountLabel: 'Scores', appliesTo: `${reward} and ${multipass} (subscription) cards` },
	{ operation: 'addStamps', action: 'add-stamp', name: 'Add Stamps', amountKey: 'stamps', amountLabel: 'Stamps', whole: true, appliesTo: `${stamp} cards` },
	{ operation: 'subtractStamps', action: 'subtract-stamp', name: 'Subtract Stamps', amountKey: 'stamps', amountLabel: 'Stamps', whole: true, appliesTo: `${stamp} cards` },
	{ operation: 'addVisits', action: 'add-visit', name: 'Add Visits', amountKey: 'visits', amountLabel: 'Visits', whole: true, appliesTo: `${multipass} (subscription) cards, ${membership} cards without limits, and ${stamp} and ${reward} cards with the visit mechanics` },
	{ operation: 'subtractVisits', action: 'subtract-visit', name: 'Subtract Visits', amountKey: 'visits', amountLabel: 'Visits', whole: true, appliesTo: `${multipass} (subscription) cards and ${membership} cards with limits` },
	{ operation: 'addPurchase', action: 'add-purchase', name: 'Add Purchase', amountKey: 'amount', amountLabel: 'Purchase Amount', appliesTo: `${stamp} and ${reward} cards with the spend mechanics`, assumed: true },
	{ operation: 'receiveReward', action: 'receive-reward', name: 'Receive Reward', appliesTo: `${reward} cards` },
	{ operation: 'redeemCoupon', action: 'redeem-coupon', name: 'Redeem Coupon', appliesTo: `${coupon} cards` },
];
