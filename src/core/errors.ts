// What a caught value says, for a one-line message: an Error's message, else the value.
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
