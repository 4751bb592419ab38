import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prng } from "../../bench/synthetic.js";
import { buildIndex, lookup } from "../../src/core/lookup.js";
import type { LookupResult } from "../../src/core/model.js";
import { createRunner } from "../../src/system/exec/runner.js";
import { createLinuxPlatform } from "../../src/system/linux/linux-platform.js";
import { inNamespace } from "../support/netns-runner.js";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";
import { buildWorld, LOCAL4 } from "./random-world.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`kernel oracle tests skipped: ${can.reason}`);

interface L4 {
  proto: "tcp" | "udp";
  sport: number;
  dport: number;
}

/** `ip route get`, normalised to what LookupResult says. */
function kernelAnswer(ns: string, dst: string, from?: string, mark?: number, l4?: L4) {
  const args = [
    "-j",
    "route",
    "get",
    dst,
    ...(from ? ["from", from] : []),
    ...(mark ? ["mark", String(mark)] : []),
    ...(l4 ? ["ipproto", l4.proto, "sport", String(l4.sport), "dport", String(l4.dport)] : []),
  ];
  try {
    const [r] = JSON.parse(ipn(ns, ...args)) as Record<string, string>[];
    return {
      type: r?.type ?? "unicast",
      dev: r?.dev ?? null,
      gateway: r?.gateway ?? null,
      // With `from`, the socket is bound: that is the source (IPv6 also prints the route's own prefsrc).
      source: (r?.from !== "::" ? r?.from : undefined) ?? r?.prefsrc ?? null,
    };
  } catch (e) {
    const msg = String((e as { stderr?: string }).stderr ?? e);
    if (msg.includes("No route to host")) return { type: "unreachable-route" };
    if (msg.includes("Network is unreachable")) return { type: "net-unreachable" };
    if (msg.includes("Permission denied")) return { type: "prohibit" };
    if (msg.includes("Invalid argument")) return { type: "blackhole" };
    throw e;
  }
}

function oursNormalised(r: LookupResult) {
  if (r.type === "no-route" || (r.type === "unreachable" && r.route === null))
    return { type: "net-unreachable" };
  if (r.type === "unreachable") return { type: "unreachable-route" };
  if (r.type === "prohibit" || r.type === "blackhole") return { type: r.type };
  return { type: r.type, dev: r.interface, gateway: r.gateway, source: r.source };
}

describe.runIf(can.ok)("explain agrees with the kernel (ip route get)", () => {
  const seeds = [11, 22, 33];
  const names = seeds.map(() => uniqueName("dhk"));
  beforeAll(() => {
    seeds.forEach((seed, i) => {
      buildWorld(names[i] as string, seed);
    });
  });
  afterAll(() => {
    for (const n of names) delNamespace(n);
  });

  it.each(seeds.map((s, i) => [s, i]))("random world seed %i: hundreds of destinations", async (seed, i) => {
    const ns = names[i] as string;
    const platform = createLinuxPlatform(inNamespace(createRunner(), ns), { isRoot: true, hostname: ns });
    const snap = await platform.collect();
    expect(snap.routes.ok && snap.rules.ok && snap.interfaces.ok).toBe(true);
    if (!snap.routes.ok || !snap.rules.ok || !snap.interfaces.ok) return;
    const index = buildIndex("linux", snap.interfaces.value, snap.routes.value, snap.rules.value);
    const rnd = prng(seed * 7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const l4rnd = prng(seed * 17);
    let compared = 0;
    const kinds = new Set<string>();
    // The world must exercise rules, tables and special types, or agreement proves little.
    expect(snap.rules.value.length).toBeGreaterThan(6);
    expect(new Set(snap.routes.value.map((r) => r.table)).size).toBeGreaterThanOrEqual(3);
    for (let k = 0; k < 150; k++) {
      const v6 = k % 10 === 9;
      const dst = v6
        ? `2001:db8:${Math.floor(rnd() * 12).toString(16)}::${Math.floor(rnd() * 9) + 1}`
        : [
            pick([10, 172, 192, 8]),
            Math.floor(rnd() * 4),
            Math.floor(rnd() * 256),
            Math.floor(rnd() * 256),
          ].join(".");
      const from = v6 ? pick([undefined, "2001:db8:1::1"]) : pick([undefined, undefined, ...LOCAL4]);
      const mark = !v6 && rnd() < 0.15 ? 1 : undefined;
      const l4: L4 | undefined =
        l4rnd() < 0.5
          ? {
              proto: l4rnd() < 0.5 ? "tcp" : "udp",
              sport: l4rnd() < 0.5 ? 1500 : 40000,
              dport: [5061, 443, 500][Math.floor(l4rnd() * 3)] as number,
            }
          : undefined;
      const want = kernelAnswer(ns, dst, from, mark, l4);
      const got = oursNormalised(
        lookup(index, {
          destination: dst,
          ...(from ? { source: from } : {}),
          ...(mark ? { fwmark: mark } : {}),
          ...(l4 ? { ipproto: l4.proto === "tcp" ? 6 : 17, sport: l4.sport, dport: l4.dport } : {}),
          // Without ipproto, `ip route get` asks about UDP on IPv4 and protocol 0 on IPv6.
          ...(l4 || v6 ? {} : { ipproto: 17 }),
        }),
      );
      expect({ dst, from, mark, l4, ...got }).toEqual({ dst, from, mark, l4, ...want });
      kinds.add(want.type);
      compared++;
    }
    expect(compared).toBe(150);
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });
});
