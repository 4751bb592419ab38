// Shared reading of `ip -json …` output: the whole text must be one JSON array;
// anything else (truncated output, an error message on stdout) is reported, not thrown.
import { errorText } from "../../core/errors.js";

export type JsonObject = Record<string, unknown>;

// iproute2 prints a card's name raw, and a name may hold ESC or other control bytes,
// which JSON forbids inside strings. Outside strings they are no JSON at all, so
// escaping them everywhere changes nothing else. (Names never hold tab, CR or LF.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!RAW_CONTROL.test(text)) throw e;
    RAW_CONTROL.lastIndex = 0;
    return JSON.parse(
      text.replace(RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    );
  }
}

export function readJsonArray(text: string, what: string): { items: unknown[]; error?: string } {
  const t = text.trim();
  if (t === "") return { items: [] };
  try {
    const v: unknown = parseJson(t);
    if (Array.isArray(v)) return { items: v };
    return { items: [], error: `${what}: expected a JSON list, got ${typeof v}` };
  } catch (e) {
    const why = errorText(e);
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

const BRIEF = 120;

/** Text to write when it comes off the stack: a bracket, a comma, a key. */
class Literal {
  constructor(readonly text: string) {}
}

/**
 * Short excerpt of an entry for warnings. Written out by hand and bounded: JSON.stringify
 * of a huge or deeply nested entry would copy all of it, or overflow the stack.
 */
export function brief(v: unknown): string {
  let s = "";
  // An explicit stack instead of recursion: depth costs memory, never stack frames.
  const stack: unknown[] = [v];
  while (stack.length > 0 && s.length <= BRIEF) {
    const x = stack.pop();
    if (x instanceof Literal) s += x.text;
    else if (Array.isArray(x)) {
      s += "[";
      stack.push(new Literal("]"));
      for (let i = Math.min(x.length, BRIEF) - 1; i >= 0; i--) {
        stack.push(x[i]);
        if (i > 0) stack.push(new Literal(","));
      }
    } else if (typeof x === "object" && x !== null) {
      s += "{";
      stack.push(new Literal("}"));
      const keys = Object.keys(x).slice(0, BRIEF);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push((x as JsonObject)[k], new Literal(`${i > 0 ? "," : ""}${JSON.stringify(k)}:`));
      }
    } else s += (typeof x === "string" ? JSON.stringify(x.slice(0, BRIEF)) : JSON.stringify(x)) ?? String(x);
  }
  return s.length > BRIEF ? `${s.slice(0, BRIEF - 3)}...` : s;
}
