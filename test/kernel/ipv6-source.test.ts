// IPv6 source address selection against the kernel: in namespaces with several
// cards, each with a random mix of global, unique-local, 6to4, deprecated and
// link-local addresses, the source our engine picks must be the `src` that
// `ip -6 route get` prints, for every destination kind.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prng } from "../../bench/synthetic.js";
import { buildIndex, lookup } from "../../src/core/lookup.js";
import { createRunner } from "../../src/system/exec/runner.js";
import { createLinuxPlatform } from "../../src/system/linux/linux-platform.js";
import { inNamespace } from "../support/netns-runner.js";
import { canUseNamespaces, delNamespace, ipn, tryIpn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`IPv6 source selection tests skipped: ${can.reason}`);

const POOL = [
  "2001:db8:a::10/64",
  "2001:db8:a::11/64",
  "2001:db8:b::10/64",
  "2001:db8:b::20/48",
  "fd00:a::10/64",
  "fd00:b::10/64",
  "2002:c000:201::1/48",
  "2001:db8:c::1/128",
];

function buildWorld(ns: string, seed: number): void {
  const rnd = prng(seed);
  execFileSync("ip", ["netns", "add", ns]);
  // No duplicate address detection: every address is usable at once, link-local ones included.
  for (const k of ["all", "default"])
    execFileSync("ip", ["netns", "exec", ns, "sysctl", "-qw", `net.ipv6.conf.${k}.accept_dad=0`]);
  ipn(ns, "link", "set", "lo", "up");
  for (const n of [0, 1, 2]) {
    ipn(ns, "link", "add", `c${n}`, "type", "veth", "peer", "name", `p${n}`);
    ipn(ns, "link", "set", `c${n}`, "up");
    ipn(ns, "link", "set", `p${n}`, "up");
  }
  for (const a of POOL) {
    if (rnd() < 0.25) continue;
    const card = `c${Math.floor(rnd() * 3)}`;
    const deprecated = rnd() < 0.3 ? ["preferred_lft", "0"] : [];
    tryIpn(ns, "-6", "addr", "add", a, "dev", card, "nodad", ...deprecated);
  }
  // Routes out of each card, so the outgoing-card rule decides between them.
  tryIpn(ns, "-6", "route", "add", "default", "dev", "c0");
  tryIpn(ns, "-6", "route", "add", "fd00::/8", "dev", "c1");
  tryIpn(ns, "-6", "route", "add", "2001:db8:b::/48", "dev", "c2");
  tryIpn(ns, "-6", "route", "add", "2002::/16", "dev", "c1");
}

function kernelSource(ns: string, dst: string, oif?: string): string | null {
  try {
    const [r] = JSON.parse(ipn(ns, "-6", "-j", "route", "get", dst, ...(oif ? ["oif", oif] : []))) as Record<
      string,
      string
    >[];
    return r?.prefsrc ?? null;
  } catch {
    return "error";
  }
}

const DESTINATIONS = [
  "2001:db8:a::99",
  "2001:db8:b::99",
  "2001:db8:b:7::1",
  "2001:db8:c::1",
  "2001:db8:ffff::1",
  "fd00:a::99",
  "fd00:b::99",
  "fd00:c::1",
  "2002:c000:201::99",
  "2002:0101:0101::1",
  "2a00:1450::1",
  "2001:10::5",
  "3ffe::1",
];

describe.runIf(can.ok)("IPv6 source selection agrees with the kernel", () => {
  const seeds = [1, 2, 3, 4, 5, 6];
  const names = seeds.map(() => uniqueName("dh6"));
  beforeAll(() => {
    seeds.forEach((seed, i) => {
      buildWorld(names[i] as string, seed);
    });
  });
  afterAll(() => {
    for (const n of names) delNamespace(n);
  });

  it.each(seeds.map((s, i) => [s, i]))(
    "world %i: every destination, with and without a forced card",
    async (_s, i) => {
      const ns = names[i] as string;
      const platform = createLinuxPlatform(inNamespace(createRunner(), ns), { isRoot: true, hostname: ns });
      const snap = await platform.collect();
      if (!snap.interfaces.ok || !snap.routes.ok || !snap.rules.ok) throw new Error("collect failed");
      const index = buildIndex("linux", snap.interfaces.value, snap.routes.value, snap.rules.value);
      const sources = new Set<string | null>();
      let compared = 0;
      const cases: { dst: string; oif?: string }[] = [
        ...DESTINATIONS.map((dst) => ({ dst })),
        ...["c0", "c1", "c2"].flatMap((oif) => [
          { dst: "fe80::99", oif },
          { dst: "2001:db8:a::99", oif },
        ]),
      ];
      for (const { dst, oif } of cases) {
        const want = kernelSource(ns, dst, oif);
        if (want === "error") continue;
        const got = lookup(index, { destination: dst, ...(oif ? { oif } : {}) });
        expect({ dst, oif, source: got.source }).toEqual({ dst, oif, source: want });
        sources.add(want);
        compared++;
      }
      // Only a destination the kernel cannot route at all may be left out.
      expect(compared).toBeGreaterThanOrEqual(cases.length - 2);
      // Several different answers, or agreeing proves little.
      expect(sources.size).toBeGreaterThanOrEqual(3);
    },
  );
});
