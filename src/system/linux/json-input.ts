// Shared reading of `ip -json …` output: the whole text must be one JSON array;
// anything else (truncated output, an error message on stdout) is reported, not thrown.

export type JsonObject = Record<string, unknown>;

export function readJsonArray(text: string, what: string): { items: unknown[]; error?: string } {
  const t = text.trim();
  if (t === "") return { items: [] };
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v)) return { items: v };
    return { items: [], error: `${what}: expected a JSON list, got ${typeof v}` };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { items: [], error: `${what}: output is not valid JSON (${why}); is iproute2 older than 4.14?` };
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

export function num(o: JsonObject, key: string): number | undefined {
  const v = o[key];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^(0x[0-9a-f]+|\d+)$/i.test(v)) return Number(v);
  return undefined;
}

/** Short excerpt of an entry for warnings. */
export function brief(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
