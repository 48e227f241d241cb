// Chat rendering: denials say rule and reason, tables are capped with "N more rows", SQL only when asked.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { renderAnswerMarkdown } from '../../../ui/bots/render-markdown.ts';
import { renderTeams, stripMentions } from '../../../ui/bots/teams-hook.ts';

const answer: Answer = {
  answer: 'The maximum discharge pressure at BPS03 yesterday was 5.82 bar.',
  sql: 'SELECT max(value) FROM samples',
  source: 'historian',
  columns: [
    { name: 'hour', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'max_bar', type: 'DOUBLE' },
  ],
  rows: Array.from({ length: 24 }, (_, h) => [`2026-11-25T${String(h).padStart(2, '0')}:00:00Z`, 5 + h / 100]),
  truncated: false,
  decision: { kind: 'allow' },
  auditSeq: [11, 12, 13],
  window: {
    from: '2026-11-24T23:00:00Z',
    to: '2026-11-25T23:00:00Z',
    timezone: 'Europe/Berlin',
    label: 'yesterday (2026-11-25, Europe/Berlin)',
  },
  notes: [],
  answeredBy: 'quick-planner',
};

describe('renderAnswerMarkdown', () => {
  it('caps the table and says how many rows are left, with a link to the full result', () => {
    const text = renderAnswerMarkdown(answer, { maxRows: 5, showSql: false, link: 'https://otq.plant/?q=x' });
    expect(text).toContain('5.82 bar');
    expect(text).toContain('_Window: yesterday (2026-11-25, Europe/Berlin)_');
    expect(text.split('\n').filter((l) => l.startsWith('| 2026-'))).toHaveLength(5);
    expect(text).toContain('… 19 more rows — [full result](https://otq.plant/?q=x)');
    expect(text).not.toContain('```sql');
    expect(text).toContain('Evidence: audit seq 11, 12, 13');
  });

  it('shows the SQL in a code block when asked', () => {
    expect(renderAnswerMarkdown(answer, { maxRows: 5, showSql: true })).toContain('```sql\nSELECT max(value) FROM samples\n```');
  });

  it('renders a denial with its rule and reason, and no rows', () => {
    const text = renderAnswerMarkdown(
      {
        ...answer,
        decision: { kind: 'deny', rule: 'scope.table', reason: 'shift_log holds personal data; your role engineer may not read it' },
      },
      { maxRows: 5, showSql: false },
    );
    expect(text).toContain('**Denied by policy** (`scope.table`): shift_log holds personal data');
    expect(text).not.toContain('| hour');
  });

  it('escapes pipes in cells so a value cannot break the table', () => {
    const text = renderAnswerMarkdown(
      { ...answer, columns: [{ name: 'note', type: 'VARCHAR' }], rows: [['a|b']] },
      { maxRows: 5, showSql: false },
    );
    expect(text).toContain('| a\\|b |');
  });
});

describe('Teams rendering', () => {
  it('strips mentions and markup from the message text', () => {
    expect(stripMentions('<at>otq</at>&nbsp;max flow <b>PS3</b> yesterday')).toBe('max flow PS3 yesterday');
  });

  it('puts rows into an Adaptive Card table, capped', () => {
    const reply = renderTeams(
      answer,
      { secretEnv: 'X', users: {}, maxActivityAgeSeconds: 300, inlineBudgetMs: 4000, maxTableRows: 3 },
      false,
    ) as {
      attachments: { contentType: string; content: { body: { type: string; rows?: unknown[]; text?: string }[] } }[];
    };
    const card = reply.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body[0]!.rows).toHaveLength(4);
    expect(card.content.body[1]!.text).toBe('… 21 more rows');
  });
});
