/**
 * "Did you mean …": whether a key or value nobody knows is a near miss of one we know.
 * Optimal string alignment distance (a swap of two neighbours counts once, as in `feild_name`),
 * compared case-insensitively with `-`, `_` and spaces ignored as well as literally.
 */

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to one edit for short words, two for longer ones: typos, not different words. */
const tolerance = (word: string) => (word.length >= 6 ? 2 : 1);

const loose = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");

/** The known word `candidate` most likely meant, or undefined when it is simply a different word. */
export function nearMiss(candidate: string, known: readonly string[]): string | undefined {
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    if (word === candidate) return undefined;
    const d =
      loose(word) === loose(candidate)
        ? 0
        : Math.min(distance(candidate, word), distance(candidate.toLowerCase(), word.toLowerCase()));
    if (d <= tolerance(word) && (!best || d < best.d)) best = { word, d };
  }
  return best?.word;
}
