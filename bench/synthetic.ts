// Synthetic tables shaped like the real thing: a full BGP-like IPv4 table is
// mostly /24s with some shorter aggregates, over a handful of next hops.

/** Deterministic PRNG (mulberry32) so every run measures the same tables. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SynthRoute {
  network: number;
  len: number;
  gateway: string;
  dev: string;
  metric: number;
}

const LENGTHS = [8, 12, 16, 16, 19, 20, 21, 22, 22, 23, 23, 24, 24, 24, 24, 24, 24, 24, 24, 24];

export function syntheticRoutes(count: number, seed = 1): SynthRoute[] {
  const rnd = prng(seed);
  const seen = new Set<string>();
  const out: SynthRoute[] = [];
  while (out.length < count) {
    const len = LENGTHS[Math.floor(rnd() * LENGTHS.length)] as number;
    const raw = Math.floor(rnd() * 0xdf000000) + 0x01000000; // 1.0.0.0 – 223.255.255.255
    const network = len === 0 ? 0 : (raw & ((0xffffffff << (32 - len)) >>> 0)) >>> 0;
    const key = `${network}/${len}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hop = Math.floor(rnd() * 4);
    out.push({
      network,
      len,
      gateway: `192.168.${hop % 2}.${1 + hop}`,
      dev: hop % 2 ? "eth1" : "eth0",
      metric: Math.floor(rnd() * 3) * 10,
    });
  }
  return out;
}

export function v4Text(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Random destinations, half of them inside some route so lookups do real work. */
export function syntheticDestinations(routes: readonly SynthRoute[], count: number, seed = 2): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0 && routes.length) {
      const r = routes[Math.floor(rnd() * routes.length)] as SynthRoute;
      const host = Math.floor(rnd() * 2 ** (32 - r.len));
      out.push(v4Text((r.network + host) >>> 0));
    } else out.push(v4Text(Math.floor(rnd() * 0xffffffff) >>> 0));
  }
  return out;
}
