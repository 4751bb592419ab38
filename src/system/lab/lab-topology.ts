// The story server (docs/ARCHITECTURE.md, "The story") as network namespaces. Pure: a list of argv steps.
// Isolation: every veth pair is created inside a lab namespace and both ends
// stay in lab namespaces; nothing touches the host's own namespace.

export interface LabNames {
  prefix: string;
  server: string;
  lan: string;
  inetgw: string;
  corpgw: string;
  internal: string;
  internet: string;
}

export function labNames(prefix = "dh"): LabNames {
  return {
    prefix,
    server: `${prefix}-server`,
    lan: `${prefix}-lan`,
    inetgw: `${prefix}-inetgw`,
    corpgw: `${prefix}-corpgw`,
    internal: `${prefix}-internal`,
    internet: `${prefix}-internet`,
  };
}

export const LAB = {
  serverExt: "192.168.1.10",
  serverInt: "192.168.1.11",
  inetGateway: "192.168.1.1",
  corpGateway: "192.168.1.254",
  internalHost: "10.1.1.20",
  internalPort: 5061,
  internetHost: "203.0.113.9",
  internetPort: 443,
} as const;

type Step = string[];

const ipn = (ns: string, ...args: string[]): Step => ["ip", "-n", ns, ...args];
const sysctl = (ns: string, key: string, value: string): Step => [
  "ip",
  "netns",
  "exec",
  ns,
  "sysctl",
  "-qw",
  `${key}=${value}`,
];

/** A veth pair born in `a` (as `nameA`), whose peer moves to `b` and is renamed `nameB`. */
function link(a: string, nameA: string, b: string, nameB: string, tmp: string): Step[] {
  return [
    ipn(a, "link", "add", nameA, "type", "veth", "peer", "name", tmp),
    ipn(a, "link", "set", tmp, "netns", b),
    ipn(b, "link", "set", tmp, "name", nameB),
    ipn(a, "link", "set", nameA, "up"),
    ipn(b, "link", "set", nameB, "up"),
  ];
}

export function labUpSteps(n: LabNames): Step[] {
  const all = [n.server, n.lan, n.inetgw, n.corpgw, n.internal, n.internet];
  const steps: Step[] = all.map((ns) => ["ip", "netns", "add", ns]);
  for (const ns of all) steps.push(ipn(ns, "link", "set", "lo", "up"));
  // The LAN: one bridge that both server cards and both gateways plug into.
  steps.push(ipn(n.lan, "link", "add", "br0", "type", "bridge"), ipn(n.lan, "link", "set", "br0", "up"));
  const ports: [string, string, string][] = [
    [n.server, "eth0", "p-srv0"],
    [n.server, "eth1", "p-srv1"],
    [n.inetgw, "lan0", "p-inet"],
    [n.corpgw, "lan0", "p-corp"],
  ];
  for (const [ns, dev, port] of ports) {
    steps.push(...link(n.lan, port, ns, dev, `t-${port}`));
    steps.push(ipn(n.lan, "link", "set", port, "master", "br0"));
  }
  steps.push(...link(n.corpgw, "eth1", n.internal, "eth0", "t-int"));
  steps.push(...link(n.inetgw, "wan0", n.internet, "eth0", "t-wan"));
  steps.push(
    ipn(n.server, "addr", "add", `${LAB.serverExt}/24`, "dev", "eth0"),
    ipn(n.server, "addr", "add", `${LAB.serverInt}/24`, "dev", "eth1"),
    ipn(n.server, "route", "add", "default", "via", LAB.inetGateway, "dev", "eth0"),
    ipn(n.inetgw, "addr", "add", `${LAB.inetGateway}/24`, "dev", "lan0"),
    ipn(n.inetgw, "addr", "add", "203.0.113.1/24", "dev", "wan0"),
    // The internet gateway silently drops private destinations: the SYN just vanishes.
    ipn(n.inetgw, "route", "add", "blackhole", "10.0.0.0/8"),
    ipn(n.inetgw, "route", "add", "blackhole", "172.16.0.0/12"),
    ipn(n.corpgw, "addr", "add", `${LAB.corpGateway}/24`, "dev", "lan0"),
    ipn(n.corpgw, "addr", "add", "10.1.1.1/24", "dev", "eth1"),
    ipn(n.internal, "addr", "add", `${LAB.internalHost}/24`, "dev", "eth0"),
    ipn(n.internal, "route", "add", "default", "via", "10.1.1.1"),
    ipn(n.internet, "addr", "add", `${LAB.internetHost}/24`, "dev", "eth0"),
    ipn(n.internet, "route", "add", "default", "via", "203.0.113.1"),
    sysctl(n.inetgw, "net.ipv4.ip_forward", "1"),
    sysctl(n.corpgw, "net.ipv4.ip_forward", "1"),
  );
  return steps;
}

export function labDownSteps(n: LabNames, present: readonly string[]): Step[] {
  return [n.server, n.lan, n.inetgw, n.corpgw, n.internal, n.internet]
    .filter((ns) => present.includes(ns))
    .map((ns) => ["ip", "netns", "del", ns]);
}
