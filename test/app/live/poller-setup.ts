// The poller under test against a platform whose polls the test answers by hand.
import { vi } from "vitest";
import { createPoller, type PollerOptions } from "../../../src/app/live/poller.js";
import { reducer } from "../../../src/app/live/reducer.js";
import { type Action, initialState } from "../../../src/app/live/state.js";
import { createStore } from "../../../src/app/store.js";
import type { Analysis, Snapshot } from "../../../src/core/model.js";
import type { CollectOptions } from "../../../src/system/platform.js";

// The analysis is not under test here: a stand-in that keeps the snapshot it got.
const fakeAnalyze = (s: Snapshot): Analysis => ({
  snapshot: s,
  connections: [],
  findings: [],
  policySource: "t",
});

interface Call {
  opts: CollectOptions | undefined;
  resolve: (s: Snapshot) => void;
  reject: (e: Error) => void;
}

export function setup(over: Partial<PollerOptions> = {}) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const platform = {
    collect: (opts?: CollectOptions) =>
      new Promise<Snapshot>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = () => inFlight--;
        calls.push({
          opts,
          resolve: (s) => {
            done();
            resolve(s);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
      }),
  };
  const store = createStore(reducer, initialState());
  const actions: Action[] = [];
  const dispatch = (a: Action) => {
    actions.push(a);
    store.dispatch(a);
  };
  const poller = createPoller({
    platform,
    intervalMs: 1000,
    dispatch,
    analyze: fakeAnalyze,
    timeoutMs: 5000,
    ...over,
  });
  return { calls, store, actions, poller, maxInFlight: () => maxInFlight };
}

export const flush = () => vi.advanceTimersByTimeAsync(0);
