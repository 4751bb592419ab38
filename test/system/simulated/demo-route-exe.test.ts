import { describe, expect, it } from "vitest";
import type { RouteChange } from "../../../src/core/model.js";
import { INT_GATEWAY, INTERFACES } from "../../../src/system/simulated/demo-host.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { changeOfRouteExe, demoRouteExeRunner } from "../../../src/system/simulated/demo-route-exe.js";
import { routeExeArgv } from "../../../src/system/windows/route-argv.js";

const PIN: RouteChange = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: INT_GATEWAY,
  interface: "int",
  persistent: true,
};

describe("route.exe on the demo host", () => {
  it("reads back exactly the change route-argv rendered", () => {
    for (const c of [
      PIN,
      { ...PIN, metric: 5, persistent: false },
      { ...PIN, action: "delete" as const, interface: null },
      { ...PIN, action: "delete" as const, gateway: null },
    ]) {
      const back = changeOfRouteExe(routeExeArgv(c, INTERFACES), INTERFACES);
      expect(back).toEqual({ ...c, persistent: c.action === "add" ? c.persistent : false });
    }
  });

  it("applies the argv to the demo's table and refuses anything that is not route.exe", async () => {
    const demo = createDemoPlatform({ clock: () => 1_000 });
    const runner = demoRouteExeRunner(demo, INTERFACES);
    await runner.run(routeExeArgv(PIN, INTERFACES));
    expect(demo.routesNow().some((r) => r.destination === "10.0.0.0/8" && r.interface === "int")).toBe(true);
    await expect(runner.run(routeExeArgv(PIN, INTERFACES))).rejects.toThrow(/already exists/);
    await expect(runner.run(["sysctl", "-w", "x=1"])).rejects.toThrow(/route add\|delete only/);
  });
});

describe("netsh on the demo host", () => {
  it("prints the demo's table as netsh does: the card's index and the route's own metric", async () => {
    const { parseNetshRoutes } = await import("../../../src/system/windows/netsh-routes.js");
    const demo = createDemoPlatform({ clock: () => 1_000 });
    const runner = demoRouteExeRunner(demo, INTERFACES);
    await runner.run(routeExeArgv({ ...PIN, metric: 7 }, INTERFACES));
    const { stdout } = await runner.run(["netsh", "interface", "ipv4", "show", "route"]);
    const int = INTERFACES.find((c) => c.name === "int");
    expect(parseNetshRoutes(stdout)).toContainEqual({
      destination: "10.0.0.0/8",
      gateway: INT_GATEWAY,
      ifIndex: int?.index,
      metric: 7,
    });
  });
});
