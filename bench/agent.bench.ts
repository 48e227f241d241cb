// Agent prompt size: schema linking through tools vs pasting the full schema (LangChain SQL toolkit style), and KV reuse.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import type { AuditLog } from '../audit/audit-record.ts';
import type { SourceDescription, TableDescription, TagInfo } from '../connectors/connector.ts';
import { historianMappingSchema } from '../connectors/historian-mapping.ts';
import { modelConfigSchema } from '../agent/model/model-config.ts';
import { createLlamaCppProvider } from '../agent/model/llama-cpp-provider.ts';
import { renderToolDocs } from '../agent/model/tool-grammar.ts';
import { buildSystemPrompt, conversationMessages } from '../agent/model-agent/system-prompt.ts';
import { createAgentTools } from '../agent/tools/create-agent-tools.ts';
import type { Guard } from '../policies/decision.ts';

const TINY = resolve(process.cwd(), '../shared/models/llama-2-tiny-random.gguf');
const MEASURES = [
  'DischargePressure',
  'SuctionPressure',
  'Flow',
  'Running',
  'MotorCurrent',
  'Speed',
  'Level',
  'Chlorine',
  'Turbidity',
  'Temperature',
];
const UNITS: Record<string, string> = {
  DischargePressure: 'bar',
  SuctionPressure: 'bar',
  Flow: 'm3/h',
  Running: '',
  MotorCurrent: 'A',
  Speed: 'rpm',
  Level: 'm',
  Chlorine: 'mg/L',
  Turbidity: 'NTU',
  Temperature: '°C',
};

/** 150 tables (historian core + 146 plant tables of 8 commented columns) and 2,000 tags. */
function syntheticCatalog(): SourceDescription {
  const tags: TagInfo[] = [];
  for (let i = 0; tags.length < 2000; i++) {
    const site = `BPS${String(Math.floor(i / 20) + 1).padStart(2, '0')}`;
    const measure = MEASURES[i % MEASURES.length] as string;
    const equip = `P${String((Math.floor(i / MEASURES.length) % 2) + 1).padStart(2, '0')}`;
    tags.push({
      id: i + 1,
      name: `${site}/${equip}/${measure}`,
      description: `${measure.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}, ${equip} at ${site}`,
      unit: UNITS[measure] ?? '',
      asset: `${site}/${equip}`,
      dataType: measure === 'Running' ? 'status' : 'analog',
    });
  }
  const col = (name: string, type: string, comment: string) => ({ name, type, comment });
  const tables: TableDescription[] = [
    {
      name: 'samples',
      kind: 'table',
      comment: 'one row per historian sample',
      columns: [
        col('ts', 'TIMESTAMP WITH TIME ZONE', 'sample time (UTC)'),
        col('tag_id', 'INTEGER', 'tag'),
        col('value', 'DOUBLE', 'value'),
        col('quality', 'SMALLINT', 'OPC quality'),
      ],
    },
    {
      name: 'tags',
      kind: 'table',
      comment: 'tag catalog',
      columns: [
        col('tag_id', 'INTEGER', 'id'),
        col('tag_path', 'VARCHAR', 'site/equipment/measurement'),
        col('unit', 'VARCHAR', 'engineering unit'),
        col('asset_id', 'VARCHAR', 'asset'),
      ],
    },
    {
      name: 'assets',
      kind: 'table',
      comment: 'plant assets',
      columns: [col('asset_id', 'VARCHAR', 'id'), col('name', 'VARCHAR', 'name'), col('site', 'VARCHAR', 'site')],
    },
    {
      name: 'alarm_events',
      kind: 'table',
      comment: 'alarm journal',
      columns: [
        col('ts', 'TIMESTAMP WITH TIME ZONE', 'event time'),
        col('tag_id', 'INTEGER', 'tag'),
        col('event_type', 'VARCHAR', 'active/clear/ack'),
        col('message', 'VARCHAR', 'alarm text'),
      ],
    },
  ];
  for (let t = 0; tables.length < 150; t++) {
    tables.push({
      name: `maintenance_${['orders', 'plans', 'inspections', 'readings', 'meters', 'valves'][t % 6]}_${t}`,
      kind: 'table',
      comment: `maintenance and asset register data, area ${t}`,
      columns: [
        'id INTEGER',
        'asset_id VARCHAR',
        'created_at TIMESTAMP',
        'status VARCHAR',
        'priority INTEGER',
        'description VARCHAR',
        'cost_eur DECIMAL(10,2)',
        'closed_at TIMESTAMP',
      ].map((c) => {
        const [name, type] = c.split(' ') as [string, string];
        return col(name, type, `${name.replace('_', ' ')} of the record`);
      }),
    });
  }
  const historian = historianMappingSchema.parse({
    samples: { table: 'samples', time: 'ts', tag: 'tag_id', value: 'value', quality: 'quality' },
    tags: { table: 'tags', id: 'tag_id', name: 'tag_path', unit: 'unit', asset: 'asset_id' },
  });
  return { name: 'historian', dialect: 'duckdb', tables, tags, historian };
}

