// The policy index against the scan it replaced: for random policies (both
// families, duplicate and nested prefixes, a prefix named by two rules) and
// random addresses, often inside or next to the policy's prefixes, both name the
// same rule and prefix, or both none.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildExpecter, matchPolicyAddr, type ResolvedRule, scanPolicyRules } from "../../src/core/expect.js";
import { type Addr, formatPrefix, parseAddr, parsePrefix } from "../../src/core/ip.js";
import type { NetInterface } from "../../src/core/model.js";
import type { Policy } from "../../src/core/policy.js";
import { PolicyIndex } from "../../src/core/policy-index.js";

const V6_MASK = (1n << 128n) - 1n;

const v4 = fc.integer({ min: 0, max: 0xffffffff }).map((v): Addr => ({ family: 4, v: v >>> 0 }));
// Few distinct top bits, so random v6 prefixes nest and collide as v4 ones do.
const v6 = fc
  .tuple(fc.constantFrom(0x2001n, 0xfd00n, 0x2001n), fc.bigInt({ min: 0n, max: (1n << 112n) - 1n }))
  .map(([top, rest]): Addr => ({ family: 6, v: ((top << 112n) | rest) & V6_MASK }));
const addr = fc.oneof(v4, v4, v6);

const prefixText = fc
  .tuple(addr, fc.nat({ max: 128 }))
  .map(([a, n]) => {
    const len = a.family === 4 ? n % 33 : n;
    return formatPrefix({ addr: a, len });
  })
  .map((t) => {
    // Canonical network text, as buildExpecter keeps it.
    const p = parsePrefix(t);
    return p ? formatPrefix(p) : t;
  });

const policy = fc
  .array(
    fc.record({
      card: fc.constantFrom("eth0", "eth1", "wlan0"),
      destinations: fc.array(prefixText, { minLength: 1, maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map(
    (rules): Policy => ({
      rules: rules.map((r, i) => ({
        name: `r${i}`,
        interface: r.card,
        destinations: r.destinations,
      })),
    }),
  );

const cards: NetInterface[] = ["eth0", "eth1", "wlan0"].map((name, i) => ({
  name,
  index: i + 1,
  up: true,
  addresses: [],
}));

/** An address inside one of the prefixes (or just outside), else a random one. */
function near(rules: ResolvedRule[], pick: number, offset: bigint, random: Addr): Addr {
  const all = rules.flatMap((r) => r.prefixes);
  const p = all[pick % Math.max(1, all.length)];
  if (!p || pick % 4 === 3) return random;
  const a = p.prefix.addr;
  if (a.family === 4) return { family: 4, v: Number((BigInt(a.v) + offset) & 0xffffffffn) >>> 0 };
  return { family: 6, v: (a.v + offset) & V6_MASK };
}

describe("PolicyIndex (properties)", () => {
  it("names the same rule and prefix as the scan of every rule", () => {
    fc.assert(
      fc.property(
        policy,
        fc.array(fc.tuple(fc.nat(), fc.bigInt({ min: -2n, max: 300n }), addr), {
          minLength: 1,
          maxLength: 40,
        }),
        (p, probes) => {
          const exp = buildExpecter(p, cards);
          const index = new PolicyIndex(exp.rules);
          for (const [pick, offset, random] of probes) {
            const dst = near(exp.rules, pick, offset, random);
            const want = scanPolicyRules(exp.rules, dst);
            const got = index.best(dst);
            expect(got ? { rule: got.rule, prefix: got.text, len: got.len } : null).toEqual(want);
            // And through matchPolicyAddr, whatever the size of the policy.
            const m = matchPolicyAddr(exp, dst);
            if (want) expect(m).toEqual({ kind: "rule", rule: want.rule, prefix: want.prefix });
            else expect(m).toEqual({ kind: "none" });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a prefix with host bits set contains nothing, as in the scan", () => {
    const rule: ResolvedRule = {
      name: "odd",
      cardRef: "eth0",
      card: null,
      gateway: null,
      prefixes: [{ text: "10.1.2.3/8", prefix: { addr: parseAddr("10.1.2.3") as Addr, len: 8 } }],
    };
    const dst = parseAddr("10.1.2.3") as Addr;
    expect(scanPolicyRules([rule], dst)).toBeNull();
    expect(new PolicyIndex([rule]).best(dst)).toBeNull();
  });
});
