// The live screen sees a change that the CLI started in another terminal while
// it runs: it joins the countdown (banner and `c`) instead of staying unseen.
import { describe, expect, it } from "vitest";
import { reducer } from "../../../src/app/live/reducer.js";
import { createRollbackWatch } from "../../../src/app/live/rollback-watch.js";
import { initialState } from "../../../src/app/live/state.js";
import { createStore } from "../../../src/app/store.js";
import type { IntentRecord } from "../../../src/system/journal/journal.js";
import { add, intent } from "../../system/journal/journal-records.js";
import { fakeChanges } from "../change/fake-changes.js";

/** Timers that run only when the test says so. */
function manualTimers() {
  const due: { fn: () => void; ms: number }[] = [];
  return {
    due,
    timers: {
      setTimeout: (fn: () => void, ms: number) => due.push({ fn, ms }),
      clearTimeout: () => {},
    },
    runFor(ms: number) {
      for (const t of due.splice(0).filter((x) => x.ms === ms)) t.fn();
    },
  };
}

describe("rollback watch: changes started elsewhere", () => {
  it("a change the CLI starts while the screen runs is found in the journal and counts down here too", () => {
    const store = createStore(reducer, initialState());
    const changes = fakeChanges();
    const t = manualTimers();
    const watch = createRollbackWatch({
      store,
      poller: { refresh: () => {} },
      changes,
      timers: t.timers,
      now: () => 1_000,
      discoverMs: 2000,
    });
    watch.start();
    t.runFor(2000);
    expect(store.getState().change.rollbacks).toEqual([]);
    const cli: IntentRecord = intent("cli1", add("10.0.0.0/8"), 900, { rollbackAt: 13_000 });
    changes.journal = { ...changes.journal, pending: [cli] };
    t.runFor(2000);
    expect(store.getState().change.rollbacks).toEqual([
      { id: "cli1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev eth1", rollbackAt: 13_000 },
    ]);
    expect(store.getState().change.notice).toContain("started elsewhere and counting down");
    // Found once: the next look adds nothing.
    t.runFor(2000);
    expect(store.getState().change.rollbacks).toHaveLength(1);
    watch.stop();
  });
});
