// The change controller on the demo server's analysis, with a store, fake
// changes, no timers and a clock the test moves by hand.
import { type ChangeController, createChangeController } from "../../../src/app/live/change-controller.js";
import { reducer } from "../../../src/app/live/reducer.js";
import { type Action, type AppState, initialState } from "../../../src/app/live/state.js";
import { createStore, type Store } from "../../../src/app/store.js";
import { analyze } from "../../../src/core/analyze.js";
import type { Analysis } from "../../../src/core/model.js";
import { DEMO_POLICY } from "../../../src/system/simulated/demo-host.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { type FakeChanges, fakeChanges } from "../change/fake-changes.js";

export const T0 = 1_000_000;
const NO_TIMERS = { setTimeout: () => 0, clearTimeout: () => {} };

export async function demoAnalysis(policy = true): Promise<Analysis> {
  const snap = await createDemoPlatform({ seed: 7, clock: () => T0 }).collect();
  return analyze(snap, { policy: policy ? DEMO_POLICY : null, policySource: "test", now: T0 });
}

export interface Setup {
  store: Store<AppState, Action>;
  c: ChangeController;
  changes: FakeChanges;
  refreshes: () => number;
  clock: { t: number };
}

export function setup(analysis: Analysis, changes = fakeChanges(), rollbackAfterS = 60): Setup {
  const store = createStore(reducer, initialState());
  store.dispatch({ type: "poll-start", seq: 1 });
  store.dispatch({ type: "poll-ok", seq: 1, analysis, firstSeen: new Map(), partErrors: {}, now: T0 });
  let refreshes = 0;
  const clock = { t: T0 };
  const c = createChangeController({
    store,
    poller: { refresh: () => refreshes++ },
    changes,
    rollbackAfterS,
    policy: null,
    policySource: "test",
    timers: NO_TIMERS,
    now: () => clock.t,
  });
  return { store, c, changes, refreshes: () => refreshes, clock };
}

export const ui = (s: Setup) => s.store.getState().change;
