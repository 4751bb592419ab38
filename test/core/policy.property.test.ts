import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { formatV4 } from "../../src/core/ip.js";
import { parsePolicyText } from "../../src/core/policy.js";

const wellFormed = (r: ReturnType<typeof parsePolicyText>) =>
  r.ok
    ? r.policy.rules.length > 0
    : r.errors.length > 0 && r.errors.every((e) => typeof e === "string" && e !== "");

const hasRulesList = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Array.isArray((v as { rules?: unknown }).rules);

const prefix = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([a, len]) => `${formatV4(len === 0 ? 0 : (a & ((0xffffffff << (32 - len)) >>> 0)) >>> 0)}/${len}`);

const validPolicy = fc.uniqueArray(prefix, { minLength: 1, maxLength: 12 }).chain((prefixes) =>
  fc
    .array(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ""),
        interface: fc.constantFrom("eth1", "Internal", "0x10004", "192.168.1.11"),
        gateway: fc.option(fc.constantFrom("192.168.1.254", "10.0.0.1"), { nil: null }),
      }),
      { minLength: prefixes.length, maxLength: prefixes.length },
    )
    .map((rules) => ({
      // One prefix per rule: no prefix is claimed by two cards.
      rules: rules.map((r, i) => ({ ...r, name: r.name.trim(), destinations: [prefixes[i] as string] })),
    })),
);

describe("parsePolicyText (properties)", () => {
  it("never throws on random text, and text without a rules list is refused", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom(undefined, "p.json", "p.yaml", "p.txt"),
        (s, name) => {
          const r = parsePolicyText(s, name);
          expect(wellFormed(r)).toBe(true);
          if (!s.includes("rules")) expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on random JSON values (as JSON and as YAML); without a rules list they are refused", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, asYaml) => {
        const r = parsePolicyText(asYaml ? toYaml(v) : JSON.stringify(v));
        expect(wellFormed(r)).toBe(true);
        if (!hasRulesList(v)) expect(r.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("random JSON-ish rules lists: never throws, and anything but a valid rule is refused", () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ destinations: fc.anything(), interface: fc.anything(), gateway: fc.anything() }),
    );
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 4 }), (rules) => {
        let text: string;
        try {
          text = JSON.stringify({ rules });
        } catch {
          return; // BigInt and friends have no JSON form
        }
        if (text === undefined) return;
        const r = parsePolicyText(text);
        expect(wellFormed(r)).toBe(true);
        const plausible =
          rules.length > 0 &&
          rules.every(
            (x) =>
              typeof x === "object" &&
              x !== null &&
              !Array.isArray(x) &&
              "destinations" in x &&
              "interface" in x,
          );
        if (!plausible) expect(r.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("valid policies round-trip through JSON and YAML", () => {
    fc.assert(
      fc.property(validPolicy, fc.boolean(), (p, asYaml) => {
        const r = parsePolicyText(asYaml ? toYaml(p) : JSON.stringify(p), asYaml ? "p.yaml" : "p.json");
        if (!r.ok) throw new Error(r.errors.join("\n"));
        expect(r.policy.rules.map((x) => x.destinations[0])).toEqual(p.rules.map((x) => x.destinations[0]));
        expect(r.policy.rules.map((x) => x.gateway)).toEqual(p.rules.map((x) => x.gateway));
      }),
      { numRuns: 1000 },
    );
  });

  it("one corrupted field is refused with an error naming its path", () => {
    type Rule = Record<string, unknown>;
    const corruptions: { field: string; corrupt: (r: Rule) => Rule }[] = [
      { field: "destinations[0]", corrupt: (r) => ({ ...r, destinations: ["10.0.0.0/33"] }) },
      { field: "gateway", corrupt: (r) => ({ ...r, gateway: "999.1.1.1" }) },
      { field: "interface", corrupt: (r) => ({ ...r, interface: 5.5 }) },
      { field: "gatewya", corrupt: (r) => ({ ...r, gatewya: "1.1.1.1" }) },
      {
        field: "interface",
        corrupt: (r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "interface")),
      },
    ];
    const corruption = fc.constantFrom(...corruptions);
    fc.assert(
      fc.property(validPolicy, fc.nat(), corruption, (p, pick, { corrupt, field }) => {
        const i = pick % p.rules.length;
        const rules = p.rules.map((r, j) => (j === i ? corrupt(r) : r));
        const r = parsePolicyText(JSON.stringify({ rules }));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.some((e) => e.startsWith(`rules[${i}].${field}: `))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
