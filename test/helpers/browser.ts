// Debian's Chromium, driven through playwright-core, for end-to-end tests of pages the gateway
// serves. playwright-core never downloads a browser (this machine's network would refuse it), so
// the tests use the system's /usr/bin/chromium, which the test run's globalSetup (test/helpers/system-packages.ts) installs when it is missing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Request } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// Without the background-networking, component-update and sync switches Chromium tries to reach
// Google's hosts at start; on a closed network those fail, and on an open one a test would leak
// traffic. --no-sandbox because CI runs as root, where Chromium's sandbox refuses to start.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a new empty profile. Throws (rather than letting a test skip) when
 * Chromium is not installed, so that a machine without it can never report the browser tests green.
 */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the browser tests need Debian's Chromium (apt-get install chromium; npm test installs it when missing and run as root)`);
  }
  // A fresh profile per launch: GraphiQL keeps tabs in localStorage, and a reused profile would
  // open the last session's tabs instead of the examples. Playwright refuses --user-data-dir in
  // args, so the profile goes through launchPersistentContext.
  const profile = await mkdtemp(join(tmpdir(), 'gateway-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Whether a request stays on this machine: loopback HTTP(S)/WS, or an in-page data:/blob: URL. */
export function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** Records every request of every page (and its workers) in the context, from now on. */
export function recordRequests(context: BrowserContext): Request[] {
  const seen: Request[] = [];
  context.on('request', (r) => seen.push(r));
  return seen;
}
