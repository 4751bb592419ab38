// Shared setup for the component tests: a store fed with the demo host's
// analysis, rendered at a fixed terminal size.
import { render } from "ink-testing-library";
import { type Controller, createController } from "../../src/app/live/controller.js";
import type { Poller } from "../../src/app/live/poller.js";
import { reducer } from "../../src/app/live/reducer.js";
import { type Action, type AppState, initialState } from "../../src/app/live/state.js";
import type { ProbeFn } from "../../src/app/probe.js";
import { createStore, type Store } from "../../src/app/store.js";
import { App } from "../../src/components/App.js";
import { analyze, connectionKey } from "../../src/core/analyze.js";
import type { Analysis, Snapshot } from "../../src/core/model.js";
import { createDemoPlatform } from "../../src/system/simulated/demo-platform.js";

export const T0 = 1_700_000_000_000;

export async function demoSnapshot(seed = 7): Promise<Snapshot> {
  return createDemoPlatform({ seed, clock: () => T0 }).collect();
}

export function analysisOf(snapshot: Snapshot, now = T0): Analysis {
  const firstSeen = new Map<string, number>();
  if (snapshot.connections.ok)
    for (const c of snapshot.connections.value) firstSeen.set(connectionKey(c), now);
  return analyze(snapshot, { policySource: "inferred", now, firstSeen });
}

export function pollOk(store: Store<AppState, Action>, analysis: Analysis, seq: number, now = T0): void {
  store.dispatch({ type: "poll-start", seq });
  // As the poller does: a flow keeps the time it was first seen.
  const before = store.getState().firstSeen;
  const firstSeen = new Map(
    analysis.connections.map((c) => [connectionKey(c), before.get(connectionKey(c)) ?? now] as const),
  );
  store.dispatch({ type: "poll-ok", seq, analysis, firstSeen, partErrors: {}, now });
}

export class FakePoller implements Pick<Poller, "pause" | "resume" | "refresh" | "reanalyze" | "paused"> {
  paused = false;
  refreshes = 0;
  reanalyses = 0;
  constructor(private readonly store: Store<AppState, Action>) {}
  pause() {
    this.paused = true;
    this.store.dispatch({ type: "set-paused", paused: true });
  }
  resume() {
    this.paused = false;
    this.store.dispatch({ type: "set-paused", paused: false });
  }
  refresh() {
    this.refreshes++;
  }
  reanalyze() {
    this.reanalyses++;
  }
}

export interface Rendered {
  store: Store<AppState, Action>;
  controller: Controller;
  poller: FakePoller;
  frame: () => string;
  type: (keys: string) => Promise<void>;
  /** One chunk, as a paste or a laggy link delivers it. */
  paste: (chunk: string) => Promise<void>;
  quits: number;
  unmount: () => void;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

export async function renderApp(opts: {
  columns: number;
  rows: number;
  analysis?: Analysis | null;
  ascii?: boolean;
  color?: boolean;
  probe?: ProbeFn;
  /** The controller's clock (when a probe starts). */
  now?: () => number;
}): Promise<Rendered> {
  const store = createStore(reducer, initialState());
  const poller = new FakePoller(store);
  const controller = createController({
    store,
    poller,
    policy: null,
    policySource: "inferred",
    probe: opts.probe,
    now: opts.now ?? (() => T0),
  });
  if (opts.analysis) pollOk(store, opts.analysis, 1);
  const out: Rendered = {
    store,
    controller,
    poller,
    quits: 0,
    frame: () => "",
    type: async () => {},
    paste: async () => {},
    unmount: () => {},
  };
  const info = {
    platform: "simulated",
    os: "windows",
    collector: "simulated",
    intervalMs: 1000,
    policySource: "inferred",
    readOnly: false,
  };
  const ink = render(
    <App
      store={store}
      controller={controller}
      info={info}
      ascii={opts.ascii ?? false}
      color={opts.color ?? false}
      size={{ columns: opts.columns, rows: opts.rows }}
      onQuit={() => {
        out.quits++;
      }}
    />,
  );
  out.frame = () => ink.lastFrame() ?? "";
  out.unmount = () => ink.unmount();
  // Plain text goes key by key; an escape sequence (PgUp is "\x1b[5~") goes whole.
  out.type = async (keys: string) => {
    for (const k of keys.startsWith("\x1b") ? [keys] : keys) {
      ink.stdin.write(k);
      await tick();
    }
  };
  out.paste = async (chunk: string) => {
    ink.stdin.write(chunk);
    await tick();
  };
  await tick();
  return out;
}
