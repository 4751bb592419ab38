// After a step of the guided fix is applied under auto-rollback: a quick probe
// says whether it looks right, c keeps it, n reverts it now, and the countdown
// is followed (the watchdog holds the revert of every step, extras included).

import type { ProbeFn } from "../probe.js";
import type { StepDeps } from "./apply.js";
import type { FixEvent } from "./machine.js";
import type { FixState, PlanStep, StepRecord } from "./types.js";

type Send = (e: FixEvent) => void;

function current(s: FixState) {
  const p = s.phase;
  if (p.kind !== "keep") return null;
  const step = s.plan[p.step];
  const record = s.records[p.step];
  return step && record ? { i: p.step, step, record, rollbackAt: p.rollbackAt } : null;
}

interface Keeper {
  /** A probe right after a route add: is it safe to keep? null when there is nothing to probe. */
  check(s: FixState): Promise<string | null>;
  /** Called every tick in the keep phase: notices a revert by the watchdog, or reverts an extra at its deadline. */
  follow(s: FixState, send: Send): Promise<void>;
  keep(s: FixState, send: Send): Promise<void>;
  revert(s: FixState, send: Send): Promise<void>;
}

export function createKeeper(d: StepDeps, probe: ProbeFn | null): Keeper {
  let inFlight = false;
  const once = async (fn: () => Promise<void>) => {
    if (inFlight) return;
    inFlight = true;
    try {
      await fn();
    } finally {
      inFlight = false;
    }
  };
  // An optional extra that is reverted leaves the fix whole; a reverted route step does not.
  const stopUnlessOptional = (step: PlanStep, why: string) => (step.optional ? undefined : why);
  const done = (i: number, record: StepRecord, stop?: string): FixEvent =>
    stop ? { type: "step-done", step: i, record, stop } : { type: "step-done", step: i, record };

  async function revertNow(s: FixState, send: Send, by: string): Promise<void> {
    const c = current(s);
    if (!c) return;
    const out = await d.changes.revertNow(c.record.id ?? "");
    if (out.status !== "reverted") {
      send({ type: "note", text: out.message });
      return;
    }
    // An extra's outcome repeats its title; the step already shows it.
    const message = c.step.kind === "commands" ? `reverted by ${by}` : out.message;
    const record = { ...c.record, status: "reverted" as const, message, at: d.clock() };
    send(
      done(
        c.i,
        record,
        stopUnlessOptional(c.step, `step ${c.i + 1} was reverted by ${by}: the fix is incomplete`),
      ),
    );
  }

  return {
    async check(s) {
      const c = current(s);
      const target = s.answers.proof;
      if (!c || !probe || !target || c.step.change?.action !== "add") return null;
      const r = await probe(target.host, target.port);
      const cards = s.analysis?.snapshot.interfaces.ok ? s.analysis.snapshot.interfaces.value : [];
      const card = cards.find((x) => x.addresses.some((a) => a.address === r.source))?.name;
      const from = r.source ? ` from ${r.source}${card ? ` (${card})` : ""}` : "";
      const good = r.outcome === "connected" && card === s.answers.card;
      return `check: ${target.host}:${target.port} ${r.outcome}${from}${good ? ": looks right, c keeps it" : ": n reverts it now"}`;
    },
    follow: (s, send) =>
      once(async () => {
        const c = current(s);
        if (!c) return;
        const e = d.changes.entry(c.record.id ?? "");
        if (e?.status === "reverted" || e?.status === "revert-failed") {
          const status = e.status === "reverted" ? ("reverted" as const) : ("failed" as const);
          const record = { ...c.record, status, message: e.detail, at: d.clock() };
          send(
            done(
              c.i,
              record,
              stopUnlessOptional(c.step, `step ${c.i + 1} was not kept in time: ${e.detail}`),
            ),
          );
        }
      }),
    keep: (s, send) =>
      once(async () => {
        const c = current(s);
        if (!c) return;
        const out = d.changes.keep(c.record.id ?? undefined);
        if (out.status !== "kept") {
          send({ type: "note", text: out.message });
          return;
        }
        send(done(c.i, { ...c.record, status: "kept", at: d.clock() }));
      }),
    revert: (s, send) => once(() => revertNow(s, send, "the operator")),
  };
}
