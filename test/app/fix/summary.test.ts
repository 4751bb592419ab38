import { describe, expect, it } from "vitest";
import { policyFileText } from "../../../src/app/fix/summary.js";
import { proofLine } from "../../../src/app/fix/text.js";
import type { ProofView } from "../../../src/app/fix/types.js";
import { parsePolicyText } from "../../../src/core/policy.js";
import { T0 } from "./support.js";

const POLICY = {
  rules: [
    {
      name: "internal",
      destinations: ["10.0.0.0/8", "172.16.0.0/12"],
      interface: "Ethernet 2",
      gateway: "192.168.1.254",
    },
    { name: "external", destinations: ["0.0.0.0/0"], interface: "Ethernet", gateway: null },
  ],
};

describe("the policy file the fix writes", () => {
  it("reads back as the same policy, in YAML and in JSON", () => {
    for (const [name, json] of [
      ["p.yaml", false],
      ["p.json", true],
    ] as const) {
      const text = policyFileText(POLICY, "srv-edge01", T0, json);
      expect(parsePolicyText(text, name)).toEqual({ ok: true, policy: POLICY });
    }
    expect(policyFileText(POLICY, "srv-edge01", T0, false)).toMatch(
      /^# dualhome policy.*\n# Written by `dualhome fix` on srv-edge01, 2023-11-14 22:13:20 UTC/,
    );
  });
});

describe("the proof line", () => {
  const base: ProofView = {
    target: { host: "10.1.1.20", port: 5061 },
    result: {
      host: "10.1.1.20",
      port: 5061,
      outcome: "timeout",
      source: "192.168.1.10",
      sourcePort: 50000,
      ms: 21_000,
    },
    card: "ext",
    gateway: "192.168.1.1",
    ok: false,
    at: T0,
    wrongBefore: 2,
    wrongNow: 2,
    rightNow: 0,
    polledAt: T0,
    note: null,
  };
  it("says how it ended, from which address, by which card", () => {
    expect(proofLine(base)).toBe(
      "10.1.1.20:5061 timed out in SYN_SENT after 21.0 s from 192.168.1.10 via ext (gateway 192.168.1.1) at 22:13:20 UTC",
    );
    expect(proofLine({ ...base, target: null })).toMatch(/no proof asked for/);
  });
});
