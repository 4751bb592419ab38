// macOS/BSD `ifconfig -a`. Rows as a public macOS tutorial prints them:
//   en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500
//   	ether a4:5e:60:f3:b3:37
//   	inet6 fe80::8fc:5c30:b69b:16f0%en0 prefixlen 64 secured scopeid 0x4
//   	inet 192.168.0.7 netmask 0xffffff00 broadcast 192.168.0.255
//   	status: active
// The index is the scopeid of a link-local address when there is one (else 0; the
// caller can fill it from netstat -rn's link#N).
import { normalizeAddr, splitZone } from "../../core/ip.js";
import type { NetInterface } from "../../core/model.js";

const HEADER = /^([A-Za-z][\w.-]*):\s+flags=[0-9a-f]+<([^>]*)>/i;

export function parseIfconfig(text: string): { interfaces: NetInterface[]; warnings: string[] } {
  const interfaces: NetInterface[] = [];
  const warnings: string[] = [];
  let cur: NetInterface | null = null;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") continue;
    const h = HEADER.exec(line);
    if (h) {
      cur = { index: 0, name: h[1] ?? "", addresses: [], up: (h[2] ?? "").split(",").includes("UP") };
      interfaces.push(cur);
      continue;
    }
    if (!cur) {
      warnings.push(`ifconfig: line before any interface: ${line.trim()}`);
      continue;
    }
    readAttribute(cur, line.trim().split(/\s+/));
  }
  return { interfaces, warnings };
}

function readAttribute(cur: NetInterface, w: string[]): void {
  const key = w[0];
  const after = (name: string): string | undefined => {
    const i = w.indexOf(name);
    return i < 0 ? undefined : w[i + 1];
  };
  if (key === "ether") {
    cur.mac = (w[1] ?? "").toLowerCase();
  } else if (key === "inet") {
    const address = normalizeAddr(w[1] ?? "");
    if (!address) return;
    const mask = after("netmask");
    const len = mask && /^0x[0-9a-f]{8}$/i.test(mask) ? ones(Number.parseInt(mask.slice(2), 16)) : 32;
    const first = !cur.addresses.some((a) => a.family === 4);
    cur.addresses.push({ address, prefixLen: len, family: 4, ...(first ? { primary: true } : {}) });
  } else if (key === "inet6") {
    const { address: text, zone } = splitZone(w[1] ?? "");
    const address = normalizeAddr(text);
    if (!address) return;
    const len = Number(after("prefixlen") ?? 128);
    const link = address.startsWith("fe80:");
    cur.addresses.push({ address, prefixLen: len, family: 6, ...(link ? { scope: "link" } : {}) });
    const scope = after("scopeid");
    if (link && zone !== null && scope && /^0x[0-9a-f]+$/i.test(scope))
      cur.index = Number.parseInt(scope.slice(2), 16);
  } else if (key === "status:") {
    if (w[1] === "inactive") cur.up = false;
  }
}

function ones(mask: number): number {
  let n = 0;
  for (let bit = 31; bit >= 0 && (mask >>> bit) & 1; bit--) n++;
  return n;
}
