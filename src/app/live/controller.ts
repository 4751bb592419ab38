// The effects behind the keys: pausing the poller, explaining, probing. Kept
// out of the views so they stay render-only and testable without Ink.
import { errorText } from "../../core/errors.js";
import { explainDestination } from "../../core/explain.js";
import type { Connection } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import { type ProbeFn, parseHostPort } from "../probe.js";
import type { Store } from "../store.js";
import type { Poller } from "./poller.js";
import { type ProbeEvidence, probeCard } from "./probe-evidence.js";
import { type Action, type AppState, type ExplainView, REFRESHING } from "./state.js";

export interface Controller {
  togglePause(): void;
  refresh(): void;
  explain(text: string): void;
  /** The engine's answer for one flow's destination from its own source (the detail view); no effect. */
  explainFlow(conn: Connection): ExplainView | null;
  /** Starts a probe; resolves when it is done (the view follows the store). */
  probe(text: string): Promise<void>;
  readonly canProbe: boolean;
}

interface ControllerOptions {
  store: Store<AppState, Action>;
  poller: Pick<Poller, "pause" | "resume" | "refresh" | "reanalyze" | "paused">;
  policy: Policy | null;
  policySource: string;
  probe?: ProbeFn | undefined;
  /** Where a probe's timeout is kept for the analyses that follow. */
  evidence?: ProbeEvidence;
  now?: () => number;
}

export function createController(o: ControllerOptions): Controller {
  const { store, poller } = o;
  const now = o.now ?? Date.now;
  return {
    togglePause() {
      if (poller.paused) poller.resume();
      else poller.pause();
    },
    refresh() {
      poller.refresh();
      store.dispatch({ type: "status", text: REFRESHING });
    },
    explain(text) {
      const analysis = store.getState().analysis;
      if (!analysis) {
        store.dispatch({ type: "status", text: "no data yet: wait for the first poll" });
        return;
      }
      const out = explainDestination(analysis, text, { policy: o.policy, policySource: o.policySource });
      store.dispatch({
        type: "explain-result",
        view: out.ok ? { query: text, result: out.result } : { query: text, error: out.error },
      });
    },
    explainFlow(conn) {
      const analysis = store.getState().analysis;
      if (!analysis) return null;
      const proto = conn.protocol === "udp" ? "udp" : "tcp";
      const query = `${conn.remote.address} port ${conn.remote.port}/${proto} from ${conn.local.address}`;
      const out = explainDestination(analysis, query, { policy: o.policy, policySource: o.policySource });
      return out.ok ? { query, result: out.result } : { query, error: out.error };
    },
    async probe(text) {
      if (!o.probe) {
        store.dispatch({
          type: "status",
          text: "probe is not available here: use `dualhome probe <host> <port>`",
        });
        return;
      }
      const target = parseHostPort(text);
      if ("error" in target) {
        store.dispatch({ type: "status", text: target.error });
        return;
      }
      const startedAt = now();
      store.dispatch({ type: "probe-start", host: target.host, port: target.port, now: startedAt });
      // The flow shows up in Connections while the probe runs; poll now so it appears at once.
      poller.refresh();
      let evidenceChanged = false;
      try {
        const result = await o.probe(target.host, target.port);
        evidenceChanged = o.evidence?.note(result, probeCard(store.getState().analysis, result)) ?? false;
        store.dispatch({ type: "probe-done", startedAt, result });
      } catch (e) {
        store.dispatch({ type: "probe-error", startedAt, error: errorText(e) });
      }
      // An unchanged host is not analysed again, but the findings must show the new evidence now.
      if (evidenceChanged) poller.reanalyze();
      else poller.refresh();
    },
    get canProbe() {
      return o.probe !== undefined;
    },
  };
}
