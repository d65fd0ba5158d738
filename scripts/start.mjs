#!/usr/bin/env node
// `npm start` / `npm run dev`: prepares the embedded database, then runs the API, the site and
// the desk together, prints their addresses once they answer, and stops them all on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const dev = process.argv.includes('--dev');
const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, INIT_CWD: process.env.INIT_CWD ?? root };
// glibc gives each thread that allocates its own memory arena; the image pipeline's threads then
// keep freed picture memory apart, and the API's memory grows with every upload. Two arenas
// hold it near what is in use (as sharp's documentation advises on Linux).
env.MALLOC_ARENA_MAX ??= '2';
const apiPort = env.API_PORT ?? '3001';
const webPort = env.WEB_PORT ?? '4321';
const deskPort = env.DESK_PORT ?? '4322';
const deskHost = env.DESK_HOST ?? '127.0.0.1';
const apiHost = env.API_HOST ?? '127.0.0.1';
const webHost = env.WEB_HOST ?? '127.0.0.1';
env.API_URL ??= `http://${apiHost === '0.0.0.0' ? '127.0.0.1' : apiHost}:${apiPort}`;
// The site and the desk call the API from this machine and name each reader's or person's
// address in X-Forwarded-For, so the API's per-address comment limit and sign-in throttle count
// people, not the site or the desk. Only
// loopback peers are believed: nobody else can name an address.
env.API_TRUST_PROXY ??= '127.0.0.1,::1';

const seeded = spawnSync(process.execPath, ['apps/cli/dist/main.js', 'seed', '--if-empty'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

// In watch mode the API's JSON log lines are shown readably (pino-pretty); `npm start` keeps
// them as JSON lines, one per event, for whatever collects them.
const pretty = dev
  ? (await import('pino-pretty')).prettyFactory({
      colorize: process.stdout.isTTY,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    })
  : null;
/** A line as shown: a JSON log line made readable in watch mode, anything else as it came. */
function shown(line) {
  if (!pretty || !line.startsWith('{')) return `${line}\n`;
  const text = pretty(line);
  return text.endsWith('\n') ? text : `${text}\n`;
}

const children = [];
function run(name, command, args, cwd = root) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${shown(line)}`);
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${prefix}stopped (${signal ?? `exit code ${code}`}); stopping the others.`);
    stop(code || 1);
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const npx = 'npx';
if (dev) {
  run('build', npx, [
    'turbo',
    'run',
    'dev',
    '--filter=./packages/*',
    '--filter=@newsroom/api',
    '--output-logs=new-only',
  ]);
  run('api', process.execPath, ['--watch', 'apps/api/dist/main.js']);
  run('web', npx, ['astro', 'dev', '--port', webPort, '--host', webHost], `${root}apps/web`);
  run('desk', npx, ['astro', 'dev', '--port', deskPort, '--host', deskHost], `${root}apps/desk`);
} else {
  // The same flag as in docs/deploy.md: see there why.
  run('api', process.execPath, ['--max-semi-space-size=8', 'apps/api/dist/main.js']);
  run('web', process.execPath, ['apps/web/server.mjs']);
  run('desk', process.execPath, ['apps/desk/server.mjs']);
}

async function answers(url) {
  for (let i = 0; i < 240 && !stopping; i++) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return true;
    } catch {}
    await sleep(250);
  }
  return false;
}

const apiUrl = env.API_URL;
const webUrl = `http://${['0.0.0.0', '127.0.0.1'].includes(webHost) ? 'localhost' : webHost}:${webPort}`;
const deskLocal = `http://${['0.0.0.0', '127.0.0.1'].includes(deskHost) ? 'localhost' : deskHost}:${deskPort}`;
if (
  (await answers(`${apiUrl}/readyz`)) &&
  (await answers(webUrl)) &&
  (await answers(`${deskLocal}/healthz`))
) {
  // The desk's address is DESK_URL when set: passkeys only work at the address the API knows.
  console.log(
    `\n  Newsroom is running${dev ? ' (watch mode)' : ''}:\n    Site: ${webUrl}\n    Desk: ${env.DESK_URL ?? deskLocal}\n    API:  ${apiUrl}\n  Ctrl-C stops them all.\n`,
  );
}
