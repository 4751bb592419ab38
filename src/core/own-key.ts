// Tables looked up by text from outside (a saved file, a typed word, a pasted key):
// `constructor` or `__proto__` must find nothing, not one of Object's own members.

/** The value `table` holds under `key` itself, or undefined; never an inherited member. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
