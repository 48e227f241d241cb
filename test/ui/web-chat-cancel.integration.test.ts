// Cancel in the web chat, in real Chromium over the real runtime: a question the model keeps thinking about is stopped
// by the Cancel button; the page says so and is ready for the next question, the server stops the model call and the
// audit log records the question as cancelled.
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { ScriptStep } from '../../agent/model/scripted-model.ts';
import { createTranscriptProvider } from '../../agent/model/transcript-model.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import { startServer, type RunningServer } from '../../ui/start-server.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const SLOW = 'think very hard about the pumps';
const scripts = new Map<string, ScriptStep[]>([
  [SLOW, [{ hang: true }]],
  ['say hello', [{ answer: 'Hello.' }]],
]);
let test: TestRuntime;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  test = await createTestRuntime({}, { modelProvider: createTranscriptProvider(scripts), skipPlanner: true });
  server = await startServer(test.runtime, { host: '127.0.0.1', port: 0, rateLimit: false });
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

describe('cancelling a running question in the web chat', () => {
  it('stops the question, says so, records it, and the next question runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    const cancel = page.locator('#cancel');
    expect(await cancel.isVisible()).toBe(false);

    await page.fill('#question', SLOW);
    await page.press('#question', 'Enter');
    await page.locator('.turn .card.working').waitFor();
    await cancel.waitFor({ state: 'visible' });
    expect(await page.locator('#send').isDisabled()).toBe(true);
    await cancel.click();

    const stopped = page.locator('.turn').nth(0).locator('.card.cancelled');
    await stopped.waitFor({ timeout: 10_000 });
    expect(await stopped.textContent()).toContain('Cancelled');
    expect(await cancel.isVisible()).toBe(false);
    expect(await page.locator('#send').isDisabled()).toBe(false);
    await page.screenshot({ path: join(artifacts, 'chat-desktop-cancelled.png') });

    // The server noticed the closed stream: the model call stopped and the question is recorded as cancelled.
    await expect
      .poll(
        async () =>
          (await readAuditRecords({ dir: test.auditDir })).find((r) => r.kind === 'answer' && r.payload.question === SLOW)?.payload.error,
        { timeout: 10_000 },
      )
      .toMatchObject({ code: 'CANCELLED' });

    await page.fill('#question', 'say hello');
    await page.press('#question', 'Enter');
    await page.locator('.turn').nth(1).locator('.card.answer').waitFor({ timeout: 30_000 });
    expect(await page.locator('.turn').nth(1).locator('.answer-text').textContent()).toContain('Hello');
    await context.close();
  });
});
