// The guided fix's driver: the state machine (fix-machine.ts) says where the
// session is; entering a phase starts the I/O it needs (poll, prepare, apply,
// probe, write) and the result goes back in as an event. A one-second tick
// keeps the look live, follows the rollback countdown and re-counts the flows.

import { randomBytes } from "node:crypto";
import { errorText } from "../../core/errors.js";
import type { NeighbourRead, NetInterface } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../system/platform.js";
import type { ChangeRunner, PreparedChange } from "../change/runner.js";
import type { ProbeFn } from "../probe.js";
import { createStore, type Store } from "../store.js";
import { applyCommands, applyRoute, prepareStep, type StepDeps } from "./apply.js";
import { candidateCards } from "./facts.js";
import { createKeeper } from "./keep.js";
import { type FixEvent, fixReducer, initialFixState } from "./machine.js";
import { createPendingKeeper, pendingChanges } from "./pending.js";
import { answeredPolicy, intentOf } from "./plan.js";
import { countsOf, measure, prove } from "./proof.js";
import type { FixState, Phase } from "./types.js";
import { type FixFiles, writeOutputs } from "./write.js";

export type { FixFiles } from "./write.js";

export interface FixSessionDeps {
  platform: Platform;
  changes: ChangeRunner;
  probe: ProbeFn | null;
  neighbours: (cards: NetInterface[]) => Promise<NeighbourRead>;
  files: FixFiles;
  /** --policy: its internal rule answers the questions first. */
  policy?: Policy | null;
  rollbackAfterS?: number;
  /** The journal's group id for this fix's steps (default a fresh one). */
  group?: string;
  readOnly?: boolean;
  privileged: boolean;
  self?: string;
  user?: string;
  /** How to undo, for the summary (the demo's changes live in memory). */
  undoHint?: string;
  /** Shown on a step confirmed without rollback, when `dualhome undo` is not how it is undone. */
  undoWith?: string;
  clock?: () => number;
  /** 0: no timer (tests call tick()). Default 1000. */
  tickMs?: number;
  pollMs?: number;
  firstSeen?: ReadonlyMap<string, number>;
}

export interface FixSession {
  store: Store<FixState, FixEvent>;
  start(): void;
  /** Ends timers; a step still waiting for c is left to its watchdog. */
  stop(): Promise<void>;
  tick(): void;
  /** Settles when no I/O of the session is running (tests). */
  idle(): Promise<void>;
  send(e: FixEvent): void;
  keep(): void;
  revert(): void;
}

// Polls go on until the steps start, so flows keep the time they were first seen.
const POLLING = new Set(["observing", "observed", "plan", "confirm"]);
const keyOf = (p: Phase) => `${p.kind}:${"step" in p ? p.step : ""}`;

