// `a.push(...b)` passes every item of b as an argument: above about 125k items that
// overflows the stack ("Maximum call stack size exceeded"). Tables, connections and
// warnings from a big host or a hostile file are that big, so they are appended here.

/** Appends every item of `items` to `target` (in order); returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `start` and every value: Math.max(...values) without the argument limit. */
export function maxOf(values: Iterable<number>, start = Number.NEGATIVE_INFINITY): number {
  let m = start;
  for (const v of values) if (v > m) m = v;
  return m;
}
