// The layer-4 selectors of `ip rule` (ipproto, sport, dport), as `ip rule` and
// `ip -json rule` print them: "ipproto tcp", "dport 5061", "sport 1000-2000";
// JSON "ipproto":"tcp", "dport":5061, "sport_start":1000,"sport_end":2000.

import { protoNumber } from "../../core/ip-protocols.js";
import type { JsonObject } from "./json-input.js";
import { num, str } from "./json-input.js";

function port(text: string): number | null {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : null;
}

/** "53" → [53, 53]; "1000-2000" → [1000, 2000]; null when it is neither. */
export function portRange(text: string): [number, number] | null {
  const [a = "", b, ...rest] = text.split("-");
  const lo = port(a);
  const hi = b === undefined ? lo : port(b);
  return lo === null || hi === null || rest.length > 0 || hi < lo ? null : [lo, hi];
}

/** The JSON form: `key` for one port, `key_start` and `key_end` for a range; null when unreadable. */
export function jsonPortRange(o: JsonObject, key: "sport" | "dport"): [number, number] | undefined | null {
  const one = num(o, key);
  if (one !== undefined) return [one, one];
  const lo = num(o, `${key}_start`);
  const hi = num(o, `${key}_end`);
  if (lo === undefined && hi === undefined) return key in o ? null : undefined;
  return lo !== undefined && hi !== undefined && lo <= hi ? [lo, hi] : null;
}

export function jsonProto(o: JsonObject): number | undefined | null {
  const n = num(o, "ipproto");
  if (n !== undefined) return n;
  const s = str(o, "ipproto");
  return s === undefined ? undefined : protoNumber(s);
}
