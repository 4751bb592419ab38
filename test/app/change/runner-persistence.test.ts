// The change runner and persistence: the NetworkManager twin of a live change,
// live-only changes without --persist, and on Windows route -p and elevation.
import { describe, expect, it } from "vitest";
import { ADD_10, prepared, setup, WITH_10 } from "./runner-setup.js";
import { tablePlatform } from "./world.js";

describe("persistence", () => {
  it("NetworkManager: the nmcli twin runs right after the live change, and the result says persisted", async () => {
    const nm = ["nmcli", "connection", "modify", "corp", "+ipv4.routes", "10.0.0.0/8 192.168.1.254"];
    const { runner, journal, changes } = setup({
      persistence: async () => ({
        persistent: true,
        system: "networkmanager",
        argv: nm,
        revertArgv: ["nmcli", "connection", "modify", "corp", "-ipv4.routes", "10.0.0.0/8 192.168.1.254"],
        note: "NetworkManager owns eth1",
      }),
    });
    const p = await prepared(changes, { ...ADD_10, persistent: true });
    expect(p.persistent).toBe(true);
    expect(p.persistArgv).toEqual(nm);
    runner.expect(p.argv, {}).expect(nm, {});
    const out = await changes.apply(p);
    expect(out).toMatchObject({ status: "applied", persisted: true });
    expect(runner.calls).toEqual([p.argv, nm]);
    expect(journal.read().records.at(-1)).toMatchObject({ type: "result", ok: true, persisted: true });
  });

  it("without --persist a Linux change says it is live only, and asks nothing of the system", async () => {
    let asked = false;
    const { changes } = setup({
      persistence: async () => {
        asked = true;
        throw new Error("not expected");
      },
    });
    const p = await prepared(changes);
    expect(asked).toBe(false);
    expect(p).toMatchObject({ persistent: false, persistArgv: null });
    expect(p.persistenceNote).toBe("live only: gone after a reboot (add --persist to keep it)");
  });
});

describe("on Windows", () => {
  it("route -p persists by itself, and the revert is route delete of the same route", async () => {
    const { routeExeArgv } = await import("../../../src/system/windows/route-argv.js");
    const platform = {
      ...tablePlatform(WITH_10()),
      os: "windows" as const,
      id: "windows" as const,
      changeArgv: routeExeArgv,
    };
    const { changes } = setup({ platform });
    const p = await prepared(changes, { ...ADD_10, persistent: true });
    expect(p.argv).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "IF",
      "3",
      "-p",
    ]);
    expect(p.revertArgv).toEqual(["route", "delete", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"]);
    expect(p.persistent).toBe(true);
  });

  it("an unprivileged console is told to elevate", async () => {
    const { routeExeArgv } = await import("../../../src/system/windows/route-argv.js");
    const platform = {
      ...tablePlatform(WITH_10()),
      os: "windows" as const,
      id: "windows" as const,
      changeArgv: routeExeArgv,
    };
    const { changes } = setup({ platform, privileged: false });
    const p = await prepared(changes);
    expect(p.refusal).toMatch(
      /^needs an elevated console: run `dualhome route add 10\.0\.0\.0\/8 --via 192\.168\.1\.254 --dev eth1` as administrator/,
    );
  });
});
