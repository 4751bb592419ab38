// `ip -json rule show` and plain `ip rule` → PolicyRule[]. Real rows:
//   {"priority":200,"src":"all","dst":"192.168.0.0","dstlen":16,"fwmark":"0x1","fwmask":"0xff","iif":"va","table":"main"}
//   5210:	from all fwmark 0x80000/0xff0000 lookup main
//   32761:  from all oif ens5 lookup special          (spaces instead of the tab, as pasted)
import { normalizePrefix } from "../../core/ip.js";
import { protoNumber } from "../../core/ip-protocols.js";
import type { Family, PolicyRule, RuleAction } from "../../core/model.js";
import { brief, isObject, type JsonObject, num, readJsonArray, str } from "./json-input.js";
import { jsonPortRange, jsonProto, portRange } from "./rule-ports.js";

interface ParsedRules {
  rules: PolicyRule[];
  warnings: string[];
  error?: string;
}

const ACTIONS = new Set(["blackhole", "unreachable", "prohibit", "nop"]);
/** Selectors the route engine does not model: the rule is kept, with a warning. */
const UNMODELLED = new Set(["tos", "dsfield", "uidrange", "uid_start", "realms", "l3mdev", "flowlabel"]);
const IGNORED_VALUED = new Set(["proto", "protocol"]);
const IGNORED_FLAGS = new Set(["[detached]", "[unresolved]", "l3mdev"]);

function mark(text: string): number | undefined {
  return /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : undefined;
}

/** "all" → undefined (matches everything); a bare address → a host prefix. */
function selector(text: string, family: Family | undefined): string | undefined | null {
  if (text === "all") return undefined;
  const p = normalizePrefix(text, family);
  return p ?? null;
}

function familyOfRule(texts: (string | undefined)[], hint: Family | undefined): Family {
  for (const t of texts) if (t && t !== "all") return t.includes(":") ? 6 : 4;
  return hint ?? 4;
}

function parseTextLine(line: string, hint: Family | undefined, warnings: string[]): PolicyRule | null {
  const m = /^\s*(\d+):\s*(.*)$/.exec(line);
  if (!m) return null;
  const tokens = (m[2] as string).split(/\s+/).filter(Boolean);
  const get = (k: string) => {
    const i = tokens.indexOf(k);
    return i < 0 ? undefined : tokens[i + 1];
  };
  const family = familyOfRule([get("from"), get("to")], hint);
  const rule: PolicyRule = { family, priority: Number(m[1]), action: "lookup" };
  let action: RuleAction | null = null;
  const odd: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const v = tokens[i + 1];
    if (t === "not") rule.not = true;
    else if (ACTIONS.has(t)) action = t as RuleAction;
    else if (IGNORED_FLAGS.has(t)) continue;
    else if (v === undefined) odd.push(t);
    else {
      i++;
      if (t === "from" || t === "to") {
        const p = selector(v, family);
        if (p === null) odd.push(`${t} ${v}`);
        else if (p !== undefined) rule[t] = p;
      } else if (t === "iif" || t === "oif") rule[t] = v;
      else if (t === "fwmark") {
        const [markText, maskText] = v.split("/");
        rule.fwmark = mark(markText ?? "");
        if (maskText !== undefined) rule.fwmask = mark(maskText);
        if (rule.fwmark === undefined) odd.push(`fwmark ${v}`);
      } else if (t === "lookup" || t === "table") {
        action = "lookup";
        rule.table = v;
      } else if (t === "goto") {
        action = "goto";
        if (/^\d+$/.test(v)) rule.goto = Number(v);
      } else if (t === "suppress_prefixlength" && /^\d+$/.test(v)) rule.suppressPrefixlength = Number(v);
      else if (t === "suppress_ifgroup" && /^\d+$/.test(v)) rule.suppressIfgroup = Number(v);
      else if (t === "ipproto") {
        const p = protoNumber(v);
        if (p === null) odd.push(`ipproto ${v}`);
        else rule.ipproto = p;
      } else if (t === "sport" || t === "dport") {
        const r = portRange(v);
        if (r === null) odd.push(`${t} ${v}`);
        else rule[t] = r;
      } else if (UNMODELLED.has(t)) odd.push(`${t} ${v}`);
      else if (!IGNORED_VALUED.has(t)) {
        odd.push(t);
        i--;
      }
    }
  }
  if (action === null) odd.push("(no action)");
  rule.action = action ?? "nop";
  if (odd.length > 0) warnings.push(`ip rule ${rule.priority}: not understood: ${odd.join(", ")}`);
  return rule;
}

