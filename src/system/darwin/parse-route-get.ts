// macOS `route -n get <dest>`: which route, gateway and card the kernel picks.
// Real output (Chinese blog, macOS):
//      route to: 124.196.81.174
//   destination: default
//          mask: default
//       gateway: 192.168.0.1
//     interface: en0
//         flags: <UP,GATEWAY,DONE,STATIC,PRCLONING,GLOBAL>
// A connected subnet prints no gateway line; `-nv` adds 'if address'.
import { bitAt, maskToLen, normalizeAddr, normalizePrefix, parseAddr } from "../../core/ip.js";

interface RouteGetResult {
  routeTo: string | null;
  /** Canonical prefix ('0.0.0.0/0' for default), or null when unreadable. */
  destination: string | null;
  gateway: string | null;
  interface: string | null;
  ifAddress?: string;
  flags: string[];
  warnings: string[];
}

export function parseRouteGet(text: string): RouteGetResult {
  const kv = new Map<string, string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const m = /^\s*([a-z][a-z ]*?)\s*:\s*(.*?)\s*$/i.exec(line);
    if (m?.[1] && m[2] !== undefined) kv.set(m[1].toLowerCase(), m[2]);
  }
  const warnings: string[] = [];
  const routeTo = kv.get("route to") ?? null;
  const v6 = (routeTo ?? "").includes(":") || (kv.get("destination") ?? "").includes(":");
  const destination = destinationOf(kv.get("destination"), kv.get("mask"), v6);
  if (destination === null) warnings.push("route get: no readable destination");
  const gwText = kv.get("gateway");
  const gateway = gwText === undefined ? null : normalizeAddr(gwText.replace(/%.*$/, ""));
  if (gwText !== undefined && gateway === null)
    warnings.push(`route get: gateway is not an address: ${gwText}`);
  const ifAddr = kv.get("if address");
  const flags = (kv.get("flags") ?? "")
    .replace(/[<>]/g, "")
    .split(",")
    .filter((f) => f !== "");
  return {
    routeTo,
    destination,
    gateway,
    interface: kv.get("interface") ?? null,
    ...(ifAddr ? { ifAddress: normalizeAddr(ifAddr.replace(/%.*$/, "")) ?? ifAddr } : {}),
    flags,
    warnings,
  };
}

function destinationOf(dest: string | undefined, mask: string | undefined, v6: boolean): string | null {
  if (dest === undefined) return null;
  if (dest === "default") return v6 ? "::/0" : "0.0.0.0/0";
  const addr = dest.replace(/%.*$/, "");
  if (mask === undefined) return normalizePrefix(addr);
  if (mask === "default") return normalizePrefix(`${addr}/0`);
  const len = /^\d+$/.test(mask) ? Number(mask) : mask.includes(":") ? v6MaskLen(mask) : maskToLen(mask);
  return len === null ? null : normalizePrefix(`${addr}/${len}`);
}

/** "ffff:ffff:ffff:ffff::" → 64; null when the ones are not contiguous. */
function v6MaskLen(mask: string): number | null {
  const a = parseAddr(mask);
  if (a?.family !== 6) return null;
  let len = 0;
  while (len < 128 && bitAt(a, len) === 1) len++;
  for (let i = len; i < 128; i++) if (bitAt(a, i) === 1) return null;
  return len;
}
