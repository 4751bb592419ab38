// The PowerShell parsers on formatted views (tables and lists) from real,
// read-only captures.
import { describe, expect, it } from "vitest";
import { parsePsAddresses, parsePsRoutes, psItems } from "../../../src/system/windows/parse-powershell.js";
import { parsePsTcp } from "../../../src/system/windows/parse-ps-sockets.js";
import { lines, realFiles } from "./fixtures.js";

describe("formatted PowerShell views from real captures (read-only)", () => {
  it.each(realFiles("windows", "get-netroute"))("%s: every table row is a route", (_n, text) => {
    const rows = lines(text).filter((l) => /^\d+\s+\S+\/\d+/.test(l)).length;
    const r = parsePsRoutes(text);
    expect(r.routes.length + r.persistent.length).toBe(rows);
    expect(r.routes.find((x) => x.destination === "0.0.0.0/0")).toMatchObject({
      gateway: "192.168.1.1",
      metric: 50,
      interface: "24",
    });
  });

  it.each(realFiles("windows", "new-netroute"))(
    "%s: ActiveStore and the cut 'Persiste...' store",
    (_n, text) => {
      const r = parsePsRoutes(text);
      expect(r.routes).toEqual([
        expect.objectContaining({ destination: "169.254.169.254/32", gateway: "172.24.32.1", metric: 756 }),
      ]);
      expect(r.persistent).toHaveLength(1);
    },
  );

  it.each([...realFiles("windows", "get-netipaddress"), ...realFiles("windows", "new-netipaddress")])(
    "%s: every IPAddress block read (unusable states reported)",
    (_n, text) => {
      const blocks = lines(text).filter((l) => /^IPAddress\s*:/.test(l)).length;
      const r = parsePsAddresses(text);
      const unusable = r.warnings.filter((w) => /not usable/.test(w)).length;
      expect(r.addresses.length + unusable).toBe(blocks);
    },
  );

  it.each(realFiles("windows", "get-nettcpconnection"))("%s: every table row read", (_n, text) => {
    const rows = lines(text).filter((l) => /^[0-9a-f.:]+\s+\S+/i.test(l) && !/^-/.test(l)).length;
    const r = parsePsTcp(text);
    expect(r.connections.length + r.listeners.length).toBe(rows);
  });

  it("Find-NetRoute and Test-NetConnection list views are read as objects, not thrown on", () => {
    for (const [, text] of [
      ...realFiles("windows", "find-netroute"),
      ...realFiles("windows", "test-netconnection"),
    ]) {
      const items = psItems(text);
      expect(items.error).toBeUndefined();
      expect(items.items.length).toBeGreaterThan(0);
    }
    const [, salt] = realFiles("windows", "find-netroute").find(([n]) => n.startsWith("salt")) ?? ["", ""];
    expect(parsePsRoutes(salt).routes).toEqual([
      expect.objectContaining({ destination: "0.0.0.0/0", gateway: "10.0.0.1", interface: "Wi-Fi" }),
    ]);
  });
});
