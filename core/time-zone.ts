// An IANA time zone as config files give it: checked at start-up, so a typo is a config error naming the key, not a RangeError per question.
import { z } from 'zod';

/** True when the runtime knows the zone (Intl accepts it), e.g. "Europe/Berlin" or "UTC". */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name; an unknown one is refused with what to write instead. */
export const timeZoneName = z
  .string()
  .min(1)
  .refine(isTimeZone, {
    error: (issue) => `unknown time zone "${String(issue.input)}"; use an IANA name such as Europe/Berlin, America/Chicago or UTC`,
  });
