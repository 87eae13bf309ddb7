/**
 * Starts three real Kollega servers for the browser tests (dev sign-in):
 * - "main", as `make demo` runs it;
 * - "slow", with one engine slot, no queue and a step delay, so that a stream lasts long enough to
 *   stop and a test can fill the only slot to see the busy path; it also forbids unmasking;
 * - "scripted", whose engine is a scripted OpenAI-compatible server (scripted-engine.ts), for Fråga's
 *   citations and Lättläst's revise round, which a random model cannot produce.
 * The repo root is found from this file's location, so the tests run from any working directory.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startScriptedEngine } from './scripted-engine';

const TASKPANE = resolve(import.meta.dirname, '..', '..');
const ROOT = resolve(TASKPANE, '..');
const KOLLEGA = join(ROOT, '.venv', 'bin', 'kollega');
const MODEL = join(ROOT, 'instance', 'models', 'tiny');
const DIST = join(TASKPANE, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

declare module 'vitest' {
  export interface ProvidedContext {
    mainUrl: string;
    slowUrl: string;
    scriptedUrl: string;
    artifacts: string;
  }
}

interface Server {
  name: string;
  process: ChildProcess;
  instance: string;
  url: string;
}

const servers: Server[] = [];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Pictures of this run only: a stale one from an earlier failure would mislead.
  rmSync(join(ARTIFACTS, 'screenshots'), { recursive: true, force: true });
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  if (!existsSync(KOLLEGA)) {
    throw new Error(`${KOLLEGA} is missing: install the backend first (make install).`);
  }
  ensureBuilt();
  if (!existsSync(join(MODEL, 'genai_config.json'))) {
    run(KOLLEGA, ['model', 'make-test', MODEL, '--size', 'tiny']);
  }

  const engine = await startScriptedEngine();
  let main: Server;
  let slow: Server;
  let scripted: Server;
  try {
    [main, slow, scripted] = await Promise.all([
      // The admin views (the organisation's templates) are tested with the demo's admin switch on.
      start('main', { KOLLEGA_DEV_ADMIN: 'true' }),
      start('slow', {
        KOLLEGA_ENGINE_PROCESSES: '1',
        KOLLEGA_ENGINE_SLOTS: '1',
        KOLLEGA_ENGINE_QUEUE_SIZE: '0',
        KOLLEGA_ENGINE_STEP_DELAY_MS: '30',
        KOLLEGA_MAX_OUTPUT_TOKENS: '400',
        // An organisation that does not let users unmask detected details (corrections.test.ts).
        KOLLEGA_REDACTION_ALLOW_UNMASK: 'false',
      }),
      start('scripted', { KOLLEGA_ENGINE_URL: engine.url, KOLLEGA_ENGINE_MODEL: 'scripted' }),
    ]);
  } catch (error) {
    // Vitest skips the teardown when setup throws: stop whatever did start.
    await Promise.all(servers.map(stop));
    await engine.close();
    throw error;
  }
  project.provide('mainUrl', main.url);
  project.provide('slowUrl', slow.url);
  project.provide('scriptedUrl', scripted.url);
  project.provide('artifacts', ARTIFACTS);

  return async () => {
    await Promise.all(servers.map(stop));
    await engine.close();
  };
}

/** Builds dist/ when it is missing or older than the sources (make builds it first; npm alone may not). */
function ensureBuilt(): void {
  const built = join(DIST, 'playground.html');
  const newest = newestMtime(join(TASKPANE, 'src'));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  run('npm', ['run', 'build'], TASKPANE);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[], cwd = ROOT): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
}

async function start(name: string, extra: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const instance = mkdtempSync(join(tmpdir(), `kollega-browser-${name}-`));
  const log = createWriteStream(join(ARTIFACTS, `server-${name}.log`));
  const child = spawn(KOLLEGA, ['demo', '--port', String(port)], {
    cwd: ROOT,
    // Its own process group, so teardown reaches gunicorn and the engine processes too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      KOLLEGA_MODEL_PATH: MODEL,
      KOLLEGA_INSTANCE_PATH: instance,
      KOLLEGA_TASKPANE_DIR: DIST,
      // One dev user runs every flow here, faster than any person would: lift the per-user quotas.
      KOLLEGA_RATE_LIMIT_GENERATE: '1000/minute',
      KOLLEGA_RATE_LIMIT_API: '5000/minute',
      ...extra,
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const server = { name, process: child, instance, url: `http://127.0.0.1:${port}` };
  servers.push(server);
  await waitReady(server);
  // The first worker answering /readyz does not mean every worker booted: give the rest a moment,
  // so a server that dies at start fails here, with its log named, not later as "connection refused".
  await new Promise((r) => setTimeout(r, 3000));
  await waitReady(server);
  return server;
}

async function waitReady(server: Server): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) {
      throw new Error(`The ${server.name} server exited (${server.process.exitCode}); see test-artifacts/server-${server.name}.log`);
    }
    try {
      const response = await fetch(`${server.url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The ${server.name} server was not ready within 120 s; see test-artifacts/server-${server.name}.log`);
}

async function stop(server: Server): Promise<void> {
  const pid = server.process.pid;
  if (pid !== undefined && server.process.exitCode === null) {
    const exited = new Promise((r) => server.process.once('exit', r));
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(server.instance, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
