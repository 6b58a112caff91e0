/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process, starting n8n and redis, plain errors outside any node; n8n's rules for node code do not apply to it */
/**
 * n8n in queue mode for the end-to-end suite (queue.e2e.test.ts): Debian's redis-server and
 * PostgreSQL (apt-get installs `redis-server` / `postgresql` when missing), each on a free
 * loopback port with its own data folder, or a PostgreSQL named by DB_POSTGRESDB_*; and n8n
 * processes that share one user folder (settings, the package in <folder>/.n8n/nodes), one
 * database and one Redis: `n8n start` as main, `n8n worker` and `n8n webhook`, each with its
 * own ports and log file.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { ROOT } from './n8n';

const N8N_CACHE = process.env.N8N_CACHE_DIR ?? path.join(process.env.HOME ?? '/root', '.cache/n8n-nodes-creator-commerce');
const n8nDir = (version: string) => path.join(N8N_CACHE, `n8n-${version}`);

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

function exists(file: string): boolean {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** Whether this run has already refreshed apt's package lists. */
let aptUpdated = false;

/**
 * Installs Debian packages with apt-get (`apt-get update` once per run, then `apt-get install`),
 * as root or through `sudo -n`; waits up to 5 minutes when another apt-get holds dpkg's lock.
 */
