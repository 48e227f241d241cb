// The signal model of a plan's tags: interpolation per tag (from the historian mapping's rules), heartbeat and max age.
import {
  signalSchema,
  storedOnChangeOf,
  type HistorianMapping,
  type Interpolation,
  type SignalSettings,
} from '../../connectors/historian-mapping.ts';
import type { PlanTag } from './plan.ts';

/** How one tag's samples make a signal, and why (which rule, or the default). */
export interface TagSignal {
  interpolation: Interpolation;
  /** "rule measurement=Level", "default for analog": said on the method line. */
  why: string;
  heartbeatMs: number;
  /**
   * How long a sample holds at most; null for a tag stored on change (no heartbeat: the absence of a sample means the
   * value did not change), whose sample holds until the next one, but never past the newest sample of the source.
   */
  maxAgeMs: number | null;
}

/**
 * The signal model of a whole plan: per tag, and over all tags the longest max age of the tags that have one (how far
 * before the window a query reads; the mapping's when every tag is held to its next sample) and the widest heartbeat.
 */
export interface PlanSignal {
  tags: Map<string, TagSignal>;
  maxAgeMs: number;
  heartbeatMs: number;
}

const MIN_MS = 60_000;

/** The mapping's signal settings with their defaults filled in. */
export function signalSettingsOf(mapping: HistorianMapping): SignalSettings {
  return mapping.signal ?? signalSchema.parse({});
}

/** `*` matches any run of characters; everything else literally, case-insensitive. */
function globMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'i').test(text);
}

type Ruled = Pick<PlanTag, 'name' | 'dataType' | 'measurement'> & { id?: PlanTag['id'] };

/**
 * The interpolation of a tag no rule matches: a status or a counter only ever holds its value (a line between two states
 * or two counts is no reading anyone took); other tags get the mapping's default.
 */
export function defaultInterpolation(settings: SignalSettings, dataType: string | undefined): Interpolation {
  const type = dataType?.toLowerCase();
  return type === 'status' || type === 'counter' ? 'step' : settings.interpolation;
}

/**
 * The signal of one tag: the first rule whose every condition holds, else the mapping's default. Its max age is the
 * rule's, else none when the tag is `storedOnChange` (found from the data, see connectors/apply-tag-types.ts), else
 * the mapping's.
 */
export function tagSignal(settings: SignalSettings, tag: Ruled, storedOnChange = false): TagSignal {
  const held = ' (stored on change: held until its next sample)';
  const maxAgeOf = (ruled: number | undefined): number | null =>
    ruled !== undefined ? ruled * MIN_MS : storedOnChange ? null : settings.maxAgeMinutes * MIN_MS;
  const same = (a: string | undefined, b: string | undefined): boolean =>
    a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  for (const [index, rule] of settings.rules.entries()) {
    if (rule.tag !== undefined && !globMatches(rule.tag, tag.name)) continue;
    if (rule.measurement !== undefined && !same(rule.measurement, tag.measurement)) continue;
    if (rule.dataType !== undefined && !same(rule.dataType, tag.dataType)) continue;
    const conditions = [
      rule.tag !== undefined ? `tag=${rule.tag}` : '',
      rule.measurement !== undefined ? `measurement=${rule.measurement}` : '',
      rule.dataType !== undefined ? `dataType=${rule.dataType}` : '',
    ].filter((c) => c !== '');
    const maxAgeMs = maxAgeOf(rule.maxAgeMinutes);
    return {
      interpolation: rule.interpolation ?? settings.interpolation,
      why: `rule ${index + 1}${conditions.length > 0 ? `: ${conditions.join(', ')}` : ''}${maxAgeMs === null ? held : ''}`,
      heartbeatMs: (rule.heartbeatMinutes ?? settings.heartbeatMinutes) * MIN_MS,
      maxAgeMs,
    };
  }
  const maxAgeMs = maxAgeOf(undefined);
  return {
    interpolation: defaultInterpolation(settings, tag.dataType),
    why: `default${tag.dataType ? ` for ${tag.dataType}` : ''}${maxAgeMs === null ? held : ''}`,
    heartbeatMs: settings.heartbeatMinutes * MIN_MS,
    maxAgeMs,
  };
}

/** The signal model of a plan's tags. */
export function planSignal(mapping: HistorianMapping, tags: readonly Ruled[]): PlanSignal {
  const settings = signalSettingsOf(mapping);
  const onChange = storedOnChangeOf(mapping);
  const map = new Map(tags.map((t) => [t.name, tagSignal(settings, t, t.id !== undefined && onChange.has(String(t.id)))]));
  const heartbeats = [...map.values()].map((s) => s.heartbeatMs);
  const maxAges = [...map.values()].map((s) => s.maxAgeMs).filter((ms): ms is number => ms !== null);
  return {
    tags: map,
    maxAgeMs: maxAges.length > 0 ? Math.max(...maxAges) : settings.maxAgeMinutes * MIN_MS,
    heartbeatMs: Math.max(settings.heartbeatMinutes * MIN_MS, ...heartbeats),
  };
}
