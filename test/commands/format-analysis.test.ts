// `snapshot` for people: the policy rules a host has besides the three defaults,
// written as `ip rule` writes them.
import { describe, expect, it } from "vitest";
import { formatAnalysis } from "../../src/commands/format-analysis.js";
import { analyze } from "../../src/core/analyze.js";
import type { PolicyRule } from "../../src/core/model.js";
import { linuxSnapshot } from "../app/fix/support.js";

const rule = (r: Partial<PolicyRule> & Pick<PolicyRule, "priority">): PolicyRule => ({
  family: 4,
  action: "lookup",
  ...r,
});

describe("formatAnalysis: policy rules", () => {
  it("lists the host's own rules, not local, main and default", () => {
    const snap = linuxSnapshot();
    snap.rules = {
      ok: true,
      warnings: [],
      value: [
        rule({ priority: 0, table: "local" }),
        rule({ priority: 100, to: "10.0.0.0/8", table: "100" }),
        rule({ priority: 1500, ipproto: 6, dport: [5061, 5061], sport: [1000, 2000], table: "150" }),
        rule({
          priority: 2000,
          not: true,
          from: "192.168.1.0/24",
          fwmark: 1,
          fwmask: 255,
          action: "prohibit",
        }),
        rule({ priority: 32766, table: "main" }),
        rule({ priority: 32767, table: "default" }),
      ],
    };
    const text = formatAnalysis(analyze(snap, { now: snap.takenAt }), () => [], { full: true });
    const lines = text.split("\n");
    const at = lines.indexOf("Policy rules (3 besides local, main and default)");
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      "  100: from all to 10.0.0.0/8 lookup 100 (IPv4)",
      "  1500: from all ipproto tcp sport 1000-2000 dport 5061 lookup 150 (IPv4)",
      "  2000: not from 192.168.1.0/24 fwmark 0x1/0xff prohibit (IPv4)",
    ]);
  });

  it("says nothing about rules on a host that has only the defaults", () => {
    const snap = linuxSnapshot();
    const text = formatAnalysis(analyze(snap, { now: snap.takenAt }), () => [], { full: true });
    expect(text).not.toContain("Policy rules");
  });
});
