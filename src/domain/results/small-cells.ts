// Small-cell suppression that subtraction cannot undo. A count below the threshold could point at one person, so
// it is hidden; but with the total shown, one hidden cell is the total minus the others (total 12, women 10 →
// 2 others). So more cells are hidden, the smallest first, until what is hidden adds up to nothing or to at
// least the threshold: no hidden cell, and no small group of them, can be worked out from what is shown.

/** Each key's count, or null where hidden. `totalShown`: the breakdown's total is published beside it. */
export function suppressSmallCells(
  keys: readonly string[],
  countOf: (key: string) => number | undefined,
  threshold: number,
  totalShown: boolean,
): Record<string, number | null> {
  const counts = keys.map((key) => ({ key, count: countOf(key) ?? 0, counted: countOf(key) !== undefined }));
  const hidden = new Set(
    counts.filter((cell) => !cell.counted || cell.count < threshold).map((cell) => cell.key),
  );
  if (totalShown) {
    const hiddenSum = () => counts.reduce((sum, cell) => (hidden.has(cell.key) ? sum + cell.count : sum), 0);
    const visible = () =>
      counts
        .filter((cell) => !hidden.has(cell.key))
        .sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : 1));
    while (hiddenSum() > 0 && hiddenSum() < threshold && visible().length > 0) hidden.add(visible()[0]!.key);
  }
  return Object.fromEntries(counts.map((cell) => [cell.key, hidden.has(cell.key) ? null : cell.count]));
}
