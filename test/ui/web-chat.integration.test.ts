// End to end in real Chromium: ask, see the table and chart, download the CSV, see a denial; no request leaves 127.0.0.1; no CSP violation.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../ui/start-server.ts';
import { createFakeRuntime, seriesRows } from './fake-runtime.ts';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
let server: RunningServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  const runtime = createFakeRuntime();
  server = await startServer(runtime, { host: '127.0.0.1', port: 0, auditReader: runtime.auditReader });
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
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
  await page.waitForSelector('#who:has-text("Eve Engineer")');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the web chat in Chromium', () => {
  it('answers a question with the sentence, window, SQL, a sortable paged table and a chart', async () => {
    await page.fill('#question', 'average flow of pump 1 at BPS03');
    await page.press('#question', 'Enter');
    const card = page.locator('.card.answer').first();
    await card.waitFor();
    expect(await card.locator('.answer-text').textContent()).toBe('Pump 1 flow averaged 100.2 m³/h at 4.3 bar.');
    expect(await card.locator('.window').textContent()).toContain('the first two hours of 1 March 2026');
    // A quality note is quiet (a note, not a warning pill): it does not change what the number means.
    expect(await card.locator('.flag').count()).toBe(0);
    expect(await card.locator('.note').allTextContents()).toEqual(['3 samples had bad quality and were left out']);
    expect(await card.locator('.sql-block code').textContent()).toContain('FROM samples');
    expect(await card.locator('.evidence').textContent()).toMatch(/^Evidence: audit #1, #2, #3$/);
    expect(await card.locator('.result-table tbody tr').count()).toBe(50);
    expect(await card.locator('.pager').textContent()).toContain('Page 1 of 3 (120 rows)');
    await card.locator('th button:has-text("flow_m3h")').click();
    expect(await card.locator('th[aria-sort="ascending"]').textContent()).toContain('flow_m3h');
    // Flow in m³/h is shown to 0.1 m³/h (the CSV keeps full precision); the time in plant time with its offset.
    expect(await card.locator('.result-table tbody tr:first-child td:nth-child(2)').textContent()).toBe(
      Math.min(...seriesRows(120).map((r) => r[1] as number)).toFixed(1),
    );
    expect(await card.locator('.result-table tbody tr:first-child td:nth-child(1)').textContent()).toMatch(
      /^2026-03-01 0[12]:\d\d \+01:00$/,
    );
    expect(await card.locator('.chart canvas').count()).toBeGreaterThan(0);
    expect(await card.locator('.u-legend').textContent()).toContain('Flow (m³/h)');
    expect(await card.locator('.u-legend').textContent()).toContain('Pressure (bar)');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-chat-answer.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 20, 23)');
    await page.screenshot({ path: join(artifacts, 'web-chat-answer-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('downloads the full result as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.card.answer button.csv').first().click()]);
    expect(download.suggestedFilename()).toMatch(/^otq-historian-.*\.csv$/);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('ts,flow_m3h,pressure_bar');
    expect(lines).toHaveLength(121);
    expect(lines[120]).toMatch(/^2026-03-01T02:59:00\+01:00,/);
  });

  it('recalls the last question with the Up key', async () => {
    await page.focus('#question');
    await page.press('#question', 'ArrowUp');
    expect(await page.inputValue('#question')).toBe('average flow of pump 1 at BPS03');
    await page.fill('#question', '');
  });

  it('shows a plain denial for a forbidden table typed into the SQL box', async () => {
    await page.check('input[name="mode"][value="sql"]');
    await page.fill('#question', 'SELECT * FROM shift_log');
    await page.press('#question', 'Enter');
    const denied = page.locator('.card.denied').first();
    await denied.waitFor();
    expect(await denied.locator('.answer-text').textContent()).toBe('Not allowed: the table shift_log is not available to role engineer.');
    expect(await denied.textContent()).toContain('Rule tables.shift_log');
  });

  it('lists the catalog with units', async () => {
    await page.click('.tab[data-view="catalog"]');
    // The asset tree splits a dotted path too: site BPS03, asset BPS03.P1, the tag named by its description.
    const site = page.locator('#catalog details.site').filter({ has: page.locator('summary strong', { hasText: /^BPS03$/ }) });
    // The only site is open from the start.
    expect(await site.getAttribute('open')).not.toBeNull();
    await site.locator('details.asset > summary', { hasText: 'BPS03.P1' }).first().click();
    const row = page.locator('#catalog .tag-row[data-tag="BPS03.P1.FLOW"]');
    expect(await row.locator('.tag-ask').textContent()).toBe('Pump 1 discharge flow');
    expect(await row.locator('.tag-path').textContent()).toBe('BPS03.P1.FLOW · m³/h');
    await page.click('.tab[data-view="chat"]');
  });

  it('shows an engineer no Audit tab (the guard would refuse the audit log)', async () => {
    expect(await page.locator('.tab[data-view="audit"]').isHidden()).toBe(true);
    expect(await page.locator('.tab:visible').allTextContents()).toEqual(['Chat', 'Catalog']);
  });

  it('made every request to its own server and broke no CSP rule', () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(8);
    expect(requests.some((url) => url.endsWith('/vendor/uplot.esm.js'))).toBe(true);
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  });
});
