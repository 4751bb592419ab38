// The whole App with route changes wired: a store, a fake poller, the change
// controller over a given ChangeRunner, at a fixed size, driven key by key.
import { render } from "ink-testing-library";
import type { ChangeRunner } from "../../src/app/change/runner.js";
import { type ChangeController, createChangeController } from "../../src/app/live/change-controller.js";
import { createController } from "../../src/app/live/controller.js";
import { reducer } from "../../src/app/live/reducer.js";
import { type Action, type AppState, initialState } from "../../src/app/live/state.js";
import { createStore, type Store } from "../../src/app/store.js";
import { App } from "../../src/components/App.js";
import type { Analysis } from "../../src/core/model.js";
import type { Policy } from "../../src/core/policy.js";
import { FakePoller, pollOk, T0 } from "./helpers.js";

export interface ChangeApp {
  store: Store<AppState, Action>;
  changes: ChangeController;
  frame: () => string;
  lines: () => string[];
  type: (keys: string) => Promise<void>;
  /** Waits (bounded) until the state says so: applies and prepares are asynchronous. */
  until: (what: string, ok: (s: AppState) => boolean) => Promise<void>;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

export async function renderChangeApp(o: {
  analysis: Analysis;
  changes: ChangeRunner;
  policy?: Policy | null;
  columns?: number;
  rows?: number;
  rollbackAfterS?: number;
  /** Read the journal at start, as run-tui does. */
  start?: boolean;
}): Promise<ChangeApp> {
  const store = createStore(reducer, initialState());
  const poller = new FakePoller(store);
  const policy = o.policy ?? null;
  const controller = createController({ store, poller, policy, policySource: "test", now: () => T0 });
  const changes = createChangeController({
    store,
    poller,
    changes: o.changes,
    rollbackAfterS: o.rollbackAfterS ?? 60,
    policy,
    policySource: "test",
    // The countdown is checked by hand in these tests: no timers left running.
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    now: () => T0,
  });
  pollOk(store, o.analysis, 1);
  if (o.start) changes.start();
  const info = {
    platform: "test",
    os: "linux",
    collector: "test",
    intervalMs: 1000,
    policySource: "test",
    readOnly: false,
  };
  const ink = render(
    <App
      store={store}
      controller={controller}
      changes={changes}
      info={info}
      ascii={false}
      color={false}
      size={{ columns: o.columns ?? 160, rows: o.rows ?? 45 }}
    />,
  );
  const frame = () => ink.lastFrame() ?? "";
  return {
    store,
    changes,
    frame,
    lines: () => frame().split("\n"),
    async type(keys) {
      // Named keys (arrows, Esc) go whole; text goes key by key.
      for (const k of keys.startsWith("\x1b") ? [keys] : keys) {
        ink.stdin.write(k);
        await tick();
      }
    },
    async until(what, ok) {
      for (let i = 0; i < 200; i++) {
        if (ok(store.getState())) return;
        await tick();
      }
      throw new Error(`${what}: not reached. Last frame:\n${frame()}`);
    },
  };
}
