// Lookups per second: the trie against a linear scan of the same routes.
import { buildIndex, lookup } from "../src/core/lookup.js";
import type { NetInterface, Route } from "../src/core/model.js";
import { bruteForceRoute } from "./brute-force.js";
import { type SynthRoute, syntheticDestinations, syntheticRoutes, v4Text } from "./synthetic.js";

const cards: NetInterface[] = [
  {
    index: 2,
    name: "eth0",
    up: true,
    addresses: [{ address: "192.168.0.10", prefixLen: 23, family: 4, primary: true }],
  },
  {
    index: 3,
    name: "eth1",
    up: true,
    addresses: [{ address: "192.168.1.11", prefixLen: 23, family: 4, primary: true }],
  },
];

export function toRoutes(synth: readonly SynthRoute[]): Route[] {
  return synth.map((s) => ({
    destination: `${v4Text(s.network)}/${s.len}`,
    family: 4,
    gateway: s.gateway,
    interface: s.dev,
    metric: s.metric,
    table: "main",
    type: "unicast",
    persistent: false,
  }));
}

/**
 * The scan baseline, made as fast as a scan can be: prefixes pre-parsed into
 * typed arrays, so the ratio measures the algorithm, not text parsing.
 */
function scanLookup(net: Uint32Array, mask: Uint32Array, metric: Uint32Array, dst: number): number {
  let best = -1;
  let bestMask = 0;
  for (let i = 0; i < net.length; i++) {
    const m = mask[i] as number;
    if ((dst & m) >>> 0 !== net[i]) continue;
    if (best < 0 || m > bestMask || (m === bestMask && (metric[i] as number) < (metric[best] as number))) {
      best = i;
      bestMask = m;
    }
  }
  return best;
}

function perSecond(fn: () => void, minMs: number): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    n++;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

export interface LookupFigures {
  routes: number;
  build_ms: number;
  trie_per_s: number;
  scan_per_s: number;
  oracle_per_s: number;
  vs_scan: number;
  vs_oracle: number;
}

export function benchLookups(size: number): LookupFigures {
  const synth = syntheticRoutes(size);
  const routes = toRoutes(synth);
  const t0 = performance.now();
  const index = buildIndex("linux", cards, routes);
  const buildMs = performance.now() - t0;
  const dests = syntheticDestinations(synth, 4096);
  let i = 0;
  const triePerS = perSecond(() => {
    lookup(index, { destination: dests[i++ & 4095] as string });
  }, 400);
  const net = Uint32Array.from(synth, (s) => s.network);
  const mask = Uint32Array.from(synth, (s) => (s.len === 0 ? 0 : (0xffffffff << (32 - s.len)) >>> 0));
  const metric = Uint32Array.from(synth, (s) => s.metric);
  const nums = dests.map((d) => d.split(".").reduce((a, o) => a * 256 + Number(o), 0));
  let j = 0;
  const scanPerS = perSecond(() => {
    scanLookup(net, mask, metric, nums[j++ & 4095] as number);
  }, 400);
  let k = 0;
  const oraclePerS = perSecond(() => {
    bruteForceRoute("linux", routes, [], { destination: dests[k++ & 4095] as string });
  }, 400);
  return {
    routes: size,
    build_ms: buildMs,
    trie_per_s: triePerS,
    scan_per_s: scanPerS,
    oracle_per_s: oraclePerS,
    vs_scan: triePerS / scanPerS,
    vs_oracle: triePerS / oraclePerS,
  };
}
