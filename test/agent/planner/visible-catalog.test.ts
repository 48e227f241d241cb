// The quick planner works from the asker's visible catalog: a row-filtered role learns no name, description or count of hidden tags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { PLANNER_CATALOG_TOOL } from '../../../agent/planner/visible-catalog.ts';
import { readAuditRecords } from '../../../audit/read-audit-records.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
let hidden: string[];

async function ask(question: string, user: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor(user);
  if (!principal) throw new Error(`no user ${user}`);
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `visible-${user}-${question}`, now: new Date(now) });
}

/** Every name and description of a tag outside BPS03 that the answer's text, notes, window, candidates or choices show. */
function leaks(answer: Answer): string[] {
  const shown = JSON.stringify({ ...answer, sql: null, rows: [], columns: [] });
  return hidden.filter((text) => shown.includes(text));
}

beforeAll(async () => {
  rt = await createTestRuntime();
  const tags = (
    await rt.runtime.connectors.get('historian')!.query("SELECT tag_path, description FROM tags WHERE tag_path NOT LIKE 'BPS03/%'")
  ).rows;
  hidden = tags.flatMap(([path, description]) => [String(path), String(description)]);
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the planner scoped to the caller (operator-bps03 sees the rows of BPS03 only)', () => {
  it('does not name, describe or count a hidden tag when a question is about one', async () => {
    for (const question of [
      'chlorine at T1 now',
      'T1 level now',
      'average flow of DMA02 yesterday',
      'flows yesterday',
      'which tank had the lowest level yesterday',
    ]) {
      const answer = await ask(question, 'operator-bps03');
      expect(leaks(answer), question).toEqual([]);
      expect(answer.rows, question).toEqual([]);
    }
  });

  it('says a window before its look-back found nothing because of the role, not because the historian has a gap', async () => {
    // The reference data ends 2026-11-01; the role's 31-day look-back counts from the real clock, so 20 October is out
    // of its reach (the engineer's 400 days are not).
    const question = 'max discharge pressure at BPS03 on 20 October 2026';
    const operator = await ask(question, 'operator-bps03', '2026-10-30T07:00:00Z');
    expect(operator.answer).toMatch(
      /^No samples of BPS03\/Header\/DischargePressure .* on 20 October 2026 \(.*\)\. Your role may read samples only from \d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2} on \(its look-back window\); nothing of this window could be read\.$/,
    );
    expect(operator.answer).not.toMatch(/gap|ends/);
    const engineer = await ask(question, 'engineer', '2026-10-30T07:00:00Z');
    expect(engineer.answer).toMatch(/: maximum \d/);
  });

  it('answers from what it may see: "P2 vib now" is BPS03/P02, the only P02 it can read', async () => {
    // (The role's 31-day look-back counts from the real clock, so the reference data may be out of its reach: the
    // interpretation is what is checked here.)
    const answer = await ask('P2 vib now', 'operator-bps03', '2026-10-30T07:00:00Z');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.notes).toContainEqual(expect.stringMatching(/^understood: latest of BPS03\/P02\/Vibration \(mm\/s\)/));
    expect(leaks(answer)).toEqual([]);
    // The engineer sees four P02 pumps and no vibration tag but BPS03's: the same words mean the same tag there.
    const engineer = await ask('P2 vib now', 'engineer', '2026-10-30T07:00:00Z');
    expect(engineer.answer).toMatch(/^BPS03\/P02\/Vibration /);
  });

  it('asks back only over visible tags', async () => {
    const answer = await ask('pressure now', 'operator-bps03');
    expect(answer.candidates?.length).toBeGreaterThan(1);
    expect(answer.candidates?.every((name) => name.startsWith('BPS03/'))).toBe(true);
    expect(leaks(answer)).toEqual([]);
  });

  it('reads the visible tags through the guard as that role, recorded in the audit log', async () => {
    const records = await readAuditRecords({ dir: rt.auditDir });
    const reads = records.filter((r) => r.kind === 'tool_call' && r.payload['tool'] === PLANNER_CATALOG_TOOL);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.principal === 'operator-bps03')).toBe(true);
  });

  it("gives a role that sees no historian the guard's denial, naming no tag (the auditor)", async () => {
    const answer = await ask('chlorine at T1 now', 'auditor');
    expect(answer.decision).toMatchObject({ kind: 'deny', rule: expect.any(String) });
    expect(answer.answer).toMatch(/^Denied by policy \(/);
    expect(answer.notes.join(' ')).not.toMatch(/understood/);
    expect(leaks(answer)).toEqual([]);
  });

  it('leaves the engineer (unfiltered) with the whole catalog', async () => {
    const answer = await ask('chlorine at T1 now', 'engineer');
    expect(answer.answer).toMatch(/^T1\/Outlet\/ChlorineResidual /);
  });
});
