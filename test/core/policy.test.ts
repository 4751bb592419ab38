import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePolicyText, resolveInterface } from "../../src/core/policy.js";
import { card } from "./support/story.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/policy/${name}`, import.meta.url), "utf8");

describe("parsePolicyText", () => {
  it("reads the JSON example policy of docs/ARCHITECTURE.md", () => {
    const r = parsePolicyText(fixture("internal.json"), "internal.json");
    expect(r).toEqual({
      ok: true,
      policy: {
        rules: [
          {
            name: "internal",
            destinations: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
            interface: "Internal",
            gateway: "192.168.1.254",
          },
        ],
      },
    });
  });

  it("reads YAML, a single prefix as a list of one, and a hex index that YAML turns into a number", () => {
    const r = parsePolicyText(fixture("internal.yaml"), "internal.yaml");
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.policy.rules[1]).toEqual({
      name: "backup network",
      destinations: ["198.51.100.0/24"],
      interface: "65540",
      gateway: null,
    });
  });

  it("reads YAML without a file name and names unnamed rules", () => {
    const r = parsePolicyText("rules:\n  - destinations: [10.0.0.0/8]\n    interface: eth1\n");
    expect(r).toEqual({
      ok: true,
      policy: { rules: [{ name: "rule 1", destinations: ["10.0.0.0/8"], interface: "eth1", gateway: null }] },
    });
  });

  it.each([
    [
      '{"rules":[{"destinations":["10.0.0.0/8","nope"],"interface":"int"}]}',
      'rules[0].destinations[1]: "nope" is not a prefix',
    ],
    [
      '{"rules":[{"destinations":["10.1.0.0/8"],"interface":"int"}]}',
      "rules[0].destinations[0]: 10.1.0.0/8 has host bits set; did you mean 10.0.0.0/8?",
    ],
    ['{"rules":[{"destinations":["10.0.0.0/8"]}]}', "rules[0].interface: missing"],
    ['{"rules":[{"destinations":["10.0.0.0/8"],"interface":"  "}]}', "rules[0].interface: is empty"],
    [
      '{"rules":[{"destinations":["10.0.0.0/8"],"interface":"int","gatway":"1.2.3.4"}]}',
      "rules[0].gatway: unknown field",
    ],
    [
      '{"rules":[{"destinations":["10.0.0.0/8"],"interface":"int","gateway":"192.168.1"}]}',
      'rules[0].gateway: "192.168.1" is not an IP address',
    ],
    [
      '{"rules":[{"destinations":["fd00::/8"],"interface":"int","gateway":"192.168.1.254"}]}',
      "rules[0].gateway: 192.168.1.254 cannot reach",
    ],
    ['{"rules":[{"destinations":[],"interface":"int"}]}', "rules[0].destinations: needs at least one prefix"],
    ['{"rules":[{"destinations":[8],"interface":"int"}]}', "rules[0].destinations[0]: expected a prefix"],
    ['{"rules":[]}', "rules: needs at least one rule"],
    ["{}", "rules: missing"],
    ["[1,2]", "(top level): expected an object"],
    ["", "the policy is empty"],
    ['{"rules": [', "not valid JSON"],
    ["rules:\n  - destinations: [10.0.0.0/8\n", "not valid YAML"],
  ])("%s → %s", (text, error) => {
    const r = parsePolicyText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.startsWith(error))).toBe(true);
  });

  it("refuses one prefix sent to two cards by two rules", () => {
    const r = parsePolicyText(
      '{"rules":[{"destinations":["10.0.0.0/8"],"interface":"int"},{"destinations":["10.0.0.0/8"],"interface":"ext"}]}',
    );
    expect(r).toEqual({
      ok: false,
      errors: ["rules[1].destinations[0]: 10.0.0.0/8 is already sent to another card by rules[0]"],
    });
  });

  it("reports every bad field at once", () => {
    const r = parsePolicyText(
      '{"rules":[{"destinations":["x"],"interface":"a"},{"destinations":["y"],"interface":"b"}]}',
    );
    expect(r.ok ? [] : r.errors).toHaveLength(2);
  });

  it("prefixes syntax errors with the file name and keeps JSON errors for .json files", () => {
    const r = parsePolicyText("rules: []", "policy.json");
    expect(r.ok ? "" : r.errors[0]).toMatch(/^policy\.json: not valid JSON/);
  });
});

describe("resolveInterface", () => {
  const cards = [
    card("ext", 0x10003, "192.168.1.10", { description: "Intel(R) PRO/1000 MT" }),
    card("Internal", 0x10004, "192.168.1.11", { description: "Broadcom NetXtreme" }),
  ];
  it.each([
    ["Internal", "Internal"],
    ["internal", "Internal"],
    ["Broadcom NetXtreme", "Internal"],
    ["0x10004", "Internal"],
    ["65540", "Internal"],
    ["65539", "ext"],
    ["192.168.1.10", "ext"],
    ["Intel(R) PRO/1000 MT", "ext"],
  ])("%s → %s", (ref, name) => {
    expect(resolveInterface(ref, cards)?.name).toBe(name);
  });
  it.each(["eth9", "0x99", "192.168.1.99", ""])("%s → none", (ref) => {
    expect(resolveInterface(ref, cards)).toBeNull();
  });
});
