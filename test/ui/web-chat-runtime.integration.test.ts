// End to end over the real runtime (sample DuckDB data, real guard, real audit log) in Chromium: engineer asks and is denied; auditor reads and verifies.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../ui/start-server.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
let test: TestRuntime;
let server: RunningServer;
let browser: Browser;
const requests: string[] = [];

/** A browser context whose requests carry the identity header of the trusted reverse proxy (otq sees 127.0.0.1 as that proxy). */
async function openAs(user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    extraHTTPHeaders: { 'x-forwarded-user': user },
  });
  const page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(server.url);
  await page.waitForSelector(`#who:has-text("${user === 'engineer' ? 'Engineer (local default)' : user}")`);
  return { context, page };
}

beforeAll(async () => {
  test = await createTestRuntime({
    server: { host: '127.0.0.1', port: 0, auth: { proxy: { header: 'x-forwarded-user', trustedAddresses: ['127.0.0.1', '::1'] } } },
  });
  server = await startServer(test.runtime, { host: '127.0.0.1', port: 0, clock: () => new Date('2026-08-27T06:00:00Z') });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await test?.runtime.close();
  if (test) await rm(test.dir, { recursive: true, force: true });
});

describe('the web chat over the real runtime', () => {
  it('answers a sample question with a table, a chart and a CSV of the same rows; denies shift_log', async () => {
    const { context, page } = await openAs('engineer');
    await page.fill('#question', 'hourly average BPS02 flow yesterday');
    await page.press('#question', 'Enter');
    const card = page.locator('.card.answer').first();
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.answer-text').textContent()).toContain('m3/h');
    expect(await card.locator('.window').textContent()).toContain('yesterday (2026-08-26 00:00');
    expect(await card.locator('.result-table tbody tr').count()).toBe(24);
    expect(await card.locator('.chart canvas').count()).toBeGreaterThan(0);
    expect(await card.locator('.u-legend').textContent()).toContain('(m3/h)');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-chat-runtime-answer.png'), fullPage: true });

    const firstCells = await card.locator('.result-table tbody tr:first-child td').allTextContents();
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button.csv').click()]);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('bucket,avg_value,good_samples,all_samples,coverage');
    expect(lines).toHaveLength(25);
    // The table shows plant time with the offset; the CSV the same instant as ISO 8601 with the same offset.
    expect(firstCells[0]).toBe('2026-08-26 00:00 +02:00');
    expect(lines[1]!.split(',')[0]).toBe('2026-08-26T00:00:00+02:00');

    await page.check('input[name="mode"][value="sql"]');
    await page.fill('#question', 'SELECT * FROM shift_log');
    await page.press('#question', 'Enter');
    const denied = page.locator('.card.denied').first();
    await denied.waitFor();
    expect(await denied.locator('.answer-text').textContent()).toMatch(
      /^Not allowed: shift_log holds personal data.*engineer may not read it\.$/,
    );
    await context.close();
  });

  it('shows the auditor the engineer’s data access and an intact chain', async () => {
    const { context, page } = await openAs('auditor');
    await page.click('.tab[data-view="audit"]');
    await page.selectOption('#audit-kind', 'data_access');
    await page.fill('#audit-user', 'engineer');
    await page.click('#audit-form button[type="submit"]');
    await page.waitForSelector('#audit-records tbody tr');
    const rows = await page.locator('#audit-records tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.includes('data_access') && r.includes('engineer'))).toBe(true);
    await page.click('#audit-verify');
    await page.waitForSelector('#audit-status.ok');
    expect(await page.locator('#audit-status').textContent()).toMatch(/^Intact: records \d+/);
    await context.close();
  });

  it('kept every request on the otq server', () => {
    const origin = new URL(server.url).origin;
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`))).toEqual([]);
    expect(requests.length).toBeGreaterThan(20);
  });
});
