// Prints every register variant of the tuning set answered with another plan than its original's (a wrong-with-confidence
// candidate): node bin/run-ts.mjs test/helpers/register-variants-run.ts [--skip ids-file] [--kind k1,k2] [--ids a,b]
import { readFileSync } from 'node:fs';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import { buildCatalogs, planQuestion } from '../../agent/planner/plan-question.ts';
import { createDuckDbConnector } from '../../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../../connectors/historian-mapping.ts';
import { checkRegisters } from './register-variants.ts';
import { tuningQuestions } from './tuning-questions.ts';
import { testHistorianFile } from './sample-data.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
// Ids the eval answers wrong (one per line, or an eval report's `failures:` line): their variants say nothing new.
const skipFile = option('--skip');
const skipped = new Set(
  skipFile
    ? readFileSync(skipFile, 'utf8')
        .split(/[\s,]+/)
        .filter((s) => s !== '')
    : [],
);
const kinds = option('--kind')?.split(',');
// Only these question ids (comma separated): a quick re-run of what an earlier run found.
const only = option('--ids')?.split(',');

const connector = await createDuckDbConnector('historian', {
  engine: 'duckdb',
  file: testHistorianFile,
  historian: historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian),
});
const catalogs = buildCatalogs([await connector.describe()]);
await connector.close();
const context = { timezone: 'Europe/Berlin', synonyms: defaultConfigDocument.synonyms, shifts: defaultConfigDocument.shifts };
const questions = tuningQuestions().filter((q) => !skipped.has(q.id) && (!only || only.includes(q.id)));
const started = performance.now();
const report = checkRegisters(questions, (q, now) => planQuestion(q, catalogs, { ...context, now: new Date(now) }));
const ms = performance.now() - started;
const shown = report.differences.filter((d) => !kinds || kinds.includes(d.variant.kind));
for (const d of shown) {
  console.log(`${d.id}\t${d.variant.kind}\t${d.variant.what}\t[${d.parts.join(',')}]`);
  console.log(`  original: ${d.question}\n    -> ${d.original}`);
  console.log(`  variant:  ${d.variant.question}\n    -> ${d.got}`);
}
const planned = Object.values(report.variants).reduce((a, b) => a + b, 0);
console.log(`${questions.length} questions, ${planned} variants ${JSON.stringify(report.variants)} in ${Math.round(ms)} ms`);
const byKind = new Map<string, number>();
for (const d of report.differences) byKind.set(d.variant.kind, (byKind.get(d.variant.kind) ?? 0) + 1);
console.log(`${report.differences.length} answered with another plan: ${JSON.stringify(Object.fromEntries(byKind))}`);
