import { describe, expect, it } from "vitest";
import { pickDelete, pickFix } from "../../../src/app/live/pick-change.js";
import { reducer } from "../../../src/app/live/reducer.js";
import { type Action, type AppState, initialState, type Pane } from "../../../src/app/live/state.js";
import { connectionRows, findingRows, routeRows } from "../../../src/app/live/view-model.js";
import { analyze } from "../../../src/core/analyze.js";
import type { Analysis } from "../../../src/core/model.js";
import { DEMO_POLICY } from "../../../src/system/simulated/demo-host.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { analysisOf, route as linuxRoute, linuxRoutes, linuxSnapshot } from "../fix/support.js";

const T0 = 1_700_000_000_000;
const ctx = { policy: null, policySource: "inferred" };

async function demo(withPolicy: boolean): Promise<Analysis> {
  const snap = await createDemoPlatform({ seed: 7, clock: () => T0 }).collect();
  return analyze(snap, { policy: withPolicy ? DEMO_POLICY : null, policySource: "test", now: T0 });
}

function state(a: Analysis, pane: Pane, cursor = 0): AppState {
  const actions: Action[] = [
    { type: "poll-start", seq: 1 },
    { type: "poll-ok", seq: 1, analysis: a, firstSeen: new Map(), partErrors: {}, now: T0 },
    { type: "focus", pane },
    { type: "move-to", index: cursor, total: 1000, page: 10 },
  ];
  return actions.reduce(reducer, initialState());
}

const ADD_10 = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "int",
  persistent: true,
};

describe("f: what the fix acts on", () => {
  it("the selected wrong flow: the fix of the finding that covers its destination", async () => {
    const s = state(await demo(true), "connections");
    const row = connectionRows(s, "", false)[0];
    expect(row?.conn.remote.address).toBe("10.1.1.20");
    const picked = pickFix(s, ctx);
    expect(picked).toMatchObject({ kind: "changes", changes: [ADD_10] });
  });

  it("the selected finding, whichever it is", async () => {
    const a = await demo(true);
    const s = state(a, "findings", 1);
    expect(findingRows(a, "")[1]?.subject).toBe("172.16.0.0/12");
    expect(pickFix(s, ctx)).toMatchObject({ kind: "changes", changes: [{ destination: "172.16.0.0/12" }] });
  });

  it("nothing selected (Routes pane, or an ok flow): the first error finding", async () => {
    const a = await demo(true);
    expect(pickFix(state(a, "routes"), ctx)).toMatchObject({ kind: "changes", changes: [ADD_10] });
    const okAt = connectionRows(state(a, "connections"), "", false).findIndex((r) => r.conn.verdict === "ok");
    expect(pickFix(state(a, "connections", okAt), ctx)).toMatchObject({ changes: [ADD_10] });
  });

  it("a finding without a fix because the gateway is unknown opens the form, pre-filled", async () => {
    const s = state(await demo(false), "connections");
    const picked = pickFix(s, ctx);
    expect(picked.kind).toBe("form");
    if (picked.kind !== "form") return;
    expect(picked.prefill).toMatchObject({ destination: "10.0.0.0/8", card: "int", gateway: "" });
    expect(picked.prefill.note).toContain("gateway for 10.0.0.0/8 is unknown");
  });

  it("a finding no route change fixes says so", async () => {
    const a = await demo(true);
    const at = findingRows(a, "").findIndex((f) => f.id === "same-subnet-nics");
    const picked = pickFix(state(a, "findings", at), ctx);
    expect(picked).toMatchObject({ kind: "none" });
    if (picked.kind === "none") expect(picked.why).toContain("no route change fixes this");
  });

  it("no data yet: says to wait", () => {
    expect(pickFix(initialState(), ctx)).toMatchObject({
      kind: "none",
      why: expect.stringContaining("wait"),
    });
  });
});

describe("d: the selected route", () => {
  it("deletes the route under the cursor in Routes, as it stands in the table", async () => {
    const a = await demo(true);
    const at = routeRows(a, "").findIndex((r) => r.destination === "192.168.1.0/24" && r.interface === "int");
    const picked = pickDelete(state(a, "routes", at));
    expect(picked).toMatchObject({
      kind: "changes",
      changes: [
        {
          action: "delete",
          destination: "192.168.1.0/24",
          gateway: null,
          interface: "int",
          persistent: false,
        },
      ],
    });
    // Windows: the metric route print shows is a sum route.exe does not take.
    if (picked.kind === "changes") expect(picked.changes[0]?.metric).toBeUndefined();
  });

  it("a Linux route in another table is deleted from that table", () => {
    const a = analysisOf(
      linuxSnapshot([...linuxRoutes(), { ...linuxRoute("10.0.0.0/8", "192.168.1.1", "eth0"), table: "100" }]),
    );
    const at = routeRows(a, "").findIndex((r) => r.table === "100");
    expect(pickDelete(state(a, "routes", at))).toMatchObject({
      kind: "changes",
      changes: [{ action: "delete", destination: "10.0.0.0/8", table: "100", metric: 0 }],
    });
    const main = routeRows(a, "").findIndex((r) => r.table === "main" && r.destination === "0.0.0.0/0");
    const picked = pickDelete(state(a, "routes", main));
    expect(picked.kind === "changes" && picked.changes[0]?.table).toBeUndefined();
  });

  it("refuses outside Routes, and for local or broadcast routes", async () => {
    const a = await demo(true);
    expect(pickDelete(state(a, "connections"))).toMatchObject({
      kind: "none",
      why: expect.stringContaining("Tab to Routes"),
    });
    const local = routeRows(a, "").findIndex((r) => r.type === "local");
    expect(pickDelete(state(a, "routes", local))).toMatchObject({
      why: expect.stringContaining("unicast routes only"),
    });
  });
});
