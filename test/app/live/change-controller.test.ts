// The change controller from f to the outcome: the confirmation carries the
// prepared argv, y applies it, k keeps it; cancels, refusals and failures.
import { describe, expect, it } from "vitest";
import { fakeChanges, preparedOf } from "../change/fake-changes.js";
import { demoAnalysis, setup, T0, ui } from "./change-controller-setup.js";

describe("change controller: f → confirmation → y → outcome → k", () => {
  it("the confirmation carries the prepared argv, and y applies that very object", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    const confirm = ui(s).confirm;
    expect(confirm?.title).toBe("route add 10.0.0.0/8 via 192.168.1.254 dev int");
    expect(confirm?.commands).toEqual([["route", "add", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"]]);
    expect(confirm?.rollbackAfterS).toBe(60);
    expect(s.changes.applied).toHaveLength(0);
    await s.c.confirm();
    expect(s.changes.applied).toHaveLength(1);
    expect(s.changes.applied[0]?.prepared.argv).toBe(
      confirm?.payload.kind === "change" && confirm.payload.prepared.argv,
    );
    expect(s.changes.applied[0]?.opts).toEqual({ rollbackAfterS: 60 });
    expect(ui(s)).toMatchObject({
      confirm: null,
      busy: null,
      outcome: { ok: true, lines: ["done and verified: 10.0.0.0/8 is in the table"] },
      rollbacks: [
        { id: "c1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", rollbackAt: T0 + 60_000 },
      ],
    });
    expect(s.refreshes()).toBe(1);

    s.c.keep();
    expect(s.changes.kept).toEqual(["c1"]);
    expect(ui(s).rollbacks).toEqual([]);
    expect(ui(s).outcome?.lines).toEqual(["kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays"]);
    expect(s.refreshes()).toBe(2);
  });

  it("n (cancel) closes the confirmation and runs nothing", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    s.c.cancel();
    expect(ui(s).confirm).toBeNull();
    expect(s.changes.applied).toHaveLength(0);
    expect(s.store.getState().status).toBe("cancelled: nothing was changed");
  });

  it("a refused change (read-only) runs nothing and says why", async () => {
    const changes = fakeChanges({
      prepare: (c) => preparedOf(c, { refusal: "read-only: nothing was changed" }),
    });
    const s = setup(await demoAnalysis(), changes);
    await s.c.fix();
    expect(ui(s).confirm?.refusal).toBe("read-only: nothing was changed");
    await s.c.confirm();
    expect(changes.applied).toHaveLength(0);
    expect(ui(s).outcome).toEqual({ ok: false, lines: ["read-only: nothing was changed"] });
  });

  it("a failed command says so and that nothing changed; no countdown", async () => {
    const changes = fakeChanges({
      apply: () => ({
        status: "failed",
        message: "The route addition failed: Element not found.",
        rollbackAt: null,
      }),
    });
    const s = setup(await demoAnalysis(), changes);
    await s.c.fix();
    await s.c.confirm();
    expect(ui(s).outcome).toEqual({
      ok: false,
      lines: [
        "route add 10.0.0.0/8 via 192.168.1.254 dev int failed: The route addition failed: Element not found.",
        "nothing was changed",
      ],
    });
    expect(ui(s).rollbacks).toEqual([]);
  });
});
