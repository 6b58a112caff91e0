/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules; n8n's rules for node code do not apply to it */
/**
 * Serves a mock platform's handler over real HTTP on loopback, for the end-to-end tests
 * where n8n itself sends the requests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { MockHandler, RecordedRequest } from '../harness';

export interface ServedMock {
	url: string;
	close: () => Promise<void>;
}

export async function serveMock(handler: MockHandler, port = 0): Promise<ServedMock> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const query: Record<string, string | string[]> = {};
				for (const [key, value] of url.searchParams) {
					const existing = query[key];
					query[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
				}
				const headers: Record<string, string> = {};
				for (const [key, value] of Object.entries(req.headers)) {
					headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
				}
				const raw = Buffer.concat(chunks).toString('utf8');
				let body: unknown = raw === '' ? undefined : raw;
				if (raw !== '' && (headers['content-type'] ?? '').includes('json')) {
					try {
						body = JSON.parse(raw);
					} catch {
						// keep the text
					}
				}
				const request: RecordedRequest = {
					method: req.method ?? 'GET',
					path: url.pathname,
					query,
					headers,
					body,
				};
				try {
					const response = await handler(request);
					if (response.drop) {
						req.socket.destroy();
						return;
					}
					res.writeHead(response.status, {
						'Content-Type': 'application/json',
						...(response.headers ?? {}),
					});
					res.end(response.body === undefined ? '' : JSON.stringify(response.body));
				} catch (error) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: (error as Error).message }));
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const { port: bound } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${bound}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
