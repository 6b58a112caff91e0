/**
 * `npm run bench -- --profile`: loaded into n8n with `node --require` (NODE_OPTIONS), never
 * part of the package. It times the package's shared request layer from outside, by
 * wrapping what its compiled modules export (they call each other through their exports
 * objects, so the wrappers see every call), and writes one JSON line per item to the file
 * in CREATOR_COMMERCE_PROFILE:
 *
 *   item     itemResult: the item's whole work, records made into n8n items
 *   work     the transport's work for the item (walkPages plus its own shaping, e.g. Simplify)
 *   walk     walkPages: every page, reading pages, dedupe
 *   request  platformRequest, summed over the item's pages (gate, send, checks)
 *   send     n8n's HTTP helper (httpRequest, or httpRequestWithAuthentication), summed
 *   gate     waiting at the rate gate, summed
 *   pages, records
 *
 * routing  n8n's declarative runner around it (one line per node run, `routing: true`): its
 *          whole time, the credential it fetches first, and building the item's request
 *
 * A node whose name ends in "(n8n auth)" gets every request sent through n8n's
 * httpRequestWithAuthentication (its PlatformSpec without authHeaders), as before the
 * package applied the credential's headers itself: the difference in `send` per page is
 * n8n's own per-request credential work.
 */
'use strict';

const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const file = process.env.CREATOR_COMMERCE_PROFILE;
const PACKAGE = /n8n-nodes-creator-commerce[\\/]dist[\\/]nodes[\\/]shared[\\/](request|pages|gate)\.js$/;
const tallies = new WeakMap();
const patched = new Set();
const timedHelpers = Symbol('timedHelpers');

function tally(ctx) {
	let entry = tallies.get(ctx);
	if (!entry) {
		entry = { request: 0, send: 0, gate: 0, walk: 0, work: 0, pages: 0 };
		tallies.set(ctx, entry);
	}
	return entry;
}

/** Which item context is asking the gate right now (the gate sees no context). */
let asking;

function timeHelpers(ctx) {
	const helpers = ctx.helpers;
	if (!helpers || helpers[timedHelpers]) return;
	for (const name of ['httpRequest', 'httpRequestWithAuthentication']) {
		const original = helpers[name];
		if (typeof original !== 'function') continue;
		helpers[name] = async function (...args) {
			const from = performance.now();
			try {
				return await original.apply(this, args);
			} finally {
				tally(ctx).send += performance.now() - from;
			}
		};
	}
	helpers[timedHelpers] = true;
}

function patch(which, exports) {
	if (patched.has(which)) return;
	patched.add(which);
	if (which === 'request') {
		const platformRequest = exports.platformRequest;
		exports.platformRequest = async function (ctx, spec, options, itemIndex) {
			timeHelpers(ctx);
			const entry = tally(ctx);
			entry.pages++;
			const viaN8n = /\(n8n auth\)$/.test(ctx.getNode().name);
			const from = performance.now();
			asking = entry;
			try {
				return await platformRequest(ctx, viaN8n ? { ...spec, authHeaders: undefined } : spec, options, itemIndex);
			} finally {
				entry.request += performance.now() - from;
			}
		};
		const itemResult = exports.itemResult;
		exports.itemResult = async function (ctx, work) {
			const entry = tally(ctx);
			const from = performance.now();
			const out = await itemResult(ctx, async () => {
				const started = performance.now();
				try {
					return await work();
				} finally {
					entry.work += performance.now() - started;
				}
			});
			const line = { node: ctx.getNode().name, item: performance.now() - from, ...entry, records: out.length };
			tallies.delete(ctx);
			if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
			return out;
		};
	}
	if (which === 'pages') {
		const walkPages = exports.walkPages;
		exports.walkPages = async function (ctx, ...rest) {
			const from = performance.now();
			try {
				return await walkPages(ctx, ...rest);
			} finally {
				tally(ctx).walk += performance.now() - from;
			}
		};
	}
	if (which === 'gate') {
		const acquire = exports.RateGate.prototype.acquire;
		exports.RateGate.prototype.acquire = async function (...args) {
			const entry = asking;
			const from = performance.now();
			try {
				return await acquire.apply(this, args);
			} finally {
				if (entry) entry.gate += performance.now() - from;
			}
		};
	}
}

/**
 * n8n's declarative runner (n8n-core's RoutingNode): one line per node run with its whole
 * time, the credential it fetches first, and the time until it hands the first item's
 * request to the node's runner (reading every parameter, building the request).
 */
function patchRoutingNode(exports) {
	if (patched.has('routing-node') || !exports.RoutingNode) return;
	patched.add('routing-node');
	const proto = exports.RoutingNode.prototype;
	const timing = Symbol('timing');
	const runNode = proto.runNode;
	proto.runNode = async function (...args) {
		const from = performance.now();
		const entry = { credentials: 0, firstRequestAt: undefined };
		this[timing] = entry;
		try {
			return await runNode.apply(this, args);
		} finally {
			const total = performance.now() - from;
			const line = {
				routing: true,
				node: this.context?.node?.name,
				runNode: total,
				credentials: entry.credentials,
				building: (entry.firstRequestAt ?? from + total) - from - entry.credentials,
			};
			if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
		}
	};
	const prepareCredentials = proto.prepareCredentials;
	if (typeof prepareCredentials === 'function') {
		proto.prepareCredentials = async function (...args) {
			const from = performance.now();
			try {
				return await prepareCredentials.apply(this, args);
			} finally {
				if (this[timing]) this[timing].credentials += performance.now() - from;
			}
		};
	}
	const makeRequest = proto.makeRequest;
	proto.makeRequest = function (...args) {
		if (this[timing] && this[timing].firstRequestAt === undefined) this[timing].firstRequestAt = performance.now();
		return makeRequest.apply(this, args);
	};
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
	const exports = load.call(this, request, parent, isMain);
	if (typeof request === 'string' && /(?:^|[\\/])routing-node(\.js)?$/.test(request)) patchRoutingNode(exports);
	if (typeof request === 'string' && /(?:^|[\\/])(request|pages|gate)(\.js)?$/.test(request)) {
		try {
			const filename = Module._resolveFilename(request, parent, isMain);
			const match = PACKAGE.exec(filename);
			if (match) patch(match[1], exports);
		} catch {
			// not ours
		}
	}
	return exports;
};
