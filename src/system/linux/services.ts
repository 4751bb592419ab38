// Port names ss prints without -n (saved captures only: dualhome itself always passes -n).
// A short list of the services seen in real captures and on multi-homed servers.
const PORTS: Record<string, number> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  imap2: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  "microsoft-ds": 445,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  "ms-sql-s": 1433,
  nfs: 2049,
  gpsd: 2947,
  mysql: 3306,
  "ms-wbt-server": 3389,
  sip: 5060,
  "sip-tls": 5061,
  postgresql: 5432,
  "x11-1": 6001,
  tproxy: 8081,
  "http-alt": 8080,
};

export function portOfService(name: string): number | null {
  return Object.hasOwn(PORTS, name) ? (PORTS[name] as number) : null;
}
