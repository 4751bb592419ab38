// The live screen's moving parts outside React: the store, the poller feeding it,
// the controller behind the viewing keys and, when changes are allowed, the
// change controller behind a, d, f, u and k.

import { createIncrementalAnalyzer } from "../../core/incremental-analyze.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../system/platform.js";
import type { ChangeRunner } from "../change/runner.js";
import type { ProbeFn } from "../probe.js";
import { createStore } from "../store.js";
import { createChangeController } from "./change-controller.js";
import { createController } from "./controller.js";
import { createPoller } from "./poller.js";
import { createProbeEvidence } from "./probe-evidence.js";
import { reducer } from "./reducer.js";
import { initialState } from "./state.js";

interface LiveSessionOptions {
  platform: Platform;
  policy: Policy | null;
  policySource: string;
  intervalMs: number;
  probe?: ProbeFn;
  changes?: ChangeRunner;
  rollbackAfterS?: number;
}

function probeOf(platform: Platform): ProbeFn | undefined {
  const probe = platform.probe;
  return probe ? (host, port) => probe.call(platform, host, port) : undefined;
}

export function createLiveSession(opts: LiveSessionOptions) {
  const store = createStore(reducer, initialState());
  const evidence = createProbeEvidence();
  const poller = createPoller({
    platform: opts.platform,
    intervalMs: opts.intervalMs,
    dispatch: store.dispatch,
    policy: opts.policy,
    policySource: opts.policySource,
    // Only new or changed flows are classified again while the routes stand still.
    analyze: createIncrementalAnalyzer(),
    probeTimeouts: () => evidence.timeouts,
    // The first read of a full table (1M routes) takes seconds: do not give up on it too early.
    timeoutMs: Math.max(15_000, opts.intervalMs * 3),
  });
  const controller = createController({
    store,
    poller,
    policy: opts.policy,
    policySource: opts.policySource,
    probe: opts.probe ?? probeOf(opts.platform),
    evidence,
  });
  const changes = opts.changes
    ? createChangeController({
        store,
        poller,
        changes: opts.changes,
        rollbackAfterS: opts.rollbackAfterS ?? 60,
        policy: opts.policy,
        policySource: opts.policySource,
        // The CLI in another terminal may start a change: the banner and `c` must cover it too.
        discoverMs: 2000,
      })
    : undefined;
  return { store, poller, controller, changes };
}
