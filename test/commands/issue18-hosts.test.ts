// Issue 18 end to end through `dualhome analyze`: the four real-world hosts without a
// policy give warnings that say what they assume, no error, no harmful fix, exit 0;
// the seed's story still gives its errors (with a policy, and without one where a SYN
// is stuck); the extra real captures read with their values.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const F = (p: string) => path.resolve(import.meta.dirname, "../fixtures", p);

interface Finding {
  id: string;
  severity: string;
  basis: string;
  message: string;
  fix: { action: string; destination: string; gateway: string | null; interface: string | null }[];
}
interface Json {
  findings: Finding[];
  connections: {
    local: string;
    remote: string;
    verdict: string;
    basis: string;
    egress: { interface: string };
  }[];
  routes: { destination: string; gateway: string | null; interface: string; metric: number }[];
  interfaces: { name: string; addresses: string[] }[];
}

async function analyze(files: string[], policy?: string): Promise<{ code: number; json: Json }> {
  const r = await runCli([
    ...(policy ? ["--policy", policy] : []),
    "analyze",
    "--json",
    "--platform",
    "windows",
    ...files,
  ]);
  return { code: r.code, json: JSON.parse(r.stdout) as Json };
}

const host = (name: string) => [
  "--route-print",
  F(`issue18/${name}-route-print.txt`),
  "--netstat",
  F(`issue18/${name}-netstat-ano.txt`),
  "--ipconfig",
  F(`issue18/${name}-ipconfig-all.txt`),
];

describe("the hosts of issue 18, without a policy", () => {
  it.each([
    ["azure-one-subnet", "no gateway for Ethernet 2 is known"],
    [
      "aws-one-subnet-two-defaults",
      "2 cards have a default route (Ethernet via 172.31.16.1 metric 20, Ethernet 2 via 172.31.16.1 metric 20)",
    ],
    ["aws-two-subnets-two-defaults", "Ethernet (172.31.16.10/20) is itself inside 172.16.0.0/12"],
    [
      "lab-two-defaults",
      "Ethernet0 (10.129.43.8/16) is itself inside 10.0.0.0/8, which the guess would move to Ethernet1",
    ],
  ])("%s: a warning naming the doubt, no error, no fix, exit 0", async (name, doubt) => {
    const { code, json } = await analyze(host(name));
    expect(code).toBe(0);
    expect(json.findings.filter((f) => f.severity === "error")).toEqual([]);
    const ask = json.findings.find((f) => f.id === "intent-ambiguous");
    expect(ask).toMatchObject({ severity: "warning", basis: "inferred", fix: [] });
    expect(ask?.message).toContain(doubt);
    expect(ask?.message).toContain("`dualhome fix`");
    expect(json.findings.flatMap((f) => f.fix)).toEqual([]);
    expect(json.findings.some((f) => f.id === "wrong-nic-route" || f.id === "route-not-pinned")).toBe(false);
  });

  it("values of the Azure host: the default route and the wire server's host route on Ethernet", async () => {
    const { json } = await analyze(host("azure-one-subnet"));
    const route = (d: string) => json.routes.find((r) => r.destination === d);
    expect(route("0.0.0.0/0")).toMatchObject({ gateway: "10.0.0.1", interface: "Ethernet", metric: 10 });
    expect(route("168.63.129.16/32")).toMatchObject({
      gateway: "10.0.0.1",
      interface: "Ethernet",
      metric: 11,
    });
    const sql = json.connections.find((c) => c.remote === "10.1.2.10:1433");
    expect(sql).toMatchObject({ verdict: "wrong-nic", basis: "inferred", egress: { interface: "Ethernet" } });
  });

  it("the lab host: no route add 10.0.0.0 mask 255.0.0.0 192.168.20.1 anywhere", async () => {
    const r = await runCli(["analyze", "--platform", "windows", ...host("lab-two-defaults")]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/route add 10\.0\.0\.0/);
    expect(r.stdout).toContain("WARNING intent-ambiguous (inferred)");
  });
});

