import { describe, expect, it } from "vitest";
import type { Connection, RouteChange, Snapshot } from "../../../src/core/model.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";

const T0 = 1_700_000_000_000;

function setup(seed = 7) {
  const clock = { now: T0 };
  const demo = createDemoPlatform({
    seed,
    clock: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  return { clock, demo };
}

async function conns(demo: ReturnType<typeof createDemoPlatform>): Promise<Connection[]> {
  const s: Snapshot = await demo.collect();
  if (!s.connections.ok) throw new Error("connections part failed");
  return s.connections.value;
}

const to = (addr: string, port?: number) => (c: Connection) =>
  c.remote.address === addr && (port === undefined || c.remote.port === port);

const PIN: RouteChange = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "0x10004",
  metric: 10,
  persistent: true,
};

describe("demo host: the story server of docs/ARCHITECTURE.md", () => {
  it("has the two cards, one default gateway and the routes route print shows", async () => {
    const { demo } = setup();
    const s = await demo.collect();
    expect([s.platform, s.os, s.collector, demo.id, demo.os]).toEqual([
      "simulated",
      "windows",
      "simulated",
      "simulated",
      "windows",
    ]);
    if (!s.interfaces.ok || !s.routes.ok) throw new Error("parts failed");
    const ext = s.interfaces.value.find((i) => i.name === "ext");
    const int = s.interfaces.value.find((i) => i.name === "int");
    expect(ext).toMatchObject({
      index: 65539,
      metric: 25,
      addresses: [{ address: "192.168.1.10", prefixLen: 24 }],
    });
    expect(int).toMatchObject({
      index: 65540,
      metric: 35,
      addresses: [{ address: "192.168.1.11", prefixLen: 24 }],
    });
    const defaults = s.routes.value.filter((r) => r.destination === "0.0.0.0/0");
    expect(defaults).toEqual([
      expect.objectContaining({ gateway: "192.168.1.1", interface: "ext", metric: 25 }),
    ]);
    const subnet = s.routes.value.filter((r) => r.destination === "192.168.1.0/24");
    expect(subnet.map((r) => [r.interface, r.gateway, r.metric])).toEqual([
      ["ext", null, 281],
      ["int", null, 291],
    ]);
    expect(s.routes.value.some((r) => r.destination === "127.0.0.0/8")).toBe(true);
    expect(s.routes.value.some((r) => r.gateway === "192.168.1.254")).toBe(false);
  });

  it("starts with the stuck SIP flow, the RDP session and internet traffic", async () => {
    const { demo } = setup();
    const c = await conns(demo);
    expect(c.find(to("10.1.1.20", 5061))).toMatchObject({
      state: "SYN_SENT",
      local: { address: "192.168.1.10" },
    });
    expect(c.find((x) => x.local.port === 3389)).toMatchObject({
      state: "ESTABLISHED",
      local: { address: "192.168.1.11" },
      remote: { address: "192.168.1.50" },
    });
    const web = c.filter(
      (x) => x.local.address === "192.168.1.10" && (x.remote.port === 443 || x.local.port === 443),
    );
    expect(web.length).toBeGreaterThan(0);
  });

  it("without the pinned route, 10.x hangs in SYN_SENT from the external card and keeps retrying", async () => {
    const { clock, demo } = setup();
    const ports = new Set<number>();
    for (let i = 0; i < 120; i++) {
      clock.now += 1000;
      for (const c of (await conns(demo)).filter((x) => x.remote.address.startsWith("10."))) {
        expect(c.state).toBe("SYN_SENT");
        expect(c.local.address).toBe("192.168.1.10");
        if (c.remote.address === "10.1.1.20") ports.add(c.local.port);
      }
    }
    // Two minutes are several 21 s connect timeouts: each retry has a new source port.
    expect(ports.size).toBeGreaterThanOrEqual(4);
  });

  it("with 10.0.0.0/8 via 192.168.1.254 pinned to int, retries connect from 192.168.1.11", async () => {
    const { clock, demo } = setup();
    demo.applyChange(PIN);
    expect(demo.routesNow().find((r) => r.destination === "10.0.0.0/8")).toMatchObject({
      gateway: "192.168.1.254",
      interface: "int",
      metric: 45,
      persistent: true,
    });
    clock.now += 30_000;
    const sip = (await conns(demo)).filter(to("10.1.1.20", 5061));
    expect(sip).toEqual([
      expect.objectContaining({
        state: "ESTABLISHED",
        local: expect.objectContaining({ address: "192.168.1.11" }),
      }),
    ]);
    expect(
      (await conns(demo)).some((x) => x.state === "SYN_SENT" && x.remote.address.startsWith("10.")),
    ).toBe(false);
  });

  it("a gateway without the card is not enough: via 192.168.1.254 on ext still hangs", async () => {
    const { clock, demo } = setup();
    demo.applyChange({ ...PIN, interface: "ext" });
    clock.now += 30_000;
    const sip = (await conns(demo)).filter(to("10.1.1.20", 5061));
    expect(sip.every((x) => x.state === "SYN_SENT")).toBe(true);
  });

  it("renders the route.exe argv and refuses what route.exe refuses", async () => {
    const { demo } = setup();
    const s = await demo.collect();
    if (!s.interfaces.ok) throw new Error("interfaces failed");
    const cards = s.interfaces.value;
    expect(demo.changeArgv?.(PIN, cards)).toEqual(
      "route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 metric 10 IF 65540 -p".split(" "),
    );
    expect(demo.changeArgv?.({ ...PIN, action: "delete", metric: undefined }, cards)).toEqual(
      "route delete 10.0.0.0 mask 255.0.0.0 192.168.1.254".split(" "),
    );
    expect(() => demo.changeArgv?.({ ...PIN, interface: "eth9" }, cards)).toThrow(/no card "eth9"/);
    expect(() => demo.applyChange({ ...PIN, action: "delete" })).toThrow(/Element not found/);
    demo.applyChange(PIN);
    expect(() => demo.applyChange(PIN)).toThrow(/already exists/);
    demo.applyChange({ ...PIN, action: "delete" });
    expect(demo.routesNow().some((r) => r.destination === "10.0.0.0/8")).toBe(false);
  });

  it("probes like telnet: a timeout from .10 without the route, a connect from .11 with it", async () => {
    const { demo } = setup();
    const seen: Connection[][] = [];
    const p = demo.probe("10.1.1.20", 5061);
    seen.push(await conns(demo));
    const before = await p;
    expect(before).toMatchObject({ outcome: "timeout", source: "192.168.1.10", ms: 5000 });
    // While it was pending its SYN_SENT was there, from the port it reports.
    expect(
      seen[0]?.find((c) => c.local.port === before.sourcePort && c.process === "dualhome.exe"),
    ).toMatchObject({
      state: "SYN_SENT",
    });
    demo.applyChange(PIN);
    expect(await demo.probe("10.1.1.20", 5061)).toMatchObject({
      outcome: "connected",
      source: "192.168.1.11",
    });
    expect(await demo.probe("10.1.1.20", 23)).toMatchObject({ outcome: "refused", source: "192.168.1.11" });
    expect(await demo.probe("sip.example", 5061)).toMatchObject({ outcome: "error" });
  });

  it("is alive and repeatable: flows come and go, the same seed gives the same flows", async () => {
    const a = setup(42);
    const b = setup(42);
    const keys = (c: Connection[]) =>
      c.map((x) => `${x.local.address}:${x.local.port}>${x.remote.address}:${x.remote.port} ${x.state}`);
    const first = new Set(keys(await conns(a.demo)));
    a.clock.now += 90_000;
    b.clock.now += 90_000;
    const later = keys(await conns(a.demo));
    expect(later).toEqual(keys(await conns(b.demo)));
    expect(later.some((k) => !first.has(k))).toBe(true);
    expect([...first].some((k) => !later.includes(k))).toBe(true);
    const c = setup(43);
    c.clock.now += 90_000;
    expect(keys(await conns(c.demo))).not.toEqual(later);
  });
});
