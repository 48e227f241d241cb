// Instrument tag letters as engineers write them (ISA-5.1: "PT" pressure transmitter, "FIT" flow indicating
// transmitter, "LT" level transmitter): the thesaurus lists the measured-variable letters and the readout letters as
// data, and every combination becomes a spoken form of that variable's catalog words.

/** The `instruments` section of the thesaurus: variable letters -> catalog words, and the readout letters that follow. */
export interface InstrumentLetters {
  variables: Readonly<Record<string, readonly string[]>>;
  readouts: readonly string[];
}

/** Each form of a variable's letters: every readout after it ("pt", "pit"), the bare letters of a variable of two or
 * more ("fq": flow quantity), and the plural of each ("LTs" of three tanks). */
function formsOf(variable: string, readouts: readonly string[]): string[] {
  const forms = [...readouts.map((readout) => `${variable}${readout}`), ...(variable.length > 1 ? [variable] : [])];
  return forms.flatMap((form) => [form, `${form}s`]);
}

/**
 * Spoken forms of the instrument letters -> the catalog words they stand for ("pt" -> pressure, "fqit" -> flow
 * total). A form that is already a word of the planner (`taken`: plain English, thesaurus keys) is left to that word.
 * A variable without words (the analyser letter: "AIT cl2") is left to instrumentOnlyForms.
 */
export function instrumentTerms(letters: InstrumentLetters, taken: (form: string) => boolean): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [variable, words] of Object.entries(letters.variables))
    if (words.length > 0) for (const form of formsOf(variable, letters.readouts)) if (!taken(form)) out.set(form, words);
  return out;
}

/**
 * Forms of the variables listed without catalog words: the letters name an instrument whose measured variable the
 * question's other words say ("AIT cl2 final water": an analyser of chlorine). They narrow nothing (soft words).
 */
export function instrumentOnlyForms(letters: InstrumentLetters, taken: (form: string) => boolean): string[] {
  return Object.entries(letters.variables)
    .filter(([, words]) => words.length === 0)
    .flatMap(([variable]) => formsOf(variable, letters.readouts))
    .filter((form) => !taken(form));
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
