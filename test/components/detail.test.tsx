// Enter opens the selected flow, route or finding in full; Esc closes it.
import { describe, expect, it } from "vitest";
import { nameDemoCards } from "../../src/system/simulated/demo-host.js";
import { analysisOf, demoSnapshot, renderApp } from "./helpers.js";

describe("the detail view", () => {
  it("Enter on the stuck flow shows its route, card, gateway, source, why and what the policy expects", async () => {
    nameDemoCards("Ethernet 2", "イーサネット 2");
    const analysis = analysisOf(await demoSnapshot());
    nameDemoCards("ext", "int");
    const app = await renderApp({ columns: 80, rows: 24, analysis });
    expect(app.frame()).not.toContain("Flow ✗ wrong NIC");
    await app.type("\r");
    const f = app.frame();
    expect(f).toContain("Flow ✗ wrong NIC");
    expect(f).toMatch(/tcp 192\.168\.1\.10:\d+ → 10\.1\.1\.2\d:5061 · SYN_SENT/);
    expect(f).toMatch(/process +sipproxy\.exe PID 2212/);
    expect(f).toContain("leaves   Ethernet 2 via 192.168.1.1");
    expect(f).toMatch(/expected +イーサネット 2 \(any gateway\) \(policy rule 'internal \(inferred\)'/);
    expect(f).toMatch(/route +default via 192\.168\.1\.1 dev Ethernet 2 metric 25/);
    expect(f).toMatch(/source +192\.168\.1\.10/);
    expect(f).toMatch(/why +\S/);
    // No change backend here: nothing offers to change a route.
    expect(f).toMatch(/actions +e explain 10\.1\.1\.2\d/);
    expect(f.split("\n").find((l) => l.includes("actions"))).not.toMatch(/f fix/);
    await app.type("\x1b");
    await new Promise((r) => setTimeout(r, 30));
    expect(app.frame()).not.toContain("Flow ✗ wrong NIC");
    expect(app.frame()).toContain("Connections");
    app.unmount();
  });

  it("a finding longer than the line is shown whole, wrapped; a route shows its card and persistence", async () => {
    const analysis = analysisOf(await demoSnapshot());
    const app = await renderApp({ columns: 60, rows: 24, analysis });
    await app.type("\t");
    expect(app.store.getState().pane).toBe("findings");
    await app.type("\r");
    const message =
      app.store.getState().analysis?.findings.find((f) => f.severity === "error")?.message ?? "";
    expect(message.length).toBeGreaterThan(60);
    const text = app.frame().replace(/\s+/g, " ");
    expect(text).toContain(message);
    expect(app.frame()).toMatch(/Finding ✗ error · wrong-nic-route/);
    await app.type("\x1b");
    await app.type("\t");
    expect(app.store.getState().pane).toBe("routes");
    await app.type("\r");
    expect(app.frame()).toMatch(/Route default \(0\.0\.0\.0\/0\)/);
    expect(app.frame()).toMatch(/kept +persistent/);
    expect(app.frame()).toMatch(/read-only: routes cannot be changed here/);
    app.unmount();
  });
});
