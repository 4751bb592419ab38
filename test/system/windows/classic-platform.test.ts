import { describe, expect, it } from "vitest";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import {
  createClassicWindowsPlatform,
  IPCONFIG_ALL,
  NETSTAT_ANO,
  ROUTE_PRINT,
  TASKLIST,
} from "../../../src/system/windows/classic-platform.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { fixture } from "./fixtures.js";

const story = (v: "ws2003" | "ws2019") =>
  new FakeRunner()
    .expect(ROUTE_PRINT, { stdout: fixture("story", `${v}-route-print.txt`) })
    .expect(IPCONFIG_ALL, { stdout: fixture("story", `${v}-ipconfig-all.txt`) })
    .expect(NETSTAT_ANO, { stdout: fixture("story", `${v}-netstat-ano.txt`) });

describe("classic Windows platform", () => {
  it("runs exactly route print, ipconfig /all and netstat -ano", async () => {
    const runner = story("ws2003");
    const p = createClassicWindowsPlatform(runner, { clock: () => 1000 });
    expect([p.id, p.os, p.collector]).toEqual(["windows", "windows", "classic"]);
    await p.collect();
    runner.assertDone();
    expect(runner.calls).toHaveLength(3);
  });

  it("Server 2003 story: cards joined by MAC get the hex ids, routes name the cards", async () => {
    const s = await createClassicWindowsPlatform(story("ws2003"), { clock: () => 1000 }).collect();
    expect(s).toMatchObject({
      platform: "windows",
      os: "windows",
      host: "SRV-EDGE01",
      collector: "classic",
      takenAt: 1000,
    });
    if (!s.interfaces.ok || !s.routes.ok || !s.connections.ok) throw new Error("a part failed");
    expect(s.interfaces.value.map((i) => [i.name, i.index])).toEqual([
      ["int", 0x10004],
      ["ext", 0x10003],
      ["MS TCP Loopback interface", 1],
    ]);
    expect(s.routes.value.filter((r) => r.destination === "0.0.0.0/0")).toEqual([
      expect.objectContaining({ gateway: "192.168.1.1", interface: "ext", metric: 10, persistent: false }),
    ]);
    expect(s.routes.value.filter((r) => r.destination === "192.168.1.0/24").map((r) => r.interface)).toEqual([
      "ext",
      "int",
    ]);
    expect(s.routes.value.find((r) => r.destination === "127.0.0.0/8")?.interface).toBe(
      "MS TCP Loopback interface",
    );
    expect(s.connections.value.find((c) => c.state === "SYN_SENT")).toMatchObject({
      local: { address: "192.168.1.10", port: 50123 },
      remote: { address: "10.1.1.20", port: 5061 },
    });
    expect(s.notes?.join()).toMatch(/11 listening endpoints/);
  });

  it("Server 2019 story: decimal indexes, IPv6 prefix lengths from on-link routes, persistent default marked", async () => {
    const s = await createClassicWindowsPlatform(story("ws2019")).collect();
    if (!s.interfaces.ok || !s.routes.ok) throw new Error("a part failed");
    expect(s.interfaces.value.map((i) => [i.name, i.index])).toEqual([
      ["ext", 12],
      ["int", 14],
      ["Software Loopback Interface 1", 1],
    ]);
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")).toMatchObject({
      interface: "ext",
      persistent: true,
    });
    expect(s.routes.value.filter((r) => r.destination === "fe80::/64").map((r) => r.interface)).toEqual([
      "ext",
      "int",
    ]);
    expect(s.routes.warnings).toEqual([]);
  });

  it("a failing command fails only its part, with what to do", async () => {
    const runner = new FakeRunner()
      .expect(ROUTE_PRINT, { stdout: fixture("story", "ws2019-route-print.txt") })
      .expect(IPCONFIG_ALL, { stdout: fixture("story", "ws2019-ipconfig-all.txt") })
      .expect(NETSTAT_ANO, new CommandError("netstat did not answer within 10 s", "timeout", NETSTAT_ANO));
    const s = await createClassicWindowsPlatform(runner).collect();
    expect(s.routes.ok).toBe(true);
    expect(s.interfaces.ok).toBe(true);
    expect(s.connections).toMatchObject({ ok: false, error: "netstat did not answer within 10 s" });
  });

  it("without ipconfig the cards come from route print alone", async () => {
    const runner = new FakeRunner()
      .expect(ROUTE_PRINT, { stdout: fixture("real", "windows", "route-print", "jc-win7.txt") })
      .expect(IPCONFIG_ALL, new CommandError("ipconfig not found", "not-found", IPCONFIG_ALL))
      .expect(NETSTAT_ANO, { stdout: "" });
    const s = await createClassicWindowsPlatform(runner).collect();
    if (!s.interfaces.ok || !s.routes.ok) throw new Error("a part failed");
    const card = s.interfaces.value.find((i) => i.index === 10);
    expect(card?.addresses.map((a) => `${a.address}/${a.prefixLen}`)).toEqual([
      "fe80::c447:d1ef:c29f:c48c/64",
      "192.168.22.33/24",
    ]);
    expect(s.interfaces.warnings[0]).toMatch(/ipconfig not found/);
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")?.interface).toBe(
      "Intel(R) PRO/1000 MT Network Connection",
    );
  });

  it("asks tasklist for process names only when told to", async () => {
    const runner = story("ws2003").expect(TASKLIST, {
      stdout: '"RTCSrv.exe","1836","Services","0","40,120 K"\r\n',
    });
    const s = await createClassicWindowsPlatform(runner).collect({ processNames: true });
    runner.assertDone();
    if (!s.connections.ok) throw new Error("connections failed");
    expect(s.connections.value.find((c) => c.state === "SYN_SENT")?.process).toBe("RTCSrv.exe");
  });

  it("changeArgv builds route.exe argv against the host's cards", async () => {
    const p = createClassicWindowsPlatform(story("ws2003"));
    const s = await p.collect();
    if (!s.interfaces.ok) throw new Error("interfaces failed");
    const change = {
      action: "add",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "0x10004",
      persistent: true,
    } as const;
    expect(p.changeArgv?.(change, s.interfaces.value)).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "IF",
      "65540",
      "-p",
    ]);
  });
});