export function createFixSession(d: FixSessionDeps): FixSession {
  const clock = d.clock ?? Date.now;
  const pollMs = d.pollMs ?? 2000;
  const stepDeps: StepDeps = {
    platform: d.platform,
    changes: d.changes,
    rollbackAfterS: d.rollbackAfterS ?? 60,
    ...(d.undoWith ? { undoWith: d.undoWith } : {}),
    readOnly: !!d.readOnly,
    privileged: d.privileged,
    self: d.self ?? "dualhome",
    clock,
    // One id for every step this fix applies: `dualhome undo` of any of them offers the whole fix.
    group: d.group ?? `fix-${randomBytes(4).toString("hex")}`,
  };
  const proofDeps = { platform: d.platform, probe: d.probe, clock };
  const keeper = createKeeper(stepDeps, d.probe);
  const before = createPendingKeeper(d.changes);
  const start = {
    host: "",
    os: d.platform.os,
    platform: d.platform.id,
    now: clock(),
    given: d.policy ?? null,
    extras: d.platform.extrasArgv ?? null,
  };
  const store = createStore(fixReducer, initialFixState(start));
  const running = new Set<Promise<unknown>>();
  const prepared = new Map<number, PreparedChange>();
  let firstSeen: ReadonlyMap<string, number> = d.firstSeen ?? new Map();
  let policy: Policy | null = null;
  let fixedAt = 0;
  let lastPoll = 0;
  let busy = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const state = () => store.getState();
  const track = (p: Promise<unknown>) => {
    const t = p.catch((e: unknown) => send({ type: "fatal", message: errorText(e) }));
    running.add(t);
    void t.finally(() => running.delete(t));
  };
  /** One poll at a time, whatever asked for it. */
  const polling = (fn: () => Promise<void>) => {
    busy = true;
    lastPoll = clock();
    track(
      fn().finally(() => {
        busy = false;
      }),
    );
  };

  function send(e: FixEvent): void {
    const before = state().phase;
    store.dispatch(e);
    if (keyOf(before) !== keyOf(state().phase)) enter(state());
  }

  async function look(): Promise<void> {
    const first = state().analysis === null;
    const m = await measure(proofDeps, d.policy ?? null, firstSeen);
    firstSeen = m.firstSeen;
    // The neighbours first: the gateway question needs them as soon as the look is shown.
    if (first)
      send({ type: "neighbours", neighbours: (await d.neighbours(candidateCards(m.analysis))).neighbours });
    send({ type: "polled", analysis: m.analysis, firstSeen: m.firstSeen, now: m.at });
  }

  async function recount(): Promise<void> {
    const s = state();
    const intent = intentOf(s.answers);
    if (!policy || !intent || !s.proof) return;
    const m = await measure(proofDeps, policy, firstSeen);
    firstSeen = m.firstSeen;
    const now = state();
    if (now.phase.kind === "proved" && now.proof)
      send({ type: "proof", proof: { ...now.proof, ...countsOf(m, intent, fixedAt) } });
  }

  function enter(s: FixState): void {
    const p = s.phase;
    const intent = intentOf(s.answers);
    if (p.kind === "plan" && s.analysis && intent) policy = answeredPolicy(s.analysis, intent);
    // After the changes counting down were kept or reverted: the first look, made from the truth.
    if (p.kind === "observing") {
      polling(look);
      return;
    }
    const step = "step" in p ? s.plan[p.step] : undefined;
    const pol = policy;
    if (!pol) return;
    if (p.kind === "preparing" && step) {
      track(prepareStep(stepDeps, step, p.step, pol, (x) => prepared.set(p.step, x)).then(send));
    } else if (p.kind === "applying" && step) {
      fixedAt = fixedAt || clock();
      const x = prepared.get(p.step);
      if (step.kind === "commands") track(applyCommands(stepDeps, step, p.step).then(send));
      else if (x) track(applyRoute(stepDeps, p.step, x).then(send));
    } else if (p.kind === "keep" && step) {
      track(keeper.check(s).then((text) => text && send({ type: "check", text })));
    } else if (p.kind === "proving" && intent) {
      const base = { wrongBefore: s.wrongBefore, firstSeen, fixedAt: fixedAt || clock() };
      fixedAt = base.fixedAt;
      polling(async () => {
        const r = await prove(proofDeps, s.answers.proof ?? null, pol, intent, base);
        firstSeen = r.firstSeen;
        send({ type: "proof", proof: r.proof });
      });
    } else if (p.kind === "writing") {
      track(writeOutputs(d, s, pol, clock()).then(send));
    }
  }

  function tick(): void {
    const now = clock();
    send({ type: "tick", now });
    const s = state();
    const k = s.phase.kind;
    if (k === "keep") track(keeper.follow(s, send));
    if (k === "pending") before.follow(s, send);
    if (busy || now - lastPoll < pollMs) return;
    if (POLLING.has(k) || k.startsWith("ask-")) polling(look);
    else if (k === "proved") polling(recount);
  }

  return {
    store,
    start() {
      const pending = pendingChanges(d.changes);
      if (pending.length > 0) send({ type: "pending", changes: pending });
      else polling(look);
      const ms = d.tickMs ?? 1000;
      if (ms > 0) timer = setInterval(tick, ms);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      // A step still waiting for k is left to its watchdog, which reverts it at the deadline.
    },
    tick,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    send,
    keep: () => track((state().phase.kind === "pending" ? before : keeper).keep(state(), send)),
    revert: () => track((state().phase.kind === "pending" ? before : keeper).revert(state(), send)),
  };
}
