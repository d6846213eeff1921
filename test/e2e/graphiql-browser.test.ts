// GraphiQL in a real browser: `npm start` as its own process, Debian's Chromium headless, and the
// catalog example run from the execute button. Also proves the page works offline: every request
// it makes stays on loopback (GraphiQL comes from the package's bundle, not a CDN).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLocal, launchChromium, recordRequests, type Chromium } from '../helpers/browser.js';
import { runEntry, type Proc } from '../helpers/process.js';

// Chromium's first start and GraphiQL's 9 MB bundle take a while on two cores; each test gets
// more than its waits so that a wait's own message, not a bare timeout, says what went wrong.
const UI_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 45_000;

/** The text an editor shows. Monaco renders spaces as no-break spaces; compare plain text. */
async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
}

interface Session {
  page: Page;
  url: string;
  requests: Request[];
}

describe('GraphiQL in Chromium', () => {
  let proc: Proc | undefined;
  let browser: Chromium | undefined;
  let session: Session | undefined;
  let setupError: unknown;
  let dir = '';
  let failed = false;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graphiql-browser-'));
    // A failed beforeAll makes vitest report the tests as skipped, which CI's "N failed" count
    // would not show; keep the error and let every test fail with it (e.g. Chromium missing).
    try {
      proc = runEntry('src/server.ts', { PORT: '0' });
      const url = String((await proc.waitForLog('url')).url);
      browser = await launchChromium();
      const requests = recordRequests(browser.context);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(url, { waitUntil: 'load' });
      session = { page, url, requests };
    } catch (error) {
      setupError = error;
    }
  }, 60_000);

  function opened(): Session {
    if (!session) throw setupError instanceof Error ? setupError : new Error(`setup failed: ${String(setupError)}`);
    return session;
  }

  // Keeps the screenshots (and takes one of the failure) when a test fails, for whoever reads the log.
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      failed = true;
      if (!session) return;
      await session.page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined);
      console.error(`GraphiQL browser test failed; screenshots in ${dir}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exit;
    }
    if (!failed || !session) await rm(dir, { recursive: true, force: true });
  });

  it('opens with the example operations and the headers editor', async () => {
    const { page } = opened();
    await expect.poll(() => textOf(page, '.graphiql-query-editor'), { timeout: UI_TIMEOUT_MS }).toContain('query BrowseCatalog');
    // The headers editor shows the default headers the gateway configures.
    const headers = 'section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden)';
    await page.locator(headers).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await textOf(page, headers)).toContain('"X-Locale": "en-US"');
  }, TEST_TIMEOUT_MS);

  it('runs BrowseCatalog, picked from the execute button menu, and shows the products', async () => {
    const { page, url, requests } = opened();
    // Several operations in the document: the execute button opens a menu of their names.
    await page.locator('.graphiql-execute-button').click({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('menuitem', { name: 'BrowseCatalog', exact: true }).click({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => textOf(page, '.graphiql-response'), { timeout: UI_TIMEOUT_MS }).toContain('Microsoft 365 Business Basic');
    const text = await textOf(page, '.graphiql-response');
    expect(text).toContain('"catalogItemId"');
    expect(text).not.toContain('"errors"');
    // It was the catalog operation that went to the gateway, not another example.
    const sent = requests.filter((r) => r.method() === 'POST' && r.url() === url).map((r) => (r.postDataJSON() as { operationName?: string } | null)?.operationName);
    expect(sent).toContain('BrowseCatalog');
  }, TEST_TIMEOUT_MS);

  it('takes a screenshot', async () => {
    const { page } = opened();
    const file = join(dir, 'graphiql.png');
    await page.screenshot({ path: file });
    expect((await stat(file)).size).toBeGreaterThan(0);
  }, TEST_TIMEOUT_MS);

  it('made no request beyond loopback', () => {
    const { requests } = opened();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.map((r) => r.url()).filter((u) => !isLocal(u))).toEqual([]);
  });
});