export function parseIpRuleText(text: string, family?: Family): ParsedRules {
  const rules: PolicyRule[] = [];
  const warnings: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const r = parseTextLine(line, family, warnings);
    if (r) rules.push(r);
    else warnings.push(`ip rule: not a rule: ${line.trim()}`);
  }
  return { rules, warnings };
}

function jsonPrefix(o: JsonObject, key: "src" | "dst", family: Family): string | undefined | null {
  const a = str(o, key);
  if (a === undefined || a === "all") return undefined;
  const len = num(o, `${key}len`);
  return selector(len === undefined ? a : `${a}/${len}`, family);
}

function parseJsonRule(o: JsonObject, hint: Family | undefined, warnings: string[]): PolicyRule | null {
  const priority = num(o, "priority");
  if (priority === undefined) {
    warnings.push(`ip rule: entry without priority ${brief(o)}`);
    return null;
  }
  const family = familyOfRule([str(o, "src"), str(o, "dst")], hint);
  const rule: PolicyRule = { family, priority, action: "lookup" };
  if ("not" in o) rule.not = true;
  const from = jsonPrefix(o, "src", family);
  const to = jsonPrefix(o, "dst", family);
  if (from === null || to === null) warnings.push(`ip rule ${priority}: unreadable selector ${brief(o)}`);
  if (from) rule.from = from;
  if (to) rule.to = to;
  const iif = str(o, "iif");
  const oif = str(o, "oif");
  if (iif !== undefined) rule.iif = iif;
  if (oif !== undefined) rule.oif = oif;
  const fwmark = num(o, "fwmark");
  const fwmask = num(o, "fwmask");
  if (fwmark !== undefined) rule.fwmark = fwmark;
  if (fwmask !== undefined) rule.fwmask = fwmask;
  const table = str(o, "table");
  const goto = num(o, "goto");
  const action = str(o, "action");
  if (goto !== undefined) {
    rule.action = "goto";
    rule.goto = goto;
  } else if ("nop" in o) rule.action = "nop";
  else if (action !== undefined && ACTIONS.has(action)) rule.action = action as RuleAction;
  else if (table !== undefined) rule.table = table;
  else warnings.push(`ip rule ${priority}: no action understood ${brief(o)}`);
  const spl = num(o, "suppress_prefixlen");
  const sig = num(o, "suppress_ifgroup");
  if (spl !== undefined) rule.suppressPrefixlength = spl;
  if (sig !== undefined) rule.suppressIfgroup = sig;
  const ipproto = jsonProto(o);
  const sport = jsonPortRange(o, "sport");
  const dport = jsonPortRange(o, "dport");
  if (ipproto !== undefined && ipproto !== null) rule.ipproto = ipproto;
  if (sport) rule.sport = sport;
  if (dport) rule.dport = dport;
  if (ipproto === null || sport === null || dport === null)
    warnings.push(`ip rule ${priority}: unreadable ipproto or port selector ${brief(o)}`);
  const odd = [...UNMODELLED].filter((k) => k in o);
  if (odd.length > 0) warnings.push(`ip rule ${priority}: not modelled: ${odd.join(", ")}`);
  return rule;
}

export function parseIpRuleJson(text: string, family?: Family): ParsedRules {
  const { items, error } = readJsonArray(text, "ip -json rule show");
  const rules: PolicyRule[] = [];
  const warnings: string[] = [];
  for (const item of items) {
    const r = isObject(item) ? parseJsonRule(item, family, warnings) : null;
    if (r) rules.push(r);
    else if (!isObject(item)) warnings.push(`ip rule: ignored entry ${brief(item)}`);
  }
  return error === undefined ? { rules, warnings } : { rules, warnings, error };
}

/** Saved rules in either form: `ip -json rule` or plain `ip rule`. */
export function parseIpRuleSaved(text: string, family?: Family): ParsedRules {
  return text.trimStart().startsWith("[") ? parseIpRuleJson(text, family) : parseIpRuleText(text, family);
}
