// New-NetRoute:    https://learn.microsoft.com/powershell/module/nettcpip/new-netroute
//   -PolicyStore: "By default, a route is saved in both stores. Use this parameter only when you need to
//   create a route in just the ActiveStore." (PersistentStore alone "Cannot be used".)
// Remove-NetRoute: https://learn.microsoft.com/powershell/module/nettcpip/remove-netroute
import { describe, expect, it } from "vitest";
import type { NetInterface } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { POWERSHELL_COMMAND, powershellRouteArgv } from "../../../src/system/windows/route-argv.js";
import { add, modern } from "./support/route-changes.js";

describe("powershellRouteArgv", () => {
  it("New-NetRoute for a persistent route writes both stores (no -PolicyStore)", () => {
    expect(powershellRouteArgv(add(), modern)).toEqual([
      "powershell.exe",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "New-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
      "192.168.1.254",
      "-RouteMetric",
      "10",
      "-ErrorAction",
      "Stop",
    ]);
  });

  it("New-NetRoute for a temporary route uses -PolicyStore ActiveStore", () => {
    const argv = powershellRouteArgv(add({ persistent: false, metric: undefined }), modern);
    expect(argv.slice(POWERSHELL_COMMAND.length)).toEqual([
      "New-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
      "192.168.1.254",
      "-PolicyStore",
      "ActiveStore",
      "-ErrorAction",
      "Stop",
    ]);
  });

  it("New-NetRoute on-link IPv6 uses :: as next hop", () => {
    const v6: NetInterface[] = [{ index: 12, name: "ext", addresses: [], up: true }];
    const argv = powershellRouteArgv(
      add({ destination: "2001:db8::/32", gateway: null, interface: "12", metric: undefined }),
      v6,
    );
    expect(argv).toContain("::");
    expect(argv).toContain("2001:db8::/32");
  });

  it("Remove-NetRoute with -Confirm:$false", () => {
    expect(
      powershellRouteArgv(
        {
          action: "delete",
          destination: "10.0.0.0/8",
          gateway: "192.168.1.254",
          interface: "int",
          persistent: true,
        },
        modern,
      ),
    ).toEqual([
      "powershell.exe",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "Remove-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
      "192.168.1.254",
      "-Confirm:$false",
      "-ErrorAction",
      "Stop",
    ]);
  });

  it("refuses '192.168.1.254;reboot' and a route without a card", () => {
    expect(() => powershellRouteArgv(add({ gateway: "192.168.1.254;reboot" }), modern)).toThrow(
      ValidationError,
    );
    expect(() => powershellRouteArgv(add({ interface: null }), modern)).toThrow(/needs the card/);
  });

  it("puts the canonical forms in the argv, not the typed text", () => {
    const v6: NetInterface[] = [{ index: 12, name: "ext", addresses: [], up: true }];
    const argv = powershellRouteArgv(
      add({ destination: " 2001:DB8:0::/32 ", gateway: "FE80:0::1", interface: "ext" }),
      v6,
    );
    expect(argv).toContain("2001:db8::/32");
    expect(argv).toContain("fe80::1");
    expect(argv.every((a) => a === a.trim() && !/[;&|<>`]/.test(a))).toBe(true);
  });
});
