// Bots show an ask-back's choices as a numbered list, each with the question it would ask.
import { describe, expect, it } from 'vitest';
import { answerWithoutData } from '../../../agent/answer.ts';
import { renderAnswerMarkdown } from '../../../ui/bots/render-markdown.ts';

describe('ask-back choices in chat markdown', () => {
  it('lists the choices numbered, each with its question', () => {
    const answer = answerWithoutData('"flow pump 2" fits 2 tags; which one do you mean?', {
      answeredBy: 'quick-planner',
      candidates: ['BPS01/Header/Flow', 'BPS03/Header/Flow'],
      choices: [
        { label: 'BPS01/Header/Flow (BPS01 station flow)', question: 'avg BPS01/Header/Flow last 24 hours' },
        { label: 'BPS03/Header/Flow (BPS03 station flow)', question: 'avg BPS03/Header/Flow last 24 hours' },
      ],
    });
    expect(renderAnswerMarkdown(answer, { maxRows: 10, showSql: false })).toContain(
      'Did you mean:\n1. BPS01/Header/Flow (BPS01 station flow) — ask: `avg BPS01/Header/Flow last 24 hours`\n' +
        '2. BPS03/Header/Flow (BPS03 station flow) — ask: `avg BPS03/Header/Flow last 24 hours`',
    );
  });
});
