// The web chat as an engineer uses it, in real Chromium over the real runtime, at desktop (1400x900) and phone (390x844)
// width: the newest answer in view, plant time in table cells, no Audit tab, clickable choices, the login message.
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../ui/start-server.ts';
import { createApiToken } from '../../ui/auth/api-token.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
/** A plant-time cell: date, minutes and the Europe/Berlin offset of that day. */
const PLANT_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d \+0[12]:00$/;
const token = createApiToken();
let test: TestRuntime;
let server: RunningServer;
let browser: Browser;

async function open(viewport: { width: number; height: number }, user: string | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    acceptDownloads: true,
    ...(user ? { extraHTTPHeaders: { 'x-forwarded-user': user } } : {}),
  });
  const page = await context.newPage();
  await page.goto(server.url);
  if (user) await page.waitForSelector('#who:has-text("·")');
  return { context, page };
}

/** Asks, waits for this turn's answer, and returns the turn. */
async function ask(page: Page, question: string) {
  const before = await page.locator('.turn').count();
  await page.fill('#question', question);
  await page.press('#question', 'Enter');
  const turn = page.locator('.turn').nth(before);
  await turn.locator('.card.answer, .card.denied, .card.failed').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !(document.getElementById('send') as HTMLButtonElement).disabled);
  return turn;
}

/** The answer sentence of the turn is on screen: below the sticky header, above the sticky input bar, and not covered. */
async function expectAnswerInView(page: Page, turnIndex: number): Promise<void> {
  const seen = await page.evaluate((index) => {
    const turn = document.querySelectorAll('.turn')[index]!;
    const text = turn.querySelector('.answer-text')!.getBoundingClientRect();
    const header = document.querySelector('.top')!.getBoundingClientRect();
    const bar = document.getElementById('ask-form')!.getBoundingClientRect();
    const hit = document.elementFromPoint(text.left + Math.min(20, text.width / 2), text.top + text.height / 2);
    return { top: text.top, bottom: text.bottom, headerBottom: header.bottom, barTop: bar.top, covered: !turn.contains(hit) };
  }, turnIndex);
  expect(seen.top).toBeGreaterThanOrEqual(seen.headerBottom);
  expect(seen.bottom).toBeLessThanOrEqual(seen.barTop);
  expect(seen.covered).toBe(false);
}

/** The reference data's "now"; the runtime's clock runs from it (the guard's look-back window of a role counts from it too). */
const NOW_MS = Date.parse('2026-10-30T08:00:00Z');
const startedAt = Date.now();

