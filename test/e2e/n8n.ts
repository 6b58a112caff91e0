/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-dangerous-functions -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process, the mock platforms' fake tokens, starting n8n and redis; n8n's rules for node code do not apply to it */
/**
 * A real n8n for the end-to-end tests: one user folder per n8n version, this package
 * installed into it as n8n installs a community package, and the n8n CLI and server run
 * through scripts/n8n/n8n.sh (Node 24, SQLite, loopback only).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const N8N_SH = path.join(ROOT, 'scripts/n8n/n8n.sh');

/** The owner account the tests create in each n8n. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'Creator-commerce-1',
};

export const versions = JSON.parse(
	readFileSync(path.join(ROOT, 'test/e2e/n8n-versions.json'), 'utf8'),
) as { n8n: string[]; default: string };

/** The versions to run: N8N_E2E_VERSIONS="1.123.81" narrows the list. */
export function e2eVersions(): string[] {
	const only = process.env.N8N_E2E_VERSIONS?.split(',').map((v) => v.trim()).filter(Boolean);
	return only?.length ? only : versions.n8n;
}

let tarball: string | undefined;

/** `npm pack` of the built package (run `npm run build` first), made once per test run. */
export function packedPackage(): string {
	if (tarball) return tarball;
	const destination = mkdtempSync(path.join(tmpdir(), 'creator-commerce-tgz-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	) as Array<{ filename: string }>;
	tarball = path.join(destination, packed.filename);
	return tarball;
}

export interface CliResult {
	code: number;
	/** From start to exit, in milliseconds. */
	wallMs: number;
	stdout: string;
	stderr: string;
}

/** How `cli` runs n8n: under another command, and who is told its process id. */
export interface CliHow {
	under?: string[];
	started?: (pid: number) => void;
}

export class N8n {
	readonly userFolder: string;

	readonly port: number;

	private server?: ChildProcess;

	/** `extraEnv`: settings every command and the server get on top (e.g. n8n's DB_* settings). */
	constructor(
		readonly version: string,
		port: number,
		private readonly extraEnv: Record<string, string> = {},
	) {
		this.userFolder = mkdtempSync(path.join(tmpdir(), `n8n-${version}-`));
		this.port = port;
	}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	private env(): NodeJS.ProcessEnv {
		const env = { ...process.env };
		// jest sets these; n8n reads NODE_ENV=test as "inside n8n's own tests" and goes quiet.
		delete env.NODE_ENV;
		delete env.JEST_WORKER_ID;
		// npm's own settings for this package (npx, npm run) are not n8n's business.
		for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
		return {
			...env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			WEBHOOK_URL: `${this.url}/`,
			...this.extraEnv,
		};
	}

	/**
	 * Installs the packed package (or another tarball: the benchmark packs its own build) the
	 * way n8n installs a community package: into <user folder>/.n8n/nodes/node_modules,
	 * recorded in that folder's package.json.
	 */
	installPackage(tarballFile = packedPackage()): void {
		const nodesDir = path.join(this.userFolder, '.n8n/nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
		);
		execFileSync(
			'npm',
			['install', tarballFile, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] },
		);
	}

	/**
	 * Runs an n8n CLI command and waits for it. Output goes to files, not pipes: n8n
	 * writes its result with one large write, and a pipe can lose the end of it when the
	 * process exits right after. `under` runs n8n under another command (the benchmark's
	 * /usr/bin/time); `started` is told the process id (the benchmark samples its memory).
	 */
	async cli(args: string[], timeoutMs = 180_000, how: CliHow = {}): Promise<CliResult> {
		const base = path.join(this.userFolder, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}`);
		const out = openSync(`${base}.out`, 'w');
		const err = openSync(`${base}.err`, 'w');
		const [command, ...commandArgs] = [...(how.under ?? []), N8N_SH, this.version, ...args];
		const began = Date.now();
		const code = await new Promise<number>((resolve, reject) => {
			const child = spawn(command, commandArgs, {
				env: this.env(),
				stdio: ['ignore', out, err],
			});
			if (child.pid !== undefined) how.started?.(child.pid);
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} took over ${timeoutMs} ms`));
			}, timeoutMs);
			child.on('close', (exitCode, signal) => {
				clearTimeout(timer);
				resolve(exitCode ?? (signal === 'SIGSEGV' ? 139 : -1));
			});
		});
		closeSync(out);
		closeSync(err);
		const result = {
			code,
			wallMs: Date.now() - began,
			stdout: readFileSync(`${base}.out`, 'utf8'),
			stderr: readFileSync(`${base}.err`, 'utf8'),
		};
		rmSync(`${base}.out`, { force: true });
		rmSync(`${base}.err`, { force: true });
		return result;
	}

	/** Writes `data` to a file in the user folder and runs `n8n <command> --input=<file>`. */
	async import(command: 'import:credentials' | 'import:workflow', data: unknown): Promise<void> {
		const file = path.join(this.userFolder, `${command.replace(':', '-')}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(data));
		const result = await this.cli([command, `--input=${file}`]);
		if (result.code !== 0) {
			throw new Error(`${command} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
	}

	/**
	 * `n8n execute --id <id> --rawOutput`; returns the run data n8n prints. n8n under
	 * Node 24 sometimes crashes on its way out (SIGSEGV, exit 139) after printing a
	 * complete result; the run is judged by that printed result.
	 */
	async execute(
		workflowId: string,
		timeoutMs?: number,
		how?: CliHow,
	): Promise<{ result: CliResult; run?: RunOutput }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, how);
		// The run is printed as indented JSON from a line "{" to a line "}"; on failure the
		// error message and stack follow it.
		const lines = result.stdout.split('\n');
		const first = lines.indexOf('{');
		const last = lines.indexOf('}', first);
		let run: RunOutput | undefined;
		if (first >= 0 && last > first) {
			try {
				run = JSON.parse(lines.slice(first, last + 1).join('\n')) as RunOutput;
			} catch {
				run = undefined;
			}
		}
		if (!run) {
			throw new Error(`n8n execute printed no run data (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
		return { result, run };
	}

	/** Activates a workflow before `start` (n8n 1.x: update:workflow; 2.x: publish:workflow). */
	async activate(workflowId: string): Promise<void> {
		const major = Number(this.version.split('.')[0]);
		const args =
			major >= 2
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(`activating ${workflowId} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
	}

	/** The executions n8n has stored for a workflow, newest first (as the owner). */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const body = await this.get<{ data: { results: Array<{ id: string; status: string; mode: string }> } }>(
			`/rest/executions?filter=${filter}`,
		);
		return body.data.results;
	}

	/**
	 * Starts `n8n start` and resolves once its REST API answers (/healthz answers earlier,
	 * before the routes are mounted); its log goes to `logFile`.
	 */
	async start(timeoutMs = 180_000): Promise<void> {
		const log = openSync(this.logFile, 'w');
		const child = spawn(N8N_SH, [this.version, 'start'], {
			// debug: n8n says which packages it loaded, with their node and credential counts
			env: { ...this.env(), N8N_LOG_LEVEL: 'debug' },
			stdio: ['ignore', log, log],
		});
		closeSync(log);
		this.server = child;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) {
				throw new Error(`n8n start exited with ${child.exitCode}:\n${this.serverLog}`);
			}
			try {
				// While migrating, n8n answers every path with 200 "n8n is starting up";
				// the settings endpoint answers JSON only once the REST API is mounted.
				const response = await fetch(`${this.url}/rest/settings`);
				const body = response.ok ? await response.text() : '';
				if (body.startsWith('{"data"')) return;
			} catch {
				// not up yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not come up in ${timeoutMs} ms:\n${this.serverLog}`);
	}

	get logFile(): string {
		return path.join(this.userFolder, 'n8n-start.log');
	}

	/** What `n8n start` has logged so far. */
	get serverLog(): string {
		try {
			return readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	private cookie = '';

	/** Sets up the owner account (first time) and logs in; later calls reuse the session. */
	async login(): Promise<string> {
		if (this.cookie) return this.cookie;
		await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password }),
		});
		if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
		this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		return this.cookie;
	}

	/** Logs in again on the next call (after a restart of the server). */
	forgetSession(): void {
		this.cookie = '';
	}

	/** GET a path of the running n8n as the logged-in owner. */
	async get<T>(pathname: string): Promise<T> {
		const response = await fetch(`${this.url}${pathname}`, { headers: { cookie: await this.login() } });
		if (!response.ok) throw new Error(`GET ${pathname}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}

	/** POST (or PATCH) JSON to a path of the running n8n as the logged-in owner. */
	async post<T>(pathname: string, body: unknown, method = 'POST'): Promise<T> {
		const response = await fetch(`${this.url}${pathname}`, {
			method,
			headers: { cookie: await this.login(), 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}

	/**
	 * The editor's "Test" of a saved credential: POST /rest/credentials/test with its id
	 * and data (n8n answers 403 for a credential it does not have).
	 */
	async testCredential(credential: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ status: string; message: string }> {
		const body = await this.post<{ data: { status: string; message: string } }>('/rest/credentials/test', {
			credentials: credential,
		});
		return body.data;
	}

	/**
	 * Loads a dropdown (loadOptionsMethod) or a page of a searchable list (searchListMethod)
	 * the way the editor does: POST /rest/dynamic-node-parameters/options or
	 * /resource-locator-results (same endpoints and body in n8n 1.x and 2.x).
	 */
	async loadDropdown(request: {
		kind: 'loadOptions' | 'listSearch';
		nodeType: string;
		nodeVersion: number;
		method: string;
		parameter: string;
		parameters: Record<string, unknown>;
		credentials: Record<string, { id: string; name: string }>;
		filter?: string;
	}): Promise<Array<{ name: string; value: unknown }>> {
		const common = {
			nodeTypeAndVersion: { name: request.nodeType, version: request.nodeVersion },
			path: request.parameter,
			methodName: request.method,
			currentNodeParameters: request.parameters,
			credentials: request.credentials,
		};
		if (request.kind === 'loadOptions') {
			const body = await this.post<{ data: Array<{ name: string; value: unknown }> }>(
				'/rest/dynamic-node-parameters/options',
				common,
			);
			return body.data;
		}
		const body = await this.post<{ data: { results: Array<{ name: string; value: unknown }> } }>(
			'/rest/dynamic-node-parameters/resource-locator-results',
			{ ...common, ...(request.filter ? { filter: request.filter } : {}) },
		);
		return body.data.results;
	}

	/**
	 * Activates (2.x: publishes) a workflow on the running n8n as the editor does, so its
	 * triggers and webhooks start listening: 1.x PATCH /rest/workflows/<id> { active },
	 * 2.x POST /rest/workflows/<id>/activate; both with the workflow's current versionId.
	 */
	async activateRunning(workflowId: string): Promise<void> {
		const { data } = await this.get<{ data: { versionId: string } }>(`/rest/workflows/${workflowId}`);
		if (Number(this.version.split('.')[0]) >= 2) {
			await this.post(`/rest/workflows/${workflowId}/activate`, { versionId: data.versionId });
		} else {
			await this.post(`/rest/workflows/${workflowId}`, { active: true, versionId: data.versionId }, 'PATCH');
		}
	}

	async stop(): Promise<void> {
		const child = this.server;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			child.on('close', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill('SIGTERM');
		});
	}
}

/** What `n8n execute --rawOutput` prints: the run's data. */
export interface RunOutput {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			error?: { message: string };
			runData: Record<
				string,
				Array<{ error?: { message: string }; data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

/** The items a node put out in the first run, from `n8n execute`'s output. */
export function itemsOf(run: RunOutput | undefined, node: string): Array<Record<string, unknown>> {
	const nodeRun = run?.data.resultData.runData[node]?.[0];
	return (nodeRun?.data?.main[0] ?? []).map((item) => item.json);
}

/** An example workflow with its credentials pointed at `credentialId` and an id of its own. */
export function exampleWorkflow(file: string, id: string, credentialId: string): Record<string, unknown> {
	const workflow = JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8')) as {
		nodes: Array<{ credentials?: Record<string, { id: string; name: string }> }>;
	};
	for (const node of workflow.nodes) {
		for (const credential of Object.values(node.credentials ?? {})) credential.id = credentialId;
	}
	return { ...workflow, id, active: false };
}
