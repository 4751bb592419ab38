// Checks of what the operator types in the guided fix. Each error says what is
// wrong and what would do instead.
import { contains, formatPrefix, normalizeAddr, parseAddr, parsePrefix } from "../../core/ip.js";
import type { Analysis } from "../../core/model.js";
import { onCardSubnet } from "../../system/neighbours.js";
import { parseHostPort } from "../probe.js";
import { addressText, cardsOf, externalOf } from "./facts.js";
import type { Target } from "./types.js";

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function checkGateway(a: Analysis, card: string, text: string): Checked<string> {
  const t = text.trim();
  const addr = parseAddr(t);
  if (addr?.family !== 4) return { ok: false, error: `"${t}" is not an IPv4 address such as 192.168.1.254` };
  const gw = normalizeAddr(t) as string;
  const c = cardsOf(a).find((x) => x.name === card);
  if (c?.addresses.some((x) => x.address === gw))
    return { ok: false, error: `${gw} is ${card}'s own address: give the router's address` };
  if (c && !onCardSubnet(c, gw))
    return {
      ok: false,
      error: `${gw} is not on ${card}'s subnet (${addressText(c)}): a gateway must be reachable directly from the card`,
    };
  const ext = externalOf(a, card);
  if (ext?.gateway === gw)
    return {
      ok: false,
      error: `${gw} is the internet gateway on ${ext.interface}: the internal networks need the other router`,
    };
  return { ok: true, value: gw };
}

export function checkRanges(text: string): Checked<string[]> {
  const items = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return { ok: false, error: "give at least one range, e.g. 10.0.0.0/8" };
  const out: string[] = [];
  for (const item of items) {
    const strict = parsePrefix(item, { strict: true });
    if (!strict || !item.includes("/")) {
      const loose = parsePrefix(item);
      return {
        ok: false,
        error:
          loose && item.includes("/")
            ? `${item} has host bits set: did you mean ${formatPrefix(loose)}?`
            : `"${item}" is not a range such as 10.0.0.0/8`,
      };
    }
    if (strict.addr.family !== 4) return { ok: false, error: `${item}: only IPv4 ranges here` };
    if (strict.len === 0)
      return { ok: false, error: "0.0.0.0/0 is the default route: it stays with the internet card" };
    const canon = formatPrefix(strict);
    if (!out.includes(canon)) out.push(canon);
  }
  return { ok: true, value: out };
}

/** Empty means no proof; otherwise host:port inside the internal ranges (names are taken as given). */
export function checkProof(text: string, ranges: readonly string[]): Checked<Target | null> {
  if (text.trim() === "") return { ok: true, value: null };
  const hp = parseHostPort(text);
  if ("error" in hp) return { ok: false, error: hp.error };
  if (parseAddr(hp.host) && !ranges.some((r) => contains(r, hp.host)))
    return {
      ok: false,
      error: `${hp.host} is not in the internal ranges (${ranges.join(", ")}): it would not prove this fix`,
    };
  return { ok: true, value: hp };
}

export function checkPolicyPath(text: string): Checked<string> {
  const t = text.trim();
  if (t === "") return { ok: false, error: "give a file name, e.g. ./dualhome-policy.yaml" };
  if (!/\.(ya?ml|json)$/i.test(t))
    return { ok: false, error: `${t}: the name must end in .yaml, .yml or .json` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a path typed at a prompt has no control characters
  if (/[\x00-\x1f]/.test(t)) return { ok: false, error: "the file name has control characters" };
  return { ok: true, value: t };
}
