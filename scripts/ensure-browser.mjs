// Makes sure the e2e tests have a Chromium before Playwright starts, so `npm test` passes on a fresh machine.
// Order: a browser already there (Debian's /usr/bin/chromium, which playwright.config.ts prefers, or
// Playwright's own); Playwright's own download; Debian's `chromium` package when root on Debian; else one
// clear line saying what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function found() {
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : playwrightChromium();
}

function run(command, args) {
  console.log(`ensure-browser: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCommand(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const present = found();
if (present) process.exit(0);

console.log('ensure-browser: no Chromium found for the e2e tests; installing one');
if (run('npx', ['--no-install', 'playwright', 'install', 'chromium']) && found()) process.exit(0);

if (existsSync('/etc/debian_version') && hasCommand('apt-get')) {
  const sudo = isRoot() ? [] : hasCommand('sudo') ? ['sudo', '-n'] : null;
  if (sudo) {
    const apt = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args]) : run('apt-get', args));
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']) && found()) process.exit(0);
  }
}

console.error(
  'ensure-browser: could not install a browser for the e2e tests. Run `npx playwright install chromium` ' +
    '(or, on Debian/Ubuntu as root, `apt-get install chromium`), then `npm test` again.',
);
process.exit(1);
