// Instrument tag letters as engineers write them (ISA-5.1: "PT" pressure transmitter, "FIT" flow indicating
// transmitter, "LT" level transmitter): the thesaurus lists the measured-variable letters and the readout letters as
// data, and every combination becomes a spoken form of that variable's catalog words.

/** The `instruments` section of the thesaurus: variable letters -> catalog words, and the readout letters that follow. */
export interface InstrumentLetters {
  variables: Readonly<Record<string, readonly string[]>>;
  readouts: readonly string[];
}

/**
 * Spoken forms of the instrument letters -> the catalog words they stand for ("pt" -> pressure, "fqit" -> flow
 * total). A form that is already a word of the planner (`taken`: plain English, thesaurus keys) is left to that word.
 */
export function instrumentTerms(letters: InstrumentLetters, taken: (form: string) => boolean): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [variable, words] of Object.entries(letters.variables))
    for (const readout of letters.readouts) {
      const form = `${variable}${readout}`;
      if (!taken(form)) out.set(form, words);
    }
  return out;
}

/**
 * Spoken units as words of the catalog's unit ("T2 level in metres", "max bar g"): the unit names what the tag is
 * measured in, beside a number or without one. Words that say more than a unit (soft or plain words such as "meter",
 * the instrument) are left out, and so are units that are no word ("%") and phrases.
 */
export function unitTerms(units: readonly (readonly [string, string])[], taken: (form: string) => boolean): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  // One word only: a spoken phrase ("litres per second") is read whole where a unit is asked for, not joined as a name.
  for (const [spoken, unit] of units) if (/[a-z]/.test(unit) && /^[a-z0-9/]+$/.test(spoken) && !taken(spoken)) out.set(spoken, [unit]);
  return out;
}