describe("the seed's story still errs", () => {
  const story = [
    "--route-print",
    F("story/ws2019-route-print.txt"),
    "--netstat",
    F("story/ws2019-netstat-ano.txt"),
    "--ipconfig",
    F("story/ws2019-ipconfig-all.txt"),
  ];
  it("with its policy: an error on the policy, with the pinned fix", async () => {
    const { code, json } = await analyze(story, F("story/policy.json"));
    expect(code).toBe(1);
    const f = json.findings.find((x) => x.id === "wrong-nic-route" && x.message.startsWith("10.0.0.0/8"));
    expect(f).toMatchObject({ severity: "error", basis: "policy" });
    expect(f?.fix[0]).toMatchObject({ action: "add", destination: "10.0.0.0/8", gateway: "192.168.1.254" });
  });

  it("without a policy: the stuck SYN is evidence, an error; no fix since int's gateway is unknown", async () => {
    const { code, json } = await analyze(story);
    expect(code).toBe(1);
    const f = json.findings.find((x) => x.id === "wrong-nic-route" && x.message.startsWith("10.0.0.0/8"));
    expect(f).toMatchObject({ severity: "error", basis: "evidence", fix: [] });
    expect(f?.message).toContain("inferred intent, confirmed: 1 SYN unanswered there");
    const syn = json.connections.find((c) => c.remote === "10.1.1.20:5061");
    expect(syn).toMatchObject({ verdict: "wrong-nic", basis: "evidence" });
  });
});

describe("extra real captures (test/fixtures/real-extra, SOURCES.md)", () => {
  it("Azure docs' two-NIC route print: gateways and cards of the routes; nothing to guess, exit 0", async () => {
    const { code, json } = await analyze([
      "--route-print",
      F("real-extra/windows/route-print/azure-docs-two-nics-two-subnets.txt"),
    ]);
    expect(code).toBe(0);
    const route = (d: string) => json.routes.find((r) => r.destination === d);
    expect(route("0.0.0.0/0")).toMatchObject({ gateway: "192.168.1.1", interface: "192.168.1.4", metric: 5 });
    expect(route("168.63.129.16/32")).toMatchObject({
      gateway: "192.168.1.1",
      interface: "192.168.1.4",
      metric: 6,
    });
    expect(route("192.168.2.0/24")).toMatchObject({ gateway: null, interface: "192.168.2.5", metric: 261 });
    expect(json.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("Russian plain netstat: service names are ports (http 80, https 443, microsoft-ds 445), host names kept", async () => {
    const { json } = await analyze(["--netstat", F("real-extra/windows/netstat/ru-plain-service-names.txt")]);
    expect(json.connections.map((c) => c.remote)).toEqual([
      "relay-aad2e4c0:80",
      "188.227.72.15:44444",
      "20.54.37.73:443",
      "KAVSRV:445",
      "Serfiles:445",
      "104.17.106.184:443",
      "104.17.106.184:443",
      "lm-in-f188:5228",
      "static:7200",
      "lm-in-f95:443",
      "149.154.167.41:443",
    ]);
  });

  it("German ipconfig /all: 'Mobiles Breitband', a wrapped header, WiFi's address and gateway", async () => {
    const { json } = await analyze([
      "--ipconfig",
      F("real-extra/windows/ipconfig-all/de-win10-mobile-broadband.txt"),
    ]);
    expect(json.interfaces.map((i) => i.name)).toEqual([
      "Lenovo Easyplus Hotspot",
      "Mobiles Breitband",
      "LAN-Verbindung* 1",
      "WiFi",
      "Ethernet",
      "VirtualBox Host-Only Network",
    ]);
    expect(json.interfaces.find((i) => i.name === "WiFi")?.addresses).toContain("192.168.2.104/24");
  });
});