beforeAll(async () => {
  test = await createTestRuntime(
    {
      server: {
        host: '127.0.0.1',
        port: 0,
        auth: {
          tokens: [{ sha256: token.sha256, user: 'engineer' }],
          proxy: { header: 'x-forwarded-user', trustedAddresses: ['127.0.0.1', '::1'] },
        },
      },
    },
    { clock: () => new Date(NOW_MS + (Date.now() - startedAt)) },
  );
  server = await startServer(test.runtime, { host: '127.0.0.1', port: 0, clock: () => new Date(NOW_MS), rateLimit: false });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  await mkdir(artifacts, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await test?.runtime.close();
  if (test) await rm(test.dir, { recursive: true, force: true });
});

describe('the web chat for an engineer, desktop 1400x900', () => {
  it('keeps the newest answer in view, shows plant time and rounded numbers in the table, and no Audit tab', async () => {
    const { context, page } = await open(DESKTOP, 'engineer');
    expect(await page.locator('.tab[data-view="audit"]').isVisible()).toBe(false);
    expect(await page.locator('.tab:visible').allTextContents()).toEqual(['Chat', 'Catalog']);

    const questions = [
      'hourly average BPS02 flow yesterday',
      'max discharge pressure at booster station 3 yesterday',
      'what is the level in tank T1 right now?',
      'daily average BPS03 discharge pressure last week',
    ];
    for (const [i, question] of questions.entries()) {
      await ask(page, question);
      await expectAnswerInView(page, i);
    }
    await page.screenshot({ path: join(artifacts, 'chat-desktop-newest-answer.png') });

    // Human names first; the tag path on hover and in the details.
    const pressure = page.locator('.turn').nth(1);
    expect(await pressure.locator('.answer-text').textContent()).toMatch(/^BPS03 discharge header pressure, yesterday/);
    expect(await pressure.locator('.answer-text .tag-name').getAttribute('title')).toBe('BPS03/Header/DischargePressure');
    expect(await pressure.locator('.tag-list').textContent()).toContain('BPS03 discharge header pressure: BPS03/Header/DischargePressure');

    const hourly = page.locator('.turn').nth(0);
    const cells = await hourly.locator('.result-table tbody tr td:first-child').allTextContents();
    expect(cells).toHaveLength(24);
    expect(cells.every((c) => PLANT_TIME.test(c))).toBe(true);
    expect(cells[0]).toBe('2026-10-29 00:00 +01:00');
    // One decimal for m3/h, never the float's sixteen digits; the row cap is not a note when it was not hit.
    const averages = await hourly.locator('.result-table tbody tr td:nth-child(2)').allTextContents();
    expect(averages.every((v) => /^-?[\d,]+(\.\d)?$/.test(v) || v === '—')).toBe(true);
    expect(await page.locator('.card.answer').allTextContents()).not.toContainEqual(expect.stringContaining('limited to 10,000 rows'));
    await context.close();
  });

  it('offers choices for an ambiguous question, and a click asks the chosen one', async () => {
    const { context, page } = await open(DESKTOP, 'engineer');
    const turn = await ask(page, 'pressure at BPS03 yesterday');
    const choices = turn.locator('.choices button.choice');
    expect(await choices.count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(artifacts, 'chat-desktop-choices.png') });
    // Each choice leads with the tag's name; its path is below it.
    expect(await choices.first().locator('.tag-path').textContent()).toMatch(/^BPS03\/Header\//);
    const label = (await choices.first().textContent()) ?? '';
    expect(label).not.toMatch(/^BPS03\//);
    // A question back is not an answer: no "Right / Wrong" to rate; the answer to the chosen question has them.
    expect(await turn.locator('.feedback .rate').count()).toBe(0);
    await choices.first().click();
    const next = page.locator('.turn').nth(1);
    await next.locator('.card.answer').waitFor({ timeout: 60_000 });
    expect(await next.locator('.question').textContent()).toBe(await choices.first().getAttribute('title'));
    expect(label.length).toBeGreaterThan(0);
    await expectAnswerInView(page, 1);
    expect(await next.locator('.feedback .rate').count()).toBe(2);
    await context.close();
  });

  it("draws a ranking of pumps as bars with the pumps' names, a time series as a line chart", async () => {
    const { context, page } = await open(DESKTOP, 'engineer');
    const ranking = await ask(page, 'run hours of each pump at BPS03 last week');
    const bars = ranking.locator('.bars .bar-row');
    expect(await bars.count()).toBe(3);
    // Names first, the tag path on hover; the bar of the pump that ran longest is the widest.
    const label = bars.first().locator('.bar-label');
    expect(await label.getAttribute('title')).toMatch(/^BPS03\/P0\d\/Running$/);
    expect(await label.textContent()).not.toMatch(/^BPS03\//);
    const widths = await bars.locator('.bar').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().width));
    const values = (await bars.locator('.bar-value').allTextContents()).map(Number);
    expect(widths.indexOf(Math.max(...widths))).toBe(values.indexOf(Math.max(...values)));
    expect(await ranking.locator('.chart').count()).toBe(0);
    await ranking.screenshot({ path: join(artifacts, 'chat-desktop-ranking-bars.png') });
    const series = await ask(page, 'hourly average discharge pressure at BPS03 yesterday');
    expect(await series.locator('.chart canvas').count()).toBeGreaterThan(0);
    expect(await series.locator('.bars').count()).toBe(0);
    await context.close();
  });

  it('shows the catalog as an asset tree with latest values, and a click on a tag asks about it', async () => {
    const { context, page } = await open(DESKTOP, 'engineer');
    await page.click('.tab[data-view="catalog"]');
    const sites = page.locator('#catalog .asset-tree details.site');
    await sites.first().waitFor();
    expect(await sites.count()).toBeGreaterThanOrEqual(5);
    const bps03 = sites.filter({ has: page.locator('summary strong', { hasText: /^BPS03$/ }) });
    await bps03.locator('> summary').click();
    const header = bps03.locator('details.asset').filter({ hasText: 'BPS03/Header' });
    await header.locator('> summary').click();
    const row = header.locator('.tag-row').filter({ hasText: 'BPS03/Header/DischargePressure' });
    // Names first, the path beside it; the latest value with its unit and its plant time (filled in by a guarded query).
    expect(await row.locator('.tag-ask').textContent()).toBe('BPS03 discharge header pressure');
    await expect
      .poll(() => row.locator('.latest').textContent(), { timeout: 30_000 })
      .toMatch(/^\d+(\.\d+)? bar · \d{4}-\d\d-\d\d \d\d:\d\d \+0[12]:00$/);
    await page.screenshot({ path: join(artifacts, 'catalog-desktop-asset-tree.png') });
    await row.locator('.tag-ask').click();
    const turn = page.locator('.turn').last();
    await turn.locator('.card.answer').waitFor({ timeout: 60_000 });
    expect(await turn.locator('.question').textContent()).toBe('what is the latest BPS03/Header/DischargePressure?');
    expect(await turn.locator('.answer-text').textContent()).toMatch(/bar/);
    await context.close();
  });

  it('says why a token was refused in the sign-in dialog, and signs in with a good one', async () => {
    const { context, page } = await open(DESKTOP, null);
    await page.waitForSelector('#login[open]');
    expect(await page.locator('#login-error').isVisible()).toBe(false);
    await page.fill('#login-token', 'otq_not-a-real-token');
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector('#login-error:visible');
    expect(await page.locator('#login-error').textContent()).toMatch(/^That token was not accepted: unknown API token/);
    await page.screenshot({ path: join(artifacts, 'chat-login-refused.png') });
    await page.fill('#login-token', token.token);
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector('#who:has-text("engineer")');
    expect(await page.locator('#login').getAttribute('open')).toBeNull();
    await context.close();
  });
});

describe('the web chat for an engineer, phone 390x844', () => {
  it('keeps the newest answer in view, and a wide table scrolls sideways with a hint', async () => {
    const { context, page } = await open(PHONE, 'engineer');
    for (const [i, question] of [
      'max discharge pressure at booster station 3 yesterday',
      'hourly average BPS02 flow yesterday',
    ].entries()) {
      await ask(page, question);
      await expectAnswerInView(page, i);
    }
    const table = page.locator('.turn').nth(1).locator('.table-wrap');
    const overflow = await table.evaluate((node) => node.scrollWidth - node.clientWidth);
    expect(overflow).toBeGreaterThan(0);
    expect(await page.locator('.turn').nth(1).locator('.scroll-hint').isVisible()).toBe(true);
    // The page itself does not scroll sideways: only the table does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('.turn').nth(1).locator('.result-table tbody tr:first-child td:first-child').textContent()).toMatch(
      PLANT_TIME,
    );
    await page.screenshot({ path: join(artifacts, 'chat-phone-newest-answer.png') });
    await context.close();
  });
});

