import { describe, expect, it } from "vitest";
import { snapshotFromSaved } from "../../src/system/saved.js";
import { fixture } from "./windows/fixtures.js";

const story = (f: string) => fixture("story", f);

describe("snapshotFromSaved (windows)", () => {
  it("route print + netstat + ipconfig → a full snapshot from the analyze collector", () => {
    const s = snapshotFromSaved(
      "windows",
      {
        routePrint: story("ws2003-route-print.txt"),
        netstat: story("ws2003-netstat-ano.txt"),
        ipconfig: story("ws2003-ipconfig-all.txt"),
      },
      { takenAt: 1 },
    );
    expect(s).toMatchObject({
      platform: "windows",
      os: "windows",
      collector: "route-print",
      host: "SRV-EDGE01",
      takenAt: 1,
    });
    if (!s.interfaces.ok || !s.routes.ok || !s.connections.ok) throw new Error("a part failed");
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")?.interface).toBe("ext");
    expect(s.interfaces.value.find((i) => i.name === "int")?.index).toBe(0x10004);
    expect(s.connections.value).toHaveLength(4);
  });

  it("one file alone works; the missing parts say which option to pass", () => {
    const s = snapshotFromSaved("windows", { netstat: story("ws2019-netstat-ano.txt") });
    expect(s.connections.ok).toBe(true);
    expect(s.routes).toMatchObject({
      ok: false,
      error: "not given: pass --route-print F (or --ps-routes F)",
    });
    expect(s.interfaces).toMatchObject({
      ok: false,
      error: "not given: pass --ipconfig F (or --route-print F)",
    });
  });

  it("route print without ipconfig still yields cards and named routes", () => {
    const s = snapshotFromSaved("windows", { routePrint: story("ws2019-route-print.txt") });
    if (!s.interfaces.ok || !s.routes.ok) throw new Error("a part failed");
    expect(s.connections).toMatchObject({ ok: false, error: "not given: pass --netstat F (or --ps-tcp F)" });
    const names = new Set(s.interfaces.value.map((i) => i.name));
    for (const r of s.routes.value) if (r.interface !== null) expect(names.has(r.interface)).toBe(true);
    // The IPv4 address is tied to index 12 because its metric (281) matches that index's IPv6 rows only.
    const ext = s.interfaces.value.find((i) => i.addresses.some((a) => a.address === "192.168.1.10"));
    expect(ext).toMatchObject({ index: 12, name: "Microsoft Hyper-V Network Adapter" });
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")?.interface).toBe(
      "Microsoft Hyper-V Network Adapter",
    );
  });

  it("route print alone on Server 2003 names unmatched cards by their address and says so", () => {
    const s = snapshotFromSaved("windows", { routePrint: story("ws2003-route-print.txt") });
    if (!s.interfaces.ok || !s.routes.ok) throw new Error("a part failed");
    expect(s.interfaces.value.find((i) => i.name === "192.168.1.10")).toMatchObject({ index: 0 });
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")?.interface).toBe("192.168.1.10");
    expect(s.interfaces.warnings.join()).toMatch(/give ipconfig \/all too/);
  });

  it("PowerShell JSON files, mixed with classic ones", () => {
    const s = snapshotFromSaved("windows", {
      psInterfaces: fixture("windows-ps", "ws2019-get-netipinterface.json"),
      psAddresses: fixture("windows-ps", "ws2019-get-netipaddress.json"),
      psRoutes: fixture("windows-ps", "ws2019-get-netroute.json"),
      netstat: story("ws2019-netstat-ano.txt"),
    });
    if (!s.interfaces.ok || !s.routes.ok || !s.connections.ok) throw new Error("a part failed");
    expect(s.interfaces.value.map((i) => i.name)).toEqual(["int", "ext", "Loopback Pseudo-Interface 1"]);
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")).toMatchObject({
      interface: "ext",
      metric: 25,
      persistent: true,
    });
    expect(s.connections.value.find((c) => c.state === "SYN_SENT")?.local.address).toBe("192.168.1.10");
  });

  it("PowerShell TCP alone, and an unknown key noted", () => {
    const s = snapshotFromSaved("windows", {
      psTcp: fixture("windows-ps", "ws2019-get-nettcpconnection.json"),
      netstatRn: "x",
    });
    expect(s.connections.ok).toBe(true);
    expect(s.notes?.join()).toMatch(/unknown kind "netstatRn"/);
  });
});

describe("snapshotFromSaved (darwin)", () => {
  it("netstat -rn and netstat -an", () => {
    const s = snapshotFromSaved("darwin", {
      netstatRn: fixture("real", "darwin", "netstat-rn", "jc-macos10146-rnl.txt"),
      netstatAn: fixture("real", "darwin", "netstat-anv", "find-process-example-pid-epid.txt"),
    });
    expect(s).toMatchObject({ platform: "darwin", os: "darwin", collector: "netstat" });
    if (!s.interfaces.ok || !s.routes.ok || !s.connections.ok) throw new Error("a part failed");
    expect(s.interfaces.value.find((i) => i.name === "en0")?.addresses[0]).toEqual({
      address: "192.168.1.221",
      prefixLen: 24,
      family: 4,
      primary: true,
    });
    expect(s.routes.value).toHaveLength(89);
    expect(s.connections.value).toHaveLength(3);
  });

  it("netstat -an alone", () => {
    const s = snapshotFromSaved("darwin", {
      netstatAn: fixture("real", "darwin", "netstat-an", "freebsd12-jc-an.txt"),
    });
    expect(s.connections.ok).toBe(true);
    expect(s.routes).toMatchObject({ ok: false, error: "not given: pass --netstat-rn F" });
  });
});
