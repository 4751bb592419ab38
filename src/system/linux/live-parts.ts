// The small parts of a live poll (cards, rules, sysctls), parsed only when the command
// printed something new, so an unchanged part is the same object poll after poll.

import { appendAll } from "../../core/append-all.js";
import { errorText } from "../../core/errors.js";
import type { IfSysctls, NetInterface, Part, PolicyRule } from "../../core/model.js";
import { sameData } from "../../core/same-data.js";
import { settle } from "./linux-parts.js";
import { parseIpAddrJson } from "./parse-ip-addr.js";
import { parseIpRuleJson } from "./parse-ip-rule.js";
import { type ReadFile, readSysctls } from "./sysctls.js";

/** Keeps a part's object while the command printed the same text. */
export class TextPart<T> {
  private text: string | null = null;
  part: Part<T> | null = null;

  take(text: string, parse: () => Part<T>): Part<T> {
    if (this.part && text === this.text) return this.part;
    this.text = text;
    this.part = parse();
    return this.part;
  }
}

export function interfacesPart(text: string): Part<NetInterface[]> {
  const p = parseIpAddrJson(text);
  return p.error === undefined
    ? { ok: true, value: p.interfaces, warnings: p.warnings }
    : { ok: false, error: p.error, warnings: p.warnings };
}

/** IPv4 decides the part; IPv6 failing (a kernel booted without it) is only a warning. */
export function rulesPart(v4: string, v6: PromiseSettledResult<string>): Part<PolicyRule[]> {
  const p4 = parseIpRuleJson(v4, 4);
  if (p4.error !== undefined) return { ok: false, error: p4.error, warnings: p4.warnings };
  const warnings = [...p4.warnings];
  let value = p4.rules;
  if (v6.status === "rejected") warnings.push(`IPv6: ${errorText(v6.reason)}`);
  else {
    const p6 = parseIpRuleJson(v6.value, 6);
    if (p6.error !== undefined) warnings.push(`IPv6: ${p6.error}`);
    else {
      value = value.concat(p6.rules);
      appendAll(warnings, p6.warnings);
    }
  }
  return { ok: true, value, warnings };
}

/** Sysctls have no netlink event: re-read on a cadence, the same part while the values stay. */
export class SysctlsCache {
  part: Part<Record<string, IfSysctls>> | null = null;
  at = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly readFile: ReadFile,
    private readonly now: () => number,
  ) {}

  async read(cards: Part<NetInterface[]>): Promise<Part<Record<string, IfSysctls>>> {
    const part = await settle(
      (async () => {
        const r = await readSysctls(cards.ok ? cards.value.map((i) => i.name) : [], this.readFile);
        if (!cards.ok) r.warnings.push("cards unknown (ip addr failed): only 'all' was read");
        return r;
      })(),
    );
    this.at = this.now();
    // Reads finish in any order, so keys come in any order: compare the values.
    if (this.part && sameData(this.part, part)) return this.part;
    this.part = part;
    return part;
  }
}
