/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process, starting n8n and redis, plain errors outside any node; n8n's rules for node code do not apply to it */
/**
 * n8n in queue mode for the end-to-end suite (queue.e2e.test.ts): Debian's redis-server
 * (installed with apt-get when missing) on a free loopback port, and n8n processes that
 * share one user folder (SQLite, the package in <folder>/.n8n/nodes) and one Redis:
 * `n8n start` as main, `n8n worker` and `n8n webhook`, each with its own ports and log file.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { ROOT } from './n8n';

const N8N_SH = path.join(ROOT, 'scripts/n8n/n8n.sh');

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function which(command: string): string | undefined {
	try {
		return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

/**
 * The redis-server binary; installs Debian's package first when it is missing
 * (`apt-get update`, then `apt-get install redis-server`, as root or through `sudo -n`).
 */
export function ensureRedis(): { binary: string; installed: boolean } {
	const found = which('redis-server') ?? ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find((file) => {
		try {
			readFileSync(file);
			return true;
		} catch {
			return false;
		}
	});
	if (found) return { binary: found, installed: false };
	const root = process.getuid?.() === 0;
	const sudo = root ? [] : ['sudo', '-n'];
	const run = (args: string[]) => {
		const [command, ...rest] = [...sudo, ...args];
		execFileSync(command, rest, {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			stdio: ['ignore', 'ignore', 'pipe'],
			timeout: 600_000,
		});
	};
	try {
		run(['apt-get', 'update', '-qq']);
		run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'redis-server']);
	} catch (error) {
		const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
		throw new Error(
			`redis-server is missing and could not be installed with apt-get${root ? '' : ' (through sudo -n)'}: ${stderr || (error as Error).message}`,
		);
	}
	const binary = which('redis-server') ?? '/usr/bin/redis-server';
	return { binary, installed: true };
}

/** Sends one inline command to Redis and resolves with its first answer line. */
async function redisCommand(port: number, command: string): Promise<string> {
	return await new Promise((resolve, reject) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
	});
}

export interface Redis {
	port: number;
	version: string;
	stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port, without persistence, in `dir`. */
export async function startRedis(binary: string, dir: string): Promise<Redis> {
	const port = await freePort();
	const log = openSync(path.join(dir, 'redis.log'), 'w');
	const child = spawn(
		binary,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ stdio: ['ignore', log, log] },
	);
	closeSync(log);
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`redis-server exited with ${child.exitCode}: ${readFileSync(path.join(dir, 'redis.log'), 'utf8')}`);
		}
		try {
			if ((await redisCommand(port, 'PING')) === '+PONG') break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 20 s');
		await sleep(100);
	}
	// "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=..."
	const version = /v=(\S+)/.exec(execFileSync(binary, ['--version'], { encoding: 'utf8' }))?.[1];
	return {
		port,
		version: version ?? 'unknown',
		stop: async () => await stopChild(child, 5000),
	};
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	await new Promise<void>((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.on('close', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** What every process of one queue-mode n8n shares. */
export interface QueueSettings {
	version: string;
	userFolder: string;
	redisPort: number;
	/** The address users' platforms call: the webhook process (WEBHOOK_URL). */
	webhookUrl: string;
}

export type Role = 'main' | 'worker' | 'webhook';

/** One n8n process (`start`, `worker` or `webhook`) of a queue-mode n8n. */
export class QueueProcess {
	private child?: ChildProcess;

	/** How long it took from spawn to ready, in ms. */
	startupMs = 0;

	constructor(
		readonly name: string,
		readonly role: Role,
		private readonly settings: QueueSettings,
		readonly port: number,
		private readonly extraEnv: Record<string, string> = {},
	) {}

	get logFile(): string {
		return path.join(this.settings.userFolder, `queue-${this.name}.log`);
	}

	get log(): string {
		try {
			return readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	private async env(): Promise<NodeJS.ProcessEnv> {
		const env = { ...process.env };
		// jest's NODE_ENV=test makes n8n refuse to load nodes; npm's settings are not n8n's.
		delete env.NODE_ENV;
		delete env.JEST_WORKER_ID;
		for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
		return {
			...env,
			N8N_USER_FOLDER: this.settings.userFolder,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.settings.redisPort),
			WEBHOOK_URL: `${this.settings.webhookUrl}/`,
			N8N_PORT: String(this.port),
			// Each process its own ports: the task broker (main, workers) and a worker's health server.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			// debug: n8n says which packages it loaded, with their node and credential counts.
			N8N_LOG_LEVEL: 'debug',
			...this.extraEnv,
		};
	}

	/** Spawns the process and resolves once it is ready for its role. */
	async start(timeoutMs = 240_000): Promise<void> {
		const began = Date.now();
		const args = this.role === 'main' ? ['start'] : this.role === 'worker' ? ['worker', '--concurrency=5'] : ['webhook'];
		const log = openSync(this.logFile, 'w');
		const child = spawn(N8N_SH, [this.settings.version, ...args], {
			env: await this.env(),
			stdio: ['ignore', log, log],
		});
		closeSync(log);
		this.child = child;
		const deadline = began + timeoutMs;
		while (!(await this.ready())) {
			if (child.exitCode !== null) {
				throw new Error(`n8n ${args.join(' ')} (${this.name}) exited with ${child.exitCode}:\n${this.log.slice(-4000)}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`n8n ${args.join(' ')} (${this.name}) was not ready within ${timeoutMs} ms:\n${this.log.slice(-4000)}`);
			}
			await sleep(500);
		}
		this.startupMs = Date.now() - began;
	}

	private async ready(): Promise<boolean> {
		if (this.role === 'worker') return this.log.includes('n8n worker is now ready');
		if (this.role === 'webhook') return this.log.includes('Webhook listener waiting for requests');
		try {
			// While migrating, n8n answers every path with 200 "n8n is starting up";
			// the settings endpoint answers JSON only once the REST API is mounted.
			const response = await fetch(`${this.url}/rest/settings`);
			return response.ok && (await response.text()).startsWith('{"data"');
		} catch {
			return false;
		}
	}

	/** SIGTERM, then SIGKILL after `graceMs` (a worker waits for its running executions). */
	async stop(graceMs = 30_000): Promise<void> {
		if (this.child) await stopChild(this.child, graceMs);
	}
}
