// The signal model of a plan's tags: interpolation per tag (from the historian mapping's rules), heartbeat and max age.
import { signalSchema, type HistorianMapping, type Interpolation, type SignalSettings } from '../../connectors/historian-mapping.ts';
import type { PlanTag } from './plan.ts';

/** How one tag's samples make a signal, and why (which rule, or the default). */
export interface TagSignal {
  interpolation: Interpolation;
  /** "rule measurement=Level", "default for analog": said on the method line. */
  why: string;
  heartbeatMs: number;
}

/** The signal model of a whole plan: one max age (a query holds every sample at most this long) and the widest heartbeat. */
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

type Ruled = Pick<PlanTag, 'name' | 'dataType' | 'measurement'>;

/**
 * The interpolation of a tag no rule matches: a status or a counter only ever holds its value (a line between two states
 * or two counts is no reading anyone took); other tags get the mapping's default.
 */
export function defaultInterpolation(settings: SignalSettings, dataType: string | undefined): Interpolation {
  const type = dataType?.toLowerCase();
  return type === 'status' || type === 'counter' ? 'step' : settings.interpolation;
}

/** The signal of one tag: the first rule whose every condition holds, else the mapping's default. */
export function tagSignal(settings: SignalSettings, tag: Ruled): TagSignal {
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
    return {
      interpolation: rule.interpolation ?? settings.interpolation,
      why: `rule ${index + 1}${conditions.length > 0 ? `: ${conditions.join(', ')}` : ''}`,
      heartbeatMs: (rule.heartbeatMinutes ?? settings.heartbeatMinutes) * MIN_MS,
    };
  }
  return {
    interpolation: defaultInterpolation(settings, tag.dataType),
    why: `default${tag.dataType ? ` for ${tag.dataType}` : ''}`,
    heartbeatMs: settings.heartbeatMinutes * MIN_MS,
  };
}

/** The signal model of a plan's tags. */
export function planSignal(mapping: HistorianMapping, tags: readonly Ruled[]): PlanSignal {
  const settings = signalSettingsOf(mapping);
  const map = new Map(tags.map((t) => [t.name, tagSignal(settings, t)]));
  const heartbeats = [...map.values()].map((s) => s.heartbeatMs);
  return { tags: map, maxAgeMs: settings.maxAgeMinutes * MIN_MS, heartbeatMs: Math.max(settings.heartbeatMinutes * MIN_MS, ...heartbeats) };
}
