// The exporter's metrics, in a registry of their own (never prom-client's global one:
// a test or a second exporter in one process must not see another's series). Each
// poll replaces every labelled series it knows the value of, so a label set that is
// gone (a card no longer used, a finding fixed) disappears instead of going stale.
// prom-client renders synchronously after collect(), so a scrape never sees a
// gauge between its reset and its new values. A gauge without labels always has a
// value in prom-client (0 at first), so each one joins the registry only once it
// has been set: before the first poll, or while its part never answered, it is
// absent rather than a 0 that looks like a fact (an age of 0 would look fresh).
import { Counter, Gauge, Registry } from "prom-client";
import type { Analysis, Snapshot } from "../../core/model.js";
import { PART_NAMES } from "../live/state.js";
import { countAnalysis } from "./analysis-counts.js";

interface BuildInfo {
  version: string;
}

/** One poll that answered: the snapshot as collected (its parts' ok) and the analysis of the merged one. */
interface PollRecord {
  raw: Snapshot;
  analysis: Analysis;
  startedAt: number;
  finishedAt: number;
}

export interface ExportMetrics {
  readonly registry: Registry;
  record(poll: PollRecord): void;
  /** The host did not answer at all: every value is kept, every part is down. */
  recordFailure(): void;
}

export function createExportMetrics(build: BuildInfo, now: () => number = Date.now): ExportMetrics {
  const registry = new Registry();
  const registers = [registry];
  const shown = new Set<Gauge<string>>();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name: `dualhome_${name}`, help, labelNames, registers: [] });
  const show = <L extends string>(g: Gauge<L>): Gauge<L> => {
    if (!shown.has(g)) registry.registerMetric(g);
    shown.add(g);
    return g;
  };
  const buildInfo = gauge("build_info", "always 1: the version, the platform and how it is read", [
    "version",
    "platform",
    "collector",
  ]);
  const up = gauge(
    "up",
    "1 when the last poll read this part of the host, 0 when it failed (its values are kept)",
    ["part"],
  );
  const flows = gauge(
    "flows",
    "connections (listening sockets left out) by verdict and the card they leave by",
    ["verdict", "card"],
  );
  const findings = gauge("findings", "findings of the analysis by id and severity", ["id", "severity"]);
  const stuckSyn = gauge("stuck_syn", "TCP connections in SYN_SENT: a connect nobody answers (yet)");
  const routes = gauge("routes", "routes in every table, by address family", ["family"]);
  const sockets = gauge("sockets", "sockets in the connection table, listening ones included");
  const gateways = gauge(
    "default_gateways",
    "distinct default gateways of the main table on cards that are up",
    ["family"],
  );
  const lastPoll = gauge(
    "last_poll_timestamp_seconds",
    "when the last poll the host answered finished (Unix time)",
  );
  const duration = gauge("last_poll_duration_seconds", "how long the last poll the host answered took");
  const polls = new Counter({ name: "dualhome_polls_total", help: "polls started", registers });
  const pollErrors = new Counter({
    name: "dualhome_poll_errors_total",
    help: "polls the host did not answer (failed or timed out): every value was kept",
    registers,
  });
  let lastFinished: number | null = null;
  const age = new Gauge({
    name: "dualhome_last_poll_age_seconds",
    help: "seconds since the last poll the host answered, at the time of the scrape",
    registers: [],
    collect() {
      if (lastFinished === null) return;
      this.set(Math.max(0, (now() - lastFinished) / 1000));
    },
  });

  return {
    registry,
    record({ raw, analysis, startedAt, finishedAt }) {
      polls.inc();
      show(buildInfo).reset();
      buildInfo.set({ version: build.version, platform: raw.platform, collector: raw.collector }, 1);
      for (const part of PART_NAMES) show(up).set({ part }, raw[part].ok ? 1 : 0);
      const c = countAnalysis(analysis);
      if (c.flows) {
        show(flows).reset();
        for (const f of c.flows) flows.set({ verdict: f.verdict, card: f.card }, f.count);
      }
      if (c.stuckSyn !== null) show(stuckSyn).set(c.stuckSyn);
      if (c.sockets !== null) show(sockets).set(c.sockets);
      show(findings).reset();
      for (const f of c.findings) findings.set({ id: f.id, severity: f.severity }, f.count);
      if (c.routes) for (const [family, n] of Object.entries(c.routes)) show(routes).set({ family }, n);
      if (c.defaultGateways)
        for (const [family, n] of Object.entries(c.defaultGateways)) show(gateways).set({ family }, n);
      lastFinished = finishedAt;
      show(lastPoll).set(finishedAt / 1000);
      show(duration).set(Math.max(0, finishedAt - startedAt) / 1000);
      show(age);
    },
    recordFailure() {
      polls.inc();
      pollErrors.inc();
      for (const part of PART_NAMES) show(up).set({ part }, 0);
    },
  };
}
