// Port names that `netstat` (without -n), `ss` (without -n) and BSD netstat print
// instead of numbers. Saved files are read with the built-in table (the names of
// the machine they came from, not of this one); live, the machine's own services
// database is read once and the table fills its gaps. A name neither knows stays a
// name (Endpoint.service), never a number that was not there.
import { readFileSync } from "node:fs";
import path from "node:path";
import { hostOs } from "./host.js";

/** Names as IANA, /etc/services and Windows' drivers\etc\services spell them. */
const BUILTIN: Record<string, number> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  www: 80,
  "www-http": 80,
  kerberos: 88,
  "kerberos-sec": 88,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  epmap: 135,
  loc_srv: 135,
  "netbios-ns": 137,
  "netbios-dgm": 138,
  "netbios-ssn": 139,
  imap: 143,
  imap2: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  "microsoft-ds": 445,
  kpasswd: 464,
  isakmp: 500,
  syslog: 514,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  "ms-sql-s": 1433,
  "ms-sql-m": 1434,
  ssdp: 1900,
  nfs: 2049,
  gpsd: 2947,
  globalcatLDAP: 3268,
  globalcatLDAPssl: 3269,
  mysql: 3306,
  "ms-wbt-server": 3389,
  ms_wbt_server: 3389,
  "ipsec-msft": 4500,
  sip: 5060,
  "sip-tls": 5061,
  mdns: 5353,
  llmnr: 5355,
  wsd: 5357,
  postgresql: 5432,
  wsman: 5985,
  wsmans: 5986,
  "x11-1": 6001,
  "http-alt": 8080,
  tproxy: 8081,
};

/** The built-in table; null for a name it does not know. */
export function portOfService(name: string): number | null {
  return Object.hasOwn(BUILTIN, name) ? (BUILTIN[name] as number) : null;
}

/** A services database ("https  443/tcp  # HTTP over TLS"): name and aliases → port. */
export function parseServices(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of text.split(/\r?\n/)) {
    const words = (raw.split("#")[0] ?? "").trim().split(/\s+/);
    const m = /^(\d{1,5})\/(tcp|udp)$/i.exec(words[1] ?? "");
    if (!m || !words[0]) continue;
    const port = Number(m[1]);
    if (port > 65535) continue;
    for (const name of [words[0], ...words.slice(2)]) if (!out.has(name)) out.set(name, port);
  }
  return out;
}

let system: Map<string, number> | null = null;

/** This machine's services database, read once; the built-in table where it is silent. */
export function systemPortOf(name: string): number | null {
  if (!system) {
    const file =
      hostOs() === "windows"
        ? path.join(process.env.SystemRoot ?? "C:\\Windows", "System32", "drivers", "etc", "services")
        : "/etc/services";
    try {
      system = parseServices(readFileSync(file, "latin1"));
    } catch {
      system = new Map();
    }
  }
  return system.get(name) ?? portOfService(name);
}

export type PortOf = (name: string) => number | null;

/** A port as printed: its number, or -1 with the name kept when nothing maps it. */
export function portFrom(text: string, portOf: PortOf): { port: number; service?: string } | null {
  if (/^\d+$/.test(text)) return Number(text) <= 65535 ? { port: Number(text) } : null;
  if (!/^[A-Za-z][A-Za-z0-9._+-]*$/.test(text)) return null;
  const known = portOf(text);
  return known === null ? { port: -1, service: text } : { port: known };
}