function aptInstall(packages: string[]): void {
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
	const lockOption = ['-o', 'DPkg::Lock::Timeout=300'];
	try {
		if (!aptUpdated) run(['apt-get', ...lockOption, 'update', '-qq']);
		aptUpdated = true;
		run(['apt-get', ...lockOption, 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
	} catch (error) {
		const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
		throw new Error(
			`${packages.join(', ')} missing and could not be installed with apt-get${root ? '' : ' (through sudo -n)'}: ${stderr || (error as Error).message}`,
		);
	}
}

/** The redis-server binary; installs Debian's package first when it is missing. */
export function ensureRedis(): { binary: string; installed: boolean } {
	const find = () => which('redis-server') ?? ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find(exists);
	const found = find();
	if (found) return { binary: found, installed: false };
	aptInstall(['redis-server']);
	return { binary: find() ?? '/usr/bin/redis-server', installed: true };
}

/**
 * The folder of PostgreSQL's server binaries (initdb, postgres) of the newest version
 * installed (/usr/lib/postgresql/<version>/bin); installs Debian's `postgresql` first when
 * there is none.
 */
export function ensurePostgres(): { binDir: string; installed: boolean } {
	const find = () => {
		let versions: string[] = [];
		try {
			versions = readdirSync('/usr/lib/postgresql');
		} catch {
			return undefined;
		}
		return versions
			.filter((version) => /^\d+$/.test(version))
			.sort((a, b) => Number(b) - Number(a))
			.map((version) => `/usr/lib/postgresql/${version}/bin`)
			.find((dir) => exists(path.join(dir, 'initdb')) && exists(path.join(dir, 'postgres')));
	};
	const found = find();
	if (found) return { binDir: found, installed: false };
	aptInstall(['postgresql']);
	const binDir = find();
	if (!binDir) throw new Error('apt-get installed postgresql, but no /usr/lib/postgresql/<version>/bin/initdb was found');
	return { binDir, installed: true };
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

async function stopChild(child: ChildProcess, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	await new Promise<void>((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.on('close', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill(signal);
	});
}

/** The parts of node-postgres (n8n's own copy, `pg`) the suite uses. */
interface PgClient {
	connect(): Promise<void>;
	query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
}
type PgClientClass = new (config: {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
	connectionTimeoutMillis: number;
}) => PgClient;

/** Where to reach a PostgreSQL server, and how to stop it when the suite started it. */
export interface Postgres {
	host: string;
	port: number;
	user: string;
	password: string;
	/** The database the suite connects to for CREATE/DROP DATABASE. */
	adminDatabase: string;
	/** e.g. "15.14" */
	version: string;
	/** Stops the server the suite started; nothing for one it was given. */
	stop(): Promise<void>;
}

/** node-postgres from the n8n install of `version` (n8n connects to PostgreSQL with it). */
export function pgClient(version: string): PgClientClass {
	const n8nPackage = path.join(n8nDir(version), 'node_modules', 'n8n');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(require.resolve('pg', { paths: [n8nPackage] })) as { Client: PgClientClass }).Client;
}

async function pgQuery(Client: PgClientClass, server: Postgres, database: string, sql: string) {
	const client = new Client({
		host: server.host,
		port: server.port,
		user: server.user,
		password: server.password,
		database,
		connectionTimeoutMillis: 5000,
	});
	await client.connect();
	try {
		return (await client.query(sql)).rows;
	} finally {
		await client.end();
	}
}

/** The uid/gid of the `postgres` user Debian's package creates (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * initdb into `dir`/data and `postgres` on a free loopback port (its socket in `dir`, trust
 * authentication for the `postgres` user), as the `postgres` user when running as root.
 * Resolves once it answers a query with node-postgres.
 */
export async function startPostgres(binDir: string, dir: string, Client: PgClientClass): Promise<Postgres> {
	const owner = postgresUser();
	const data = path.join(dir, 'data');
	mkdirSync(data, { recursive: true, mode: 0o700 });
	if (owner) {
		chownSync(dir, owner.uid, owner.gid);
		chownSync(data, owner.uid, owner.gid);
	}
	const as = { ...(owner ?? {}), cwd: dir, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
	try {
		execFileSync(
			path.join(binDir, 'initdb'),
			['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
			{ ...as, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 },
		);
	} catch (error) {
		throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message)}`);
	}
	const port = await freePort();
	const logFile = path.join(dir, 'postgres.log');
	const log = openSync(logFile, 'w');
	const child = spawn(
		path.join(binDir, 'postgres'),
		['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`],
		{ ...as, stdio: ['ignore', log, log] },
	);
	closeSync(log);
	const server: Postgres = {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password: '',
		adminDatabase: 'postgres',
		version: 'unknown',
		// SIGINT: PostgreSQL's fast shutdown (ends the open sessions).
		stop: async () => await stopChild(child, 10_000, 'SIGINT'),
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${readFileSync(logFile, 'utf8')}`);
		try {
			const [row] = await pgQuery(Client, server, 'postgres', 'SHOW server_version');
			server.version = String(row.server_version).split(' ')[0];
			return server;
		} catch {
			// not accepting connections yet
		}
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`postgres did not accept connections within 60 s: ${readFileSync(logFile, 'utf8')}`);
		}
		await sleep(200);
	}
}

/**
 * The PostgreSQL server named by n8n's own settings in the environment (DB_POSTGRESDB_HOST,
 * _PORT, _USER, _PASSWORD; _DATABASE is only where the suite connects to create its own
 * database), or undefined when DB_POSTGRESDB_HOST is not set.
 */
export async function existingPostgres(Client: PgClientClass): Promise<Postgres | undefined> {
	const env = process.env;
	if (!env.DB_POSTGRESDB_HOST) return undefined;
	const server: Postgres = {
		host: env.DB_POSTGRESDB_HOST,
		port: Number(env.DB_POSTGRESDB_PORT || 5432),
		user: env.DB_POSTGRESDB_USER || 'postgres',
		password: env.DB_POSTGRESDB_PASSWORD ?? '',
		adminDatabase: env.DB_POSTGRESDB_DATABASE || 'postgres',
		version: 'unknown',
		stop: async () => undefined,
	};
	const [row] = await pgQuery(Client, server, server.adminDatabase, 'SHOW server_version');
	server.version = String(row.server_version).split(' ')[0];
	return server;
}

/** Creates an empty database for one run; returns n8n's settings for it and how to drop it. */
export async function createDatabase(
	Client: PgClientClass,
	server: Postgres,
	name: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name ${name}: lower-case letters, digits and _ only`);
	await pgQuery(Client, server, server.adminDatabase, `CREATE DATABASE ${name}`);
	return {
		env: {
			N8N_SH_DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: server.host,
			DB_POSTGRESDB_PORT: String(server.port),
			DB_POSTGRESDB_USER: server.user,
			DB_POSTGRESDB_PASSWORD: server.password,
			DB_POSTGRESDB_DATABASE: name,
			DB_POSTGRESDB_SCHEMA: 'public',
			// For bursts of deliveries on a busy machine (see the README's Queue mode section): with
			// n8n's default pool of 2 connections a webhook process answered 157 of 200 deliveries
			// in 8 s with 500 "timeout exceeded when trying to connect" (a connection waited for
			// longer than the default 20 s); with n8n 2.x's default database ping timeout of 5 s,
			// a ping that waited longer marked the database as down and the webhook process
			// answered the deliveries of the next seconds with 503.
			DB_POSTGRESDB_POOL_SIZE: process.env.DB_POSTGRESDB_POOL_SIZE || '10',
			DB_POSTGRESDB_CONNECTION_TIMEOUT: process.env.DB_POSTGRESDB_CONNECTION_TIMEOUT || '60000',
			DB_PING_TIMEOUT_MS: process.env.DB_PING_TIMEOUT_MS || '30000',
		},
		drop: async () => {
			await pgQuery(Client, server, server.adminDatabase, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		},
	};
}

/** What every process of one queue-mode n8n shares. */
export interface QueueSettings {
	version: string;
	userFolder: string;
	redisPort: number;
	/** The address users' platforms call: the webhook process (WEBHOOK_URL). */
	webhookUrl: string;
	/** The database every process uses: n8n's DB_* settings (and N8N_SH_DB_TYPE). */
	database: Record<string, string>;
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
			...this.settings.database,
			N8N_PORT: String(this.port),
			// Each process its own ports: the task broker (main, workers) and a worker's health server.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			// debug: n8n says which packages it loaded, with their node and credential counts.
			N8N_LOG_LEVEL: 'debug',
			...this.extraEnv,
		};
	}

	/**
	 * Spawns the process and resolves once it is ready for its role. A restart (`append`)
	 * adds to the log of the earlier run instead of starting a new one.
	 */
	async start(timeoutMs = 240_000, append = false): Promise<void> {
		const began = Date.now();
		const args = this.role === 'main' ? ['start'] : this.role === 'worker' ? ['worker', '--concurrency=5'] : ['webhook'];
		const logged = append ? this.log.length : 0;
		const log = openSync(this.logFile, append ? 'a' : 'w');
		const child = spawn(N8N_SH, [this.settings.version, ...args], {
			env: await this.env(),
			stdio: ['ignore', log, log],
		});
		closeSync(log);
		this.child = child;
		const deadline = began + timeoutMs;
		while (!(await this.ready(logged))) {
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

	private async ready(logged: number): Promise<boolean> {
		if (this.role === 'worker') return this.log.slice(logged).includes('n8n worker is now ready');
		if (this.role === 'webhook') return this.log.slice(logged).includes('Webhook listener waiting for requests');
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
