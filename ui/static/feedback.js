// Under each answer: thumbs up/down with "wrong because ..." (each an audit record), "Mark verified" for roles granted
// verify_answer, and the "verified by X on DATE" badge of an answer whose meaning a granted role has vouched for.
import { postJson } from './api.js';
import { el } from './dom.js';
import { plantTime } from './format.js';

/** The feedback row of one answer; `session` is {canVerify, timezone}. */
export function feedbackBar(answer, session) {
  const status = el('span', { class: 'meta feedback-status', role: 'status' });
  const reason = el('input', {
    type: 'text',
    name: 'reason',
    maxlength: '1000',
    'aria-label': 'Wrong because',
    placeholder: 'what is wrong?',
  });
  const because = el(
    'form',
    { class: 'wrong-because', hidden: true },
    el('label', {}, 'Wrong because ', reason),
    el('button', { type: 'submit' }, 'Send'),
  );
  const up = el('button', { type: 'button', class: 'rate up', 'aria-label': 'Good answer', title: 'Good answer' }, '✓ Right');
  const down = el(
    'button',
    { type: 'button', class: 'rate down', 'aria-label': 'Wrong answer', title: 'Wrong answer: say why' },
    '✗ Wrong…',
  );

  const rate = async (rating, text) => {
    up.disabled = down.disabled = true;
    try {
      const result = await postJson('/api/feedback', { requestId: answer.requestId, rating, ...(text ? { reason: text } : {}) });
      (rating === 'up' ? up : down).setAttribute('aria-pressed', 'true');
      status.textContent = `Thank you: recorded as evidence #${result.auditSeq}.`;
      because.hidden = true;
    } catch (error) {
      up.disabled = down.disabled = false;
      status.textContent = `Not recorded: ${error.message}`;
    }
  };
  up.addEventListener('click', () => void rate('up'));
  down.addEventListener('click', () => {
    because.hidden = false;
    reason.focus();
  });
  because.addEventListener('submit', (event) => {
    event.preventDefault();
    void rate('down', reason.value.trim());
  });

  const bar = el('div', { class: 'feedback' }, up, down, because, status);
  if (session.canVerify && answer.sql && answer.columns?.length && answer.decision?.kind !== 'deny') {
    const verify = el(
      'button',
      { type: 'button', class: 'verify', title: 'Vouch for the tags, method and SQL of this answer' },
      'Mark verified',
    );
    verify.addEventListener('click', async () => {
      verify.disabled = true;
      try {
        const { verified } = await postJson('/api/verified', { requestId: answer.requestId });
        verify.replaceWith(
          verifiedBadge(
            { id: verified.id, question: verified.question, by: 'you', at: verified.verifiedAt, evidence: verified.evidence },
            session.timezone,
          ),
        );
      } catch (error) {
        verify.disabled = false;
        status.textContent = `Not verified: ${error.message}`;
      }
    });
    bar.append(verify);
  }
  return bar;
}

/** "✓ Verified by Sam on 2026-10-30": the verified question and its evidence on hover. */
export function verifiedBadge(verified, timezone) {
  const day = plantTime(Date.parse(verified.at), timezone).slice(0, 10);
  return el(
    'p',
    {
      class: 'verified',
      title: `Same tags and method as the verified question "${verified.question}" (evidence #${verified.evidence.join(', #')})`,
    },
    `✓ Verified by ${verified.by} on ${day}`,
  );
}