describe('feedback and verified answers, end to end', () => {
  it('a supervisor verifies an answer; an engineer asking the same in other words, for another day, sees who verified it', async () => {
    const supervisor = await open(DESKTOP, 'supervisor');
    expect(await supervisor.page.locator('.tab:visible').allTextContents()).toEqual(['Chat', 'Catalog', 'Verified']);
    const verifiedTurn = await ask(supervisor.page, 'max discharge pressure at booster station 3 yesterday');
    await verifiedTurn.locator('button.verify').click();
    await verifiedTurn.locator('.verified').waitFor();
    expect(await verifiedTurn.locator('.verified').textContent()).toBe('✓ Verified by you on 2026-10-30');

    const engineer = await open(PHONE, 'engineer');
    const turn = await ask(engineer.page, 'maximum discharge pressure BPS03 on 27 October');
    expect(await turn.locator('.verified').textContent()).toBe('✓ Verified by supervisor on 2026-10-30');
    expect(await turn.locator('.verified').getAttribute('title')).toContain('"max discharge pressure at booster station 3 yesterday"');
    expect(await turn.locator('button.verify').count()).toBe(0);
    await engineer.page.screenshot({ path: join(artifacts, 'chat-phone-verified-badge.png') });

    // Thumbs down with a reason: an audit record naming the question, the SQL and the rated answer's evidence.
    await turn.locator('button.rate.down').click();
    await turn.locator('.wrong-because input').fill('the 27th had a pressure transmitter fault');
    await turn.locator('.wrong-because button[type="submit"]').click();
    await turn.locator('.feedback-status:has-text("recorded as evidence")').waitFor();
    const seq = Number(/#(\d+)/.exec((await turn.locator('.feedback-status').textContent()) ?? '')?.[1]);
    await engineer.page.screenshot({ path: join(artifacts, 'chat-phone-feedback.png') });
    const feedback = (await readAuditRecords({ dir: test.auditDir })).filter((r) => r.kind === 'feedback');
    expect(feedback.map((r) => [r.principal, r.payload['action']])).toEqual([
      ['supervisor', 'verified'],
      ['engineer', 'rating'],
    ]);
    expect(feedback[1]!.seq).toBe(seq);
    expect(feedback[1]!.payload).toMatchObject({
      rating: 'down',
      reason: 'the 27th had a pressure transmitter fault',
      question: 'maximum discharge pressure BPS03 on 27 October',
    });
    // The window's start in the SQL, as a literal or as the guard's rewrite renders it (CAST('...' AS TIMESTAMP WITH TIME ZONE)).
    expect(feedback[1]!.payload['sql'] as string).toMatch(/'2026-10-26 23:00:00\+00'/);

    // The supervisor lists the verified answers and retires this one; it no longer vouches for new answers.
    await supervisor.page.click('.tab[data-view="verified"]');
    const item = supervisor.page.locator('.verified-item').first();
    await item.waitFor();
    expect(await item.locator('.answer-text').textContent()).toBe('max discharge pressure at booster station 3 yesterday');
    await item.locator('.retire input').fill('transmitter replaced on 28 October');
    await item.locator('.retire button').click();
    await supervisor.page.locator('.verified-item.retired').waitFor();
    expect(await supervisor.page.locator('.verified-item.retired .status').textContent()).toContain('transmitter replaced on 28 October');
    await supervisor.page.screenshot({ path: join(artifacts, 'chat-desktop-verified-list.png') });
    const again = await ask(engineer.page, 'maximum discharge pressure BPS03 on 27 October');
    expect(await again.locator('.verified').count()).toBe(0);
    await supervisor.context.close();
    await engineer.context.close();
  });
});

describe('sparklines: the catalog tree and one-value answers', () => {
  /** Points drawn by a sparkline: the path's move and line commands. */
  const pointsOf = (d: string | null) => (d ?? '').match(/[ML]/g)?.length ?? 0;

  it("draws each tag's last 24 h in the catalog tree, and a one-value answer as a big number with its sparkline", async () => {
    const { context, page } = await open(DESKTOP, 'engineer');
    await page.click('.tab[data-view="catalog"]');
    const bps03 = page.locator('#catalog .asset-tree details.site').filter({ has: page.locator('summary strong', { hasText: /^BPS03$/ }) });
    await bps03.locator('> summary').click();
    const header = bps03.locator('details.asset').filter({ hasText: 'BPS03/Header' });
    await header.locator('> summary').click();
    const row = header.locator('.tag-row').filter({ hasText: 'BPS03/Header/DischargePressure' });
    const spark = row.locator('.spark svg.sparkline');
    await spark.waitFor({ timeout: 60_000 });
    // 24 hourly time-weighted averages before the newest sample, their range and unit for screen readers and on hover.
    expect(pointsOf(await spark.locator('path').getAttribute('d'))).toBe(24);
    expect(await spark.getAttribute('aria-label')).toMatch(
      /^BPS03 discharge header pressure: Hourly averages 2026-10-29 \d\d:\d\d \+01:00 – 2026-10-30 \d\d:\d\d \+01:00: [\d.]+ to [\d.]+ bar$/,
    );
    // Every tag row of the opened asset has its sparkline (one query for the whole catalog, not one per tag).
    expect(await header.locator('.tag-row .spark svg.sparkline').count()).toBe(await header.locator('.tag-row').count());
    await page.screenshot({ path: join(artifacts, 'catalog-desktop-sparklines.png') });

    await page.click('.tab[data-view="chat"]');
    const turn = await ask(page, 'max discharge pressure at booster station 3 yesterday');
    const big = turn.locator('.big-number');
    // The big number is the answer's number as the sentence writes it, the unit beside it.
    const sentence = (await turn.locator('.answer-text').textContent()) ?? '';
    const number = /maximum ([\d.]+) bar/.exec(sentence)?.[1];
    expect(number).toBeDefined();
    expect(await big.locator('.value').textContent()).toBe(`${number}bar`);
    expect(await big.locator('.unit').textContent()).toBe('bar');
    const answerSpark = big.locator('svg.sparkline');
    await answerSpark.waitFor({ timeout: 60_000 });
    // Over the answer's window: yesterday in plant time, 24 hourly averages; the maximum lies at or above each of them.
    expect(pointsOf(await answerSpark.locator('path').getAttribute('d'))).toBe(24);
    const label = (await answerSpark.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/Hourly averages 2026-10-29 00:00 \+01:00 – 2026-10-30 00:00 \+01:00: [\d.]+ to ([\d.]+) bar$/);
    expect(Number(/to ([\d.]+) bar$/.exec(label)?.[1])).toBeLessThanOrEqual(Number(number));
    expect(await big.locator('.spark-caption').textContent()).toBe(
      'BPS03 discharge header pressure: hourly averages, over the time window',
    );
    await turn.screenshot({ path: join(artifacts, 'chat-desktop-big-number-sparkline.png') });
    // A table of several rows is no single value: no big number.
    const hourly = await ask(page, 'hourly average BPS02 flow yesterday');
    expect(await hourly.locator('.big-number').count()).toBe(0);
    await context.close();
  });

  it("gives a row-filtered operator sparklines of their station's tags only", async () => {
    const { context, page } = await open(DESKTOP, 'operator-bps03');
    const response = page.waitForResponse((r) => r.url().includes('/api/sparklines'), { timeout: 60_000 });
    await page.click('.tab[data-view="catalog"]');
    const body = (await (await response).json()) as { sources: Record<string, { lines?: { tag: string }[]; error?: string }> };
    const lines = body.sources['historian']?.lines ?? [];
    expect(body.sources['historian']?.error).toBeUndefined();
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => !l.tag.startsWith('BPS03/'))).toEqual([]);
    const site = page.locator('#catalog .asset-tree details.site').first();
    await site.locator('svg.sparkline').first().waitFor({ state: 'attached', timeout: 60_000 });
    await site.locator('details.asset').first().locator('> summary').click();
    // Their look-back window (31 days) counts from the runtime's clock: the reference data's last day is inside it.
    const discharge = page.locator('#catalog .tag-row[data-tag="BPS03/Header/DischargePressure"] svg.sparkline');
    expect(Number(await discharge.getAttribute('data-points'))).toBe(24);
    const shown = await page
      .locator('#catalog .tag-row')
      .evaluateAll((rows) => rows.filter((r) => r.querySelector('svg.sparkline')).map((r) => (r as HTMLElement).dataset['tag'] ?? ''));
    expect(shown.length).toBe(lines.length);
    expect(shown.filter((t) => !t.startsWith('BPS03/'))).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'catalog-desktop-operator-sparklines.png') });
    // On a phone the row stacks: name, path, latest value, sparkline; the page does not scroll sideways.
    await page.setViewportSize(PHONE);
    await discharge.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const box = await discharge.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(artifacts, 'catalog-phone-operator-sparklines.png') });
    await context.close();
  });
});
