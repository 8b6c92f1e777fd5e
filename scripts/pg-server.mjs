#!/usr/bin/env node
// @ts-check
// A throwaway local PostgreSQL server for the tests: a fresh cluster in a temporary directory, listening on 127.0.0.1
// only (plus a Unix socket inside its own data directory), trust authentication, role `newsdesk`, database
// `newsdesk_test`. THIS IS A TEST SERVER: it runs with fsync=off, so its data would not survive a machine crash (it does
// survive the server being killed, which is what the crash tests do: the kernel still holds the written WAL). Never
// point it at data you care about.
//
// As a module:
//   const pg = await startPostgres();          // { url, port, dir, bin, restart(), stop() }
//   await pg.restart();                        // pg_ctl stop -m immediate (a crash), then start -w: crash recovery
//   await pg.stop();                           // pg_ctl stop -m fast, then removes the directory
// As a command:
//   node scripts/pg-server.mjs start [dir]     // prints the URL; the server keeps running until `stop`
//   node scripts/pg-server.mjs restart <dir>
//   node scripts/pg-server.mjs stop <dir>
//
// The binaries come from $PG_BIN, else the newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`. PostgreSQL
// refuses to run as root, so as root the server commands run as the `postgres` system user ($PG_RUN_AS to change it)
// through runuser, and the directory is handed to that user.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PG_USER = 'newsdesk';
export const PG_DATABASE = 'newsdesk_test';
const STATE = 'server.json';
const SCRIPT = fileURLToPath(import.meta.url);

/** @typedef {{ url: string, port: number, dir: string, dataDir: string, bin: string }} ServerState */
/** @typedef {ServerState & { restart(): Promise<void>, stop(): Promise<void> }} PgServer */

/** @param {string} bin */
function hasServerBinaries(bin) {
  return ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(path.join(bin, name)));
}

/**
 * The directory holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed.
 * @returns {string | undefined}
 */
export function findPgBin() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!hasServerBinaries(fromEnv)) throw new Error(`PG_BIN=${fromEnv} does not hold initdb, pg_ctl and postgres`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && hasServerBinaries(path.join(root, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(root, versions[0], 'bin');
  }
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (bin && hasServerBinaries(bin)) return bin;
  } catch {
    // no pg_config on the PATH
  }
  return undefined;
}

function requirePgBin() {
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: looked at $PG_BIN, /usr/lib/postgresql/*/bin ' +
        'and `pg_config --bindir`. Install them (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN.',
    );
  }
  return bin;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The system user the server runs as when we are root: uid and gid. */
function serverUser() {
  const name = process.env.PG_RUN_AS || 'postgres';
  try {
    const id = (/** @type {string} */ flag) =>
      Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      `running as root, and PostgreSQL refuses to run as root; the system user '${name}' that should run it does not ` +
        `exist (create it, e.g. useradd --system ${name}, set PG_RUN_AS to another user, or run as a normal user)`,
    );
  }
}

/**
 * Runs a server command (initdb, pg_ctl), as the postgres user when we are root. Rejects with its output on failure.
 * @param {string} bin @param {string} tool @param {string[]} args @param {string} cwd
 * @returns {Promise<string>}
 */
