// `otq samples`: generates the sample plant dataset (DuckDB historian + Parquet telemetry) and reports what it wrote.
import { resolve } from 'node:path';
import type { CliIo } from '../../core/cli-io.ts';
import {
  DEFAULT_DAYS,
  DEFAULT_SAMPLES_DIR,
  DEFAULT_SEED,
  ensureSamples,
  generateSamples,
  todayMidnightUtc,
  type GenerateReport,
} from '../../data-samples/generate.ts';

const USAGE = 'usage: otq samples [--dir DIR] [--seed N] [--days N] [--end YYYY-MM-DD] [--force]';

interface ParsedArgs {
  dir: string;
  seed: number;
  days: number;
  end: Date;
  force: boolean;
}

function parse(args: string[]): ParsedArgs | string {
  const out: ParsedArgs = { dir: DEFAULT_SAMPLES_DIR, seed: DEFAULT_SEED, days: DEFAULT_DAYS, end: todayMidnightUtc(), force: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--force') {
      out.force = true;
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? args[i + 1];
    if (inline === undefined) i += 1;
    if (!['--dir', '--seed', '--days', '--end'].includes(flag)) return `unknown argument ${arg}`;
    if (value === undefined || value === '') return `${flag} needs a value`;
    if (flag === '--dir') out.dir = resolve(value);
    else if (flag === '--seed') {
      if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) return `--seed must be an integer 0..4294967295, got ${value}`;
      out.seed = Number(value);
    } else if (flag === '--days') {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 366) return `--days must be an integer 1..366, got ${value}`;
      out.days = Number(value);
    } else {
      const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      if (!Number.isFinite(ms) || ms % 86_400_000 !== 0)
        return `--end must be a date or midnight UTC (e.g. 2026-11-01 or 2026-11-01T00:00:00Z), got ${value}`;
      out.end = new Date(ms);
    }
  }
  return out;
}

function describe(report: GenerateReport): string[] {
  const m = report.manifest;
  const lines = [`window ${m.start} .. ${m.end} (${m.days} days, seed ${m.seed}), plant time zone Europe/Berlin`];
  if (!report.generated || report.rows === null) {
    lines.unshift(`sample data up to date in ${report.dir} (generated ${m.generatedAt}); use --force to regenerate`);
    return lines;
  }
  const r = report.rows;
  lines.unshift(`wrote ${report.historianFile}`, `wrote ${report.telemetryDir}/pump_drive/*.parquet`);
  lines.push(
    `rows: samples ${r.samples}, tags ${r.tags}, assets ${r.assets}, alarm_events ${r.alarmEvents}, shift_log ${r.shiftLog}, telemetry ${r.telemetry}`,
    `took ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return lines;
}

/** Runs `otq samples ARGS`; returns the exit code (0 ok, 2 usage, 1 failure). */
export async function samplesCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args.some((a) => a === '--to' || a.startsWith('--to='))) {
    io.err('otq samples --to postgres URL is handled by the PostgreSQL loader, not by the file generator');
    return 2;
  }
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n${USAGE}`);
    return 2;
  }
  try {
    const options = { dir: parsed.dir, seed: parsed.seed, days: parsed.days, end: parsed.end };
    const report = parsed.force ? await generateSamples(options) : await ensureSamples(options);
    for (const line of describe(report)) io.out(line);
    return 0;
  } catch (error) {
    io.err(`sample generation failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
