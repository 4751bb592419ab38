import { describe, expect, it } from "vitest";
import { buildExpecter, judge, matchPolicy } from "../../src/core/expect.js";
import type { Policy } from "../../src/core/policy.js";
import { card, winCards } from "./support/story.js";

const policy: Policy = {
  rules: [
    {
      name: "internal",
      destinations: ["10.0.0.0/8", "192.168.0.0/16"],
      interface: "int",
      gateway: "192.168.1.254",
    },
    { name: "lab", destinations: ["10.5.0.0/16"], interface: "0x10003", gateway: null },
    { name: "pinned neighbour", destinations: ["192.168.1.64/26"], interface: "192.168.1.11", gateway: null },
  ],
};

describe("matchPolicy", () => {
  const exp = buildExpecter(policy, winCards());

  it("the most specific prefix across all rules wins", () => {
    expect(matchPolicy(exp, "10.1.1.20")).toMatchObject({
      kind: "rule",
      prefix: "10.0.0.0/8",
      rule: { name: "internal" },
    });
    expect(matchPolicy(exp, "10.5.9.9")).toMatchObject({
      kind: "rule",
      prefix: "10.5.0.0/16",
      rule: { name: "lab" },
    });
  });

  it("resolves cards by index and address", () => {
    const lab = matchPolicy(exp, "10.5.9.9");
    expect(lab.kind === "rule" && lab.rule.card?.name).toBe("ext");
    const n = matchPolicy(exp, "192.168.1.70");
    expect(n.kind === "rule" && n.rule.card?.name).toBe("int");
  });

  it("a directly connected subnet is any card on it, even inside a rule's shorter prefix", () => {
    expect(matchPolicy(exp, "192.168.1.1")).toEqual({
      kind: "connected",
      subnet: "192.168.1.0/24",
      cards: ["ext", "int"],
    });
  });

  it("unless a rule names that prefix or a longer one", () => {
    expect(matchPolicy(exp, "192.168.1.70")).toMatchObject({ kind: "rule", prefix: "192.168.1.64/26" });
    const same = buildExpecter(
      { rules: [{ name: "x", destinations: ["192.168.1.0/24"], interface: "ext", gateway: null }] },
      winCards(),
    );
    expect(matchPolicy(same, "192.168.1.50")).toMatchObject({ kind: "rule", prefix: "192.168.1.0/24" });
  });

  it("outside every rule and subnet there is no expectation; IPv4-mapped and zoned forms are read", () => {
    expect(matchPolicy(exp, "203.0.113.9")).toEqual({ kind: "none" });
    expect(matchPolicy(exp, "::ffff:10.1.1.20")).toMatchObject({ kind: "rule", prefix: "10.0.0.0/8" });
    expect(matchPolicy(exp, "garbage")).toEqual({ kind: "none" });
  });

  it("a down card's subnet is not connected", () => {
    const cards = [card("ext", 1, "192.168.1.10"), card("int", 2, "172.16.5.2", { up: false })];
    const e = buildExpecter(policy, cards);
    expect(matchPolicy(e, "172.16.5.9")).toEqual({ kind: "none" });
  });

  it("names a card the host does not have as a problem", () => {
    const e = buildExpecter(
      { rules: [{ name: "x", destinations: ["10.0.0.0/8"], interface: "eth7" }] },
      winCards(),
    );
    expect(e.problems[0]).toMatch(
      /rule 'x' names card "eth7", which this host does not have \(cards: ext, int\)/,
    );
    const m = matchPolicy(e, "10.0.0.1");
    expect(judge(m, { interface: "ext", gateway: null }).match).toBeNull();
  });
});

describe("judge", () => {
  const exp = buildExpecter(policy, winCards());
  const at = (d: string) => matchPolicy(exp, d);
  it.each([
    ["10.1.1.20", "int", "192.168.1.254", true],
    ["10.1.1.20", "ext", "192.168.1.1", false],
    ["10.1.1.20", "int", "192.168.1.1", false],
    ["10.5.1.1", "ext", "192.168.1.1", true],
    ["192.168.1.50", "int", null, true],
    ["192.168.1.50", "ext", null, true],
    ["192.168.1.50", null, null, false],
  ])("%s leaving %s via %s → %s", (dest, iface, gw, match) => {
    expect(judge(at(dest), { interface: iface, gateway: gw }).match).toBe(match);
  });
  it("no rule: no expectation and no match", () => {
    expect(judge(at("203.0.113.9"), { interface: "ext", gateway: "192.168.1.1" })).toEqual({
      expected: null,
      match: null,
    });
  });
});