function runServerTool(bin, tool, args, cwd) {
  const file = path.join(bin, tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', serverUser().name, '--', file, ...args]] : [file, args];
  return run(cmd, argv, cwd);
}

/** @param {string} cmd @param {string[]} args @param {string} cwd @returns {Promise<string>} */
function run(cmd, args, cwd) {
  const tool = path.basename(cmd === 'runuser' ? (args[args.indexOf('--') + 1] ?? cmd) : cmd);
  return new Promise((resolve, reject) => {
    // LC_ALL=C keeps the tools' own messages in English; the cluster's locale is set by initdb's flags.
    const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    execFile(cmd, args, { cwd, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${tool} failed (${err.code ?? err.signal}): ${cmd} ${args.join(' ')}\n${stdout}${stderr}`.trim()));
      else resolve(stdout + stderr);
    });
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The cluster's character classification: C.UTF-8 when the system has it (pg_trgm and full-text search then treat
 * accented letters as letters), else C. Collation stays C: byte order, the same on every machine. */
function ctypeLocale() {
  try {
    const all = execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (/^c\.utf-?8$/im.test(all)) return 'C.UTF-8';
  } catch {
    // no `locale` tool
  }
  return 'C';
}

/** @param {string} dir */
async function readState(dir) {
  const file = path.join(dir, STATE);
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${dir} holds no test PostgreSQL server (no ${STATE}); start one with: node scripts/pg-server.mjs start`);
  }
  return /** @type {ServerState} */ (JSON.parse(text));
}

/** @param {string} file @param {number} lines */
async function tail(file, lines = 30) {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** @param {ServerState} s @param {number} timeoutSeconds */
async function pgStart(s, timeoutSeconds = 60) {
  const log = path.join(s.dir, 'postgres.log');
  try {
    await runServerTool(s.bin, 'pg_ctl', ['-D', s.dataDir, '-l', log, '-w', '-t', String(timeoutSeconds), 'start'], s.dir);
  } catch (err) {
    throw new Error(`${/** @type {Error} */ (err).message}\n--- ${log} ---\n${await tail(log)}`);
  }
}

/**
 * Starts a fresh server. `dir` (created if absent, must be empty) holds everything and is removed by stop(); by
 * default a new directory under the system temporary directory. `port` defaults to a free one.
 * `watchParent` (default true) starts a small detached watchdog that stops the server and removes the directory if
 * this process dies without calling stop(), so an interrupted test run leaves no postgres behind.
 * @param {{ dir?: string, port?: number, watchParent?: boolean }} [options]
 * @returns {Promise<PgServer>}
 */
export async function startPostgres({ dir, port, watchParent = true } = {}) {
  const bin = requirePgBin();
  const user = isRoot() ? serverUser() : undefined;
  const root = dir ? path.resolve(dir) : await makeTempRoot(user);
  if (dir) {
    await mkdir(root, { recursive: true });
    if ((await readdir(root)).length > 0) throw new Error(`${root} is not empty; give startPostgres an empty or new directory`);
    if (user) await chown(root, user.uid, user.gid);
  }
  const dataDir = path.join(root, 'data');
  try {
    if (user) await assertServerUserCanWrite(root, user.name);
    await runServerTool(
      bin,
      'initdb',
      ['-D', dataDir, '-A', 'trust', '-U', PG_USER, '-E', 'UTF8', '--locale=C', `--lc-ctype=${ctypeLocale()}`, '--no-sync'],
      root,
    );
    /** @type {ServerState | undefined} */
    let state;
    for (let attempt = 0; ; attempt++) {
      const p = port ?? /** @type {number} */ (await freePort());
      state = { url: `postgres://${PG_USER}@127.0.0.1:${p}/${PG_DATABASE}`, port: p, dir: root, dataDir, bin };
      await writeConfig(state);
      try {
        await pgStart(state);
        break;
      } catch (err) {
        // Another process may have taken the free port between our check and the server's bind: try another one.
        if (port !== undefined || attempt >= 2 || !/already in use|could not bind|could not create any TCP/i.test(String(err))) throw err;
      }
    }
    await writeFile(path.join(root, STATE), JSON.stringify(state, null, 2) + '\n');
    await run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(state.port), '-U', PG_USER, PG_DATABASE], root);
    if (watchParent) startWatchdog(root, process.pid);
    const s = state;
    return { ...s, restart: () => restartPostgres(root), stop: () => stopPostgres(root) };
  } catch (err) {
    await stopQuietly(bin, dataDir, root);
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/** @param {{ name: string, uid: number, gid: number } | undefined} user */
async function makeTempRoot(user) {
  const bases = [...new Set([os.tmpdir(), '/tmp'])];
  for (const base of bases) {
    const root = await mkdtemp(path.join(base, 'newsdesk-pg-'));
    if (!user) return root;
    await chown(root, user.uid, user.gid);
    // As root, $TMPDIR may sit somewhere the postgres user cannot reach (e.g. under /root): fall back to /tmp.
    try {
      await assertServerUserCanWrite(root, user.name);
      return root;
    } catch (err) {
      await rm(root, { recursive: true, force: true });
      if (base === bases[bases.length - 1]) throw err;
    }
  }
  throw new Error('unreachable');
}

/** @param {string} dir @param {string} name */
async function assertServerUserCanWrite(dir, name) {
  try {
    await run('runuser', ['-u', name, '--', 'test', '-w', dir, '-a', '-x', dir], '/');
  } catch {
    throw new Error(`the '${name}' user that runs PostgreSQL cannot write to ${dir} (or reach it); use a directory it can reach, e.g. under /tmp`);
  }
}

/**
 * Appends the test settings to postgresql.conf (the last value of a setting wins), replacing an earlier block.
 * @param {ServerState} s
 */
async function writeConfig(s) {
  const file = path.join(s.dataDir, 'postgresql.conf');
  const marker = '# --- newsdesk throwaway TEST server (scripts/pg-server.mjs) ---';
  const base = (await readFile(file, 'utf8')).split(marker)[0];
  const settings = [
    marker,
    "listen_addresses = '127.0.0.1'",
    `port = ${s.port}`,
    `unix_socket_directories = '${s.dataDir.replace(/'/g, "''")}'`,
    // Test server only: skip fsync. Killing the server (restart -m immediate) loses nothing; a machine crash could.
    'fsync = off',
    'max_connections = 200',
    "log_min_messages = 'warning'",
    '',
  ].join('\n');
  await writeFile(file, base.trimEnd() + '\n\n' + settings);
}

/**
 * Restarts the server in `dir` the hard way, as a crash would: pg_ctl stop -m immediate (no shutdown checkpoint;
 * open connections are cut), then start -w, which runs crash recovery before accepting connections again.
 * @param {string} dir
 */
export async function restartPostgres(dir) {
  const s = await readState(path.resolve(dir));
  await runServerTool(s.bin, 'pg_ctl', ['-D', s.dataDir, '-m', 'immediate', '-w', 'stop'], s.dir);
  await pgStart(s);
}

/**
 * Stops the server in `dir` (pg_ctl stop -m fast) and removes the directory.
 * @param {string} dir
 */
export async function stopPostgres(dir) {
  const root = path.resolve(dir);
  const s = await readState(root);
  try {
    await runServerTool(s.bin, 'pg_ctl', ['-D', s.dataDir, '-m', 'fast', '-w', 'stop'], root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** @param {string} bin @param {string} dataDir @param {string} cwd */
async function stopQuietly(bin, dataDir, cwd) {
  if (!existsSync(path.join(dataDir, 'postmaster.pid'))) return;
  try {
    await runServerTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], cwd);
  } catch {
    // already gone
  }
}

/** @param {string} dir @param {number} pid */
function startWatchdog(dir, pid) {
  const child = spawn(process.execPath, [SCRIPT, 'watch', dir, String(pid)], { detached: true, stdio: 'ignore' });
  child.unref();
}

/** Waits for `pid` to exit, then stops the server in `dir` if it is still there. @param {string} dir @param {number} pid */
async function watch(dir, pid) {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
    }
  };
  while (alive() && existsSync(path.join(dir, STATE))) await new Promise((r) => setTimeout(r, 1000));
  if (!existsSync(path.join(dir, STATE))) return; // stopped normally
  const s = await readState(dir);
  await stopQuietly(s.bin, s.dataDir, s.dir);
  await rm(dir, { recursive: true, force: true });
}

async function main() {
  const [cmd, dir, pid] = process.argv.slice(2);
  const usage = 'usage: node scripts/pg-server.mjs start [dir] | restart <dir> | stop <dir>';
  if (cmd === 'start') {
    const s = await startPostgres({ dir, watchParent: false });
    process.stderr.write(`test PostgreSQL on 127.0.0.1:${s.port}, directory ${s.dir}\nstop it with: node ${path.relative(process.cwd(), SCRIPT)} stop ${s.dir}\n`);
    process.stdout.write(s.url + '\n');
  } else if (cmd === 'restart' && dir) {
    await restartPostgres(dir);
  } else if (cmd === 'stop' && dir) {
    await stopPostgres(dir);
  } else if (cmd === 'watch' && dir && pid) {
    await watch(dir, Number(pid));
  } else {
    process.stderr.write(usage + '\n');
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  main().catch((err) => {
    process.stderr.write(`pg-server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
