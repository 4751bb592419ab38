// The policy file: which card (and gateway) each destination should leave by.
// Parsing never throws: a policy is typed by hand, so every mistake comes back
// as a line that names the field, e.g. "rules[0].destinations[1]: not a prefix".

import { parseDocument } from "yaml";
import { z } from "zod";
import { errorText } from "./errors.js";
import { formatAddr, formatPrefix, parseAddr, parseIfIndex, parsePrefix } from "./ip.js";
import type { NetInterface } from "./model.js";

export interface PolicyRuleSpec {
  name: string;
  /** Canonical prefixes ("10.0.0.0/8"). */
  destinations: string[];
  /** Card reference as written: name, alias/description, index (12 or 0x10004) or an address. */
  interface: string;
  /** null or absent: any gateway on that card is fine (or, inferred, not known yet). */
  gateway?: string | null;
}

export interface Policy {
  rules: PolicyRuleSpec[];
}

type PolicyParseResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

const need = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `missing: ${what}` : `expected ${what}`;

const RuleSchema = z.strictObject({
  name: z.string({ error: need("a text name") }).optional(),
  // One prefix alone is accepted as a list of one; YAML users write it so.
  destinations: z.preprocess(
    (v) => (typeof v === "string" ? [v] : v),
    z
      .array(z.string({ error: need('a prefix such as "10.0.0.0/8"') }), {
        error: need('a list of prefixes such as ["10.0.0.0/8"]'),
      })
      .min(1, 'needs at least one prefix, such as "10.0.0.0/8"'),
  ),
  // YAML reads `interface: 0x10004` as the number 65540: take it as an index.
  interface: z.preprocess(
    (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? String(v) : v),
    z
      .string({ error: need("the card's name, alias, index or address") })
      .trim()
      .min(1, "is empty: give the card's name, alias, index or address"),
  ),
  gateway: z
    .string({ error: need("an IP address or null") })
    .nullable()
    .optional(),
});

const PolicySchema = z.strictObject(
  {
    rules: z
      .array(RuleSchema, { error: need('a list of rules, e.g. rules: [{destinations: ["10.0.0.0/8"], …}]') })
      .min(1, "needs at least one rule"),
  },
  { error: need('an object with a "rules" list') },
);

function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(top level)";
}

function shapeErrors(error: z.ZodError): string[] {
  const out: string[] = [];
  for (const iss of error.issues) {
    if (iss.code === "unrecognized_keys") {
      for (const k of iss.keys) out.push(`${fieldPath([...iss.path, k])}: unknown field`);
    } else out.push(`${fieldPath(iss.path)}: ${iss.message}`);
  }
  return out;
}

function readText(text: string, fileName?: string): { value: unknown } | { errors: string[] } {
  const where = fileName ? `${fileName}: ` : "";
  if (text.trim() === "") return { errors: [`${where}the policy is empty: it needs a "rules" list`] };
  const ext = fileName?.toLowerCase().match(/\.(json|ya?ml)$/)?.[1];
  let jsonError: string | null = null;
  if (ext !== "yaml" && ext !== "yml") {
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      jsonError = `${where}not valid JSON: ${errorText(e)}`;
      if (ext === "json") return { errors: [jsonError] };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Text that looked like JSON gets the JSON complaint, which is the clearer one.
    if (jsonError && /^\s*[[{]/.test(text)) return { errors: [jsonError] };
    return {
      errors: doc.errors.map(
        (e) => `${where}not valid YAML: ${(e.message.split("\n")[0] ?? "").replace(/:$/, "")}`,
      ),
    };
  }
  return { value: doc.toJS({ maxAliasCount: 100 }) };
}

function checkRule(rule: z.infer<typeof RuleSchema>, i: number, errors: string[]): PolicyRuleSpec {
  const at = `rules[${i}]`;
  const destinations: string[] = [];
  const families = new Set<number>();
  rule.destinations.forEach((d, j) => {
    const strict = parsePrefix(d, { strict: true });
    if (strict) {
      destinations.push(formatPrefix(strict));
      families.add(strict.addr.family);
      return;
    }
    const loose = parsePrefix(d);
    errors.push(
      loose
        ? `${at}.destinations[${j}]: ${d} has host bits set; did you mean ${formatPrefix(loose)}?`
        : `${at}.destinations[${j}]: "${d}" is not a prefix such as 10.0.0.0/8`,
    );
  });
  let gateway: string | null = null;
  if (rule.gateway !== undefined && rule.gateway !== null && rule.gateway.trim() !== "") {
    const gw = parseAddr(rule.gateway);
    if (!gw) errors.push(`${at}.gateway: "${rule.gateway}" is not an IP address`);
    else if (families.size > 0 && (families.size > 1 || !families.has(gw.family)))
      errors.push(`${at}.gateway: ${rule.gateway} cannot reach every destination's family; split the rule`);
    else gateway = formatAddr(gw);
  }
  return { name: rule.name?.trim() || `rule ${i + 1}`, destinations, interface: rule.interface, gateway };
}

/** Parses a policy file's text (JSON or YAML). Never throws. */
export function parsePolicyText(text: string, fileName?: string): PolicyParseResult {
  try {
    const read = readText(String(text), fileName);
    if ("errors" in read) return { ok: false, errors: read.errors };
    const shaped = PolicySchema.safeParse(read.value);
    if (!shaped.success) return { ok: false, errors: shapeErrors(shaped.error) };
    const errors: string[] = [];
    const rules = shaped.data.rules.map((r, i) => checkRule(r, i, errors));
    const owner = new Map<string, number>();
    rules.forEach((r, i) => {
      r.destinations.forEach((d, j) => {
        const k = owner.get(d);
        const other = k === undefined ? undefined : rules[k];
        if (other && other.interface !== r.interface)
          errors.push(`rules[${i}].destinations[${j}]: ${d} is already sent to another card by rules[${k}]`);
        else if (k === undefined) owner.set(d, i);
      });
    });
    return errors.length > 0 ? { ok: false, errors } : { ok: true, policy: { rules } };
  } catch (e) {
    return {
      ok: false,
      errors: [`could not read the policy: ${errorText(e)}`],
    };
  }
}

/** Finds a card by name, alias/description, index (decimal or 0x hex) or one of its addresses. */
export function resolveInterface(ref: string, interfaces: readonly NetInterface[]): NetInterface | null {
  const t = ref.trim();
  const exact = interfaces.find((i) => i.name === t) ?? interfaces.find((i) => i.description === t);
  if (exact) return exact;
  // Windows aliases are case-insensitive ("internal" finds "Internal").
  const low = t.toLowerCase();
  const folded =
    interfaces.find((i) => i.name.toLowerCase() === low) ??
    interfaces.find((i) => i.description?.toLowerCase() === low);
  if (folded) return folded;
  const idx = parseIfIndex(t);
  if (idx !== null) return interfaces.find((i) => i.index === idx) ?? null;
  const addr = parseAddr(t);
  if (!addr) return null;
  const text = formatAddr(addr);
  return interfaces.find((i) => i.addresses.some((a) => a.address === text)) ?? null;
}