/** What LangChain's SQL toolkit puts in the prompt: CREATE TABLE for every table plus 3 sample rows each. */
function fullSchemaPrompt(source: SourceDescription): string {
  return source.tables
    .map((t) => {
      const ddl = `CREATE TABLE ${t.name} (\n${t.columns.map((c) => `\t${c.name} ${c.type}`).join(',\n')}\n)`;
      const rows = [1, 2, 3].map((i) =>
        t.columns
          .map((c) => (c.type.startsWith('TIMESTAMP') ? `2026-11-2${i} 08:00:00` : c.type === 'INTEGER' ? String(i) : `${c.name}_${i}`))
          .join('\t'),
      );
      return `${ddl}\n\n/*\n3 rows from ${t.name} table:\n${t.columns.map((c) => c.name).join('\t')}\n${rows.join('\n')}\n*/`;
    })
    .join('\n\n');
}

const passGuard: Guard = { bundleHash: 'bench', check: () => Promise.resolve({ kind: 'allow' }), filterDescription: (_p, d) => d };
const noAudit: AuditLog = { record: () => Promise.resolve({ seq: 0 } as never), close: () => Promise.resolve() };

export default async function run(report: (line: string) => void): Promise<void> {
  if (!existsSync(TINY)) {
    report(`agent: skipped, ${TINY} is absent (needed for its tokenizer)`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'otq-bench-agent-'));
  const provider = await createLlamaCppProvider(
    modelConfigSchema.parse({ provider: 'llama-cpp', path: TINY, gpu: false, sequences: 1, contextSize: 4096, maxTokens: 64 }),
    {
      audit: noAudit,
      baseDir: dir,
      maxStringLength: 8,
      maxAnswerLength: 8,
    },
  );
  try {
    const count = (text: string) => provider.countTokens!(text);
    const source = syntheticCatalog();
    const principal = { id: 'bench', roles: ['engineer'] };
    const tools = createAgentTools(
      { sources: [source], connectors: new Map(), guard: passGuard, audit: noAudit, timezone: 'Europe/Berlin' },
      { principal, auditContext: { principal: 'bench', channel: 'cli', requestId: 'bench' } },
    );
    const toolDocs = renderToolDocs(
      tools
        .map((t) => convertToOpenAITool(t).function)
        .map((f) => ({ name: f.name, description: f.description ?? '', parameters: f.parameters })),
    );
    const system = `${toolDocs}\n\n${buildSystemPrompt([{ name: 'historian', dialect: 'duckdb', hasHistorian: true, description: 'Plant historian' }], 'Europe/Berlin')}`;
    const question = 'which booster pump at BPS03 ran the most hours last week, and how many starts did it have?';
    const now = new Date('2026-11-27T08:00:00Z');
    const q1 = conversationMessages(question, now, 'Europe/Berlin')[0]!.text;
    const search = String(await tools[0]!.invoke({ query: 'booster pump BPS03 running' }));
    const describe = String(await tools[1]!.invoke({ source: 'historian', table: 'samples' }));
    const linked = count(system) + count(q1) + count(search) + count(describe);
    const full = count(system) + count(fullSchemaPrompt(source)) + count(q1);
    report(`agent: catalog ${source.tables.length} tables, ${source.tags?.length} tags; tokens by the GGUF's tokenizer (Llama 2)`);
    report(
      `agent: schema linking: system+tools ${count(system)}, question ${count(q1)}, search_catalog ${count(search)}, describe_table ${count(describe)} = ${linked} tokens per question`,
    );
    report(`agent: full schema (LangChain SQL toolkit style: CREATE TABLE + 3 rows each): ${full} tokens per question`);
    report(`agent: linked/full = ${((100 * linked) / full).toFixed(1)}% (target <= 25%), linked < 2,000: ${linked < 2000 ? 'yes' : 'NO'}`);

    const model = provider.chatModel().bindTools!(tools, { tool_choice: 'none' });
    const sys = new SystemMessage(
      buildSystemPrompt([{ name: 'historian', dialect: 'duckdb', hasHistorian: true, description: 'Plant historian' }], 'Europe/Berlin'),
    );
    const first = (await model.invoke([sys, new HumanMessage(q1)])) as AIMessage;
    const q2 = conversationMessages('and at BPS04?', now, 'Europe/Berlin')[0]!.text;
    const second = (await model.invoke([sys, new HumanMessage(q2)])) as AIMessage;
    report(
      `agent: KV reuse in one session: question 1 evaluated ${first.usage_metadata?.input_tokens} input tokens, question 2 evaluated ${second.usage_metadata?.input_tokens} ` +
        `(<= its own ${count(q2)}-token message: the ${count(system)}-token system prompt + tool docs, and the common "Current time" prefix, came from the KV cache)`,
    );
  } finally {
    await provider.close();
    await rm(dir, { recursive: true, force: true });
  }
}
