// Verified answers in bot messages: an answer whose SQL means the same as one a supervisor verified (same source, SQL
// apart from its time literals) says so, as the web page's badge does: "✓ Verified by Sam on 2026-10-30".
import type { Answer } from '../../agent/answer.ts';
import { zonedParts } from '../display-format.ts';
import type { VerifiedStore } from '../verified/verified-store.ts';

/** An answer as a bot renders it: the agent's Answer plus who vouched for its method, when. */
export type BotAnswer = Answer & { verified?: { by: string; at: string; question: string } };

/** Looks the answer's meaning up among the verified answers; a lookup failure leaves the answer as it was. */
export async function withVerification(store: Pick<VerifiedStore, 'findByMeaning'> | undefined, answer: Answer): Promise<BotAnswer> {
  if (!store || !answer.sql || !answer.source || answer.decision?.kind === 'deny' || answer.columns.length === 0) return answer;
  const found = await store.findByMeaning(answer.source, answer.sql).catch(() => undefined);
  return found ? { ...answer, verified: { by: found.verifiedByName, at: found.verifiedAt, question: found.question } } : answer;
}

/** "✓ Verified by Sam on 2026-10-30 (as “max pressure at BPS03 yesterday”)", the day in plant time. */
export function verifiedLine(verified: NonNullable<BotAnswer['verified']>, timezone: string): string {
  const day = zonedParts(Date.parse(verified.at), timezone).date;
  return `✓ Verified by ${verified.by} on ${day} (as “${verified.question}”)`;
}
