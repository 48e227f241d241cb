// Numbers written as words, one table for every reader of them (limits "six bar", counts "last ten days", ranking
// limits "top three", alarm counts "the five most recent"); each reader takes the range it reads.

/** Every number word the planner reads, smallest first (the order patterns list them in). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

/** The number words from `min` to `max`, in the table's order. */
export function numberWordsBetween(min: number, max: number): Readonly<Record<string, number>> {
  return Object.fromEntries(Object.entries(NUMBER_WORDS).filter(([, value]) => value >= min && value <= max));
}
