// A change and its revert are verified against the OS as it is now. The live screen's
// table lags the kernel by a monitor event, so where the backend can read one prefix
// straight from the OS (`routesOf`), that read decides, not the cached poll.
import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../../src/app/change/runner.js";
import { verifyOnHost } from "../../../src/app/change/verify.js";
import type { Part, Route } from "../../../src/core/model.js";
import { memoryJournal } from "../../../src/system/journal/journal.js";
import type { Platform } from "../../../src/system/platform.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { add, expectRevert, intent, ok } from "../../system/journal/journal-records.js";
import { ADD_10, prepared, setup, WITH_10 } from "./runner-setup.js";
import { baseRoutes, route, tablePlatform } from "./world.js";

/** Polls answer `stale` (the screen's cache); routesOf answers `kernel`, and records what it was asked. */
function lagging(stale: Route[], kernel: Route[] | Error) {
  const asked: [string, string][] = [];
  const p: Platform = {
    ...tablePlatform(stale),
    async routesOf(destination, table): Promise<Part<Route[]>> {
      asked.push([destination, table]);
      if (kernel instanceof Error) return { ok: false, error: kernel.message, warnings: [] };
      return { ok: true, value: kernel.filter((r) => r.destination === destination), warnings: [] };
    },
  };
  return { platform: p, asked };
}

describe("verification reads the OS, not the screen's cache", () => {
  it("an add is verified by the kernel's answer though the cached table does not have it yet", async () => {
    const { platform, asked } = lagging(baseRoutes(), WITH_10());
    const { runner, changes } = setup({ platform });
    const p = await prepared(changes);
    runner.expect(p.argv, {});
    const out = await changes.apply(p);
    expect(out).toMatchObject({
      status: "applied",
      message: "done and verified: 10.0.0.0/8 is in the table",
    });
    expect(asked).toEqual([["10.0.0.0/8", "main"]]);
  });

  it("an undo is verified by the kernel's answer though the cached table still shows the route", async () => {
    const journal = memoryJournal([intent("a", add("172.16.0.0/12"), 1), ok("a", 2)]);
    const stale = [...baseRoutes(), route("172.16.0.0/12", "192.168.1.254", "eth1")];
    const { platform } = lagging(stale, baseRoutes());
    const runner = expectRevert(new FakeRunner(), "172.16.0.0/12");
    const changes = createChangeRunner({
      platform,
      runner,
      journal,
      spawnWatchdog: () => 0,
      clock: () => 1_000,
      readOnly: false,
      privileged: true,
      host: "srv",
      pid: 5,
    });
    const out = await changes.undo();
    expect(out).toMatchObject({
      status: "reverted",
      message: "reverted and verified: 172.16.0.0/12 is gone from the table",
    });
  });

  it("and the kernel's answer also decides the other way: still there is unverified", async () => {
    const still = [...baseRoutes(), route("172.16.0.0/12", "192.168.1.254", "eth1")];
    const { platform } = lagging(baseRoutes(), still);
    const gone = await verifyOnHost(
      platform,
      {
        action: "add",
        destination: "172.16.0.0/12",
        gateway: "192.168.1.254",
        interface: "eth1",
        persistent: false,
      },
      false,
    );
    expect(gone).toBe(
      "172.16.0.0/12 via 192.168.1.254 dev eth1 metric 0 is still in the table after the command",
    );
  });

  it("a read that fails says the change could not be verified, and why", async () => {
    const { platform } = lagging(WITH_10(), new Error("ip: command not found"));
    expect(await verifyOnHost(platform, ADD_10, true)).toBe(
      "could not verify: reading the routes failed: ip: command not found",
    );
  });

  it("without routesOf a fresh poll decides, in the change's own table", async () => {
    const platform = tablePlatform([
      ...baseRoutes(),
      { ...route("10.0.0.0/8", "192.168.1.254", "eth1"), table: "100" },
    ]);
    expect(await verifyOnHost(platform, { ...ADD_10, table: "100" }, true)).toBeNull();
    expect(await verifyOnHost(platform, ADD_10, true)).toBe(
      "10.0.0.0/8 via 192.168.1.254 dev eth1 is not in the table after the command",
    );
    expect(platform.collects).toBe(2);
  });
});
