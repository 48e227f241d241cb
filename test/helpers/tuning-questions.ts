// The tuning set's questions the planner should answer with data, asked alone (no chat history): what the metamorphic
// checks start from. Never the held-back split.
import { readFileSync } from 'node:fs';

interface QuestionLine {
  id: string;
  question: string;
  now: string;
  planner?: boolean;
  gold_sql?: string;
  expect?: string;
  history?: unknown;
}

/** A question of the tuning set, with the moment it is asked at. */
export interface TuningQuestion {
  id: string;
  question: string;
  now: string;
}

/** The answered questions (a gold, no history) of one file of data-samples/. */
export function answeredQuestions(file: string): TuningQuestion[] {
  return readFileSync(new URL(`../../data-samples/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .map((line) => JSON.parse(line) as QuestionLine)
    .filter((q) => q.planner === true && q.gold_sql !== undefined && (q.expect ?? 'answer') === 'answer' && q.history === undefined)
    .map((q) => ({ id: q.id, question: q.question, now: q.now }));
}

/** The answered questions of the tuning set: questions.jsonl and questions-understand.jsonl. */
export const tuningQuestions = (): TuningQuestion[] => [
  ...answeredQuestions('questions.jsonl'),
  ...answeredQuestions('questions-understand.jsonl'),
];
