/**
 * What Simplify keeps of KWIGA's records. The node's Simplify switches are made from these
 * views (`simplifyFields`), and each operation with a switch names a runner that keeps its
 * view's fields (`kwigaRunner({ simplify: KWIGA_SIMPLE.<resource>.keys })` in its routing).
 */
import type { SimpleViews } from '../shared/output';

/** Per resource: the operations with a Simplify switch (Get and Get Many), and the fields kept. */
export const KWIGA_SIMPLE: SimpleViews = {
	contact: { operations: ['get', 'getAll'], keys: ['id', 'email', 'first_name', 'last_name', 'phone', 'phone_number', 'created_at', 'tags'] },
	coupon: { operations: ['get', 'getAll'], keys: ['id', 'code', 'reward', 'is_fixed', 'total_uses', 'total_uses_per_user'] },
	course: { operations: ['getAll'], keys: ['id', 'title', 'status'] },
	offer: { operations: ['get', 'getAll'], keys: ['id', 'title', 'unique_offer_code', 'products'] },
	product: { operations: ['getAll'], keys: ['id', 'title', 'productable_id', 'productable_type'] },
};
