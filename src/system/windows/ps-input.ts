// A saved PowerShell output in whatever form it came: ConvertTo-Json (one object or
// an array, maybe after a WARNING line), or the formatted list/table view.
import { parsePsText } from "./parse-ps-text.js";
import type { PsObject } from "./ps-fields.js";

export interface PsParsed {
  warnings: string[];
  /** Set when the input could not be read at all. */
  error?: string;
}

/** The objects in a saved output, whatever its form; `error` when it is none of them. */
export function psItems(input: unknown): PsParsed & { items: PsObject[] } {
  let value = input;
  if (typeof input === "string") {
    const text = input.replace(/\uFEFF/g, "").trim();
    if (text === "") return { items: [], warnings: [] };
    value = parseJsonLoosely(text);
    if (value === undefined) {
      const objects = parsePsText(text);
      if (objects) return { items: objects, warnings: [] };
      return {
        items: [],
        warnings: [],
        error: "neither JSON nor a PowerShell list or table: save it with | ConvertTo-Json",
      };
    }
  }
  if (value === null || value === undefined) return { items: [], warnings: [] };
  const list = Array.isArray(value) ? value : [value];
  const items = list.filter((x): x is PsObject => typeof x === "object" && x !== null && !Array.isArray(x));
  const warnings =
    items.length < list.length ? [`${list.length - items.length} entries are not objects`] : [];
  return { items, warnings };
}

function parseJsonLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A WARNING line or a prompt before the JSON.
    const start = text.search(/^[[{]/m);
    if (start <= 0) return undefined;
    try {
      return JSON.parse(text.slice(start));
    } catch {
      return undefined;
    }
  }
}
