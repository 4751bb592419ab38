// Before the guided fix looks: a change still counting down (from the live
// screen, or `route add --rollback-after` in another terminal) would make the
// plan count a route the watchdog is about to take away. The operator keeps or
// reverts it first; a change its watchdog settles meanwhile settles the question.
import { describeIntent } from "../../system/journal/describe.js";
import type { ChangeRunner } from "../change/runner.js";
import type { FixEvent } from "./machine.js";
import type { FixState, PendingChange } from "./types.js";

type Send = (e: FixEvent) => void;
type Changes = Pick<ChangeRunner, "status" | "keep" | "revertNow" | "entry">;

/** Waiting for a keep, or past its deadline with nothing recorded: both of unknown fate. */
export function pendingChanges(changes: Changes): PendingChange[] {
  const st = changes.status();
  const of = (overdue: boolean) => (i: (typeof st.pending)[number]) => ({
    id: i.id,
    what: describeIntent(i),
    rollbackAt: i.rollbackAt ?? 0,
    overdue,
  });
  return [...st.pending.map(of(false)), ...st.overdue.map(of(true))];
}

interface PendingKeeper {
  keep(s: FixState, send: Send): Promise<void>;
  revert(s: FixState, send: Send): Promise<void>;
  /** Every tick: a change kept elsewhere or reverted by its watchdog is settled without the operator. */
  follow(s: FixState, send: Send): void;
}

const listOf = (s: FixState) => (s.phase.kind === "pending" ? s.phase.changes : []);

export function createPendingKeeper(changes: Changes): PendingKeeper {
  let inFlight = false;
  /** What became of each change, once none is left to decide. */
  const done = (send: Send, lines: string[]) => send({ type: "pending-settled", lines });

  return {
    async keep(s, send) {
      const list = listOf(s);
      if (inFlight || list.length === 0) return;
      inFlight = true;
      try {
        const lines: string[] = [];
        for (const c of list) {
          const k = changes.keep(c.id);
          // Refused: the watchdog is reverting it now; the next tick reports the revert.
          if (k.status !== "kept") return send({ type: "note", text: k.message });
          lines.push(`kept before planning: ${c.what} (${c.id}) stays`);
        }
        done(send, lines);
      } finally {
        inFlight = false;
      }
    },
    async revert(s, send) {
      const list = listOf(s);
      if (inFlight || list.length === 0) return;
      inFlight = true;
      try {
        const lines: string[] = [];
        for (const c of list) {
          const e = changes.entry(c.id);
          if (e?.status === "reverted") {
            lines.push(`reverted before planning: ${c.what} (${c.id}), by its watchdog`);
            continue;
          }
          const out = await changes.revertNow(c.id);
          if (out.status !== "reverted") return send({ type: "note", text: out.message });
          lines.push(`reverted before planning: ${c.what} (${c.id})`);
        }
        done(send, lines);
      } finally {
        inFlight = false;
      }
    },
    follow(s, send) {
      const list = listOf(s);
      if (inFlight || list.length === 0) return;
      const lines: string[] = [];
      for (const c of list) {
        const status = changes.entry(c.id)?.status ?? "gone";
        if (status === "kept") lines.push(`kept before planning: ${c.what} (${c.id}) stays`);
        else if (status === "reverted")
          lines.push(`reverted before planning: ${c.what} (${c.id}), by its watchdog`);
        else if (status === "revert-failed")
          lines.push(`its revert failed before planning: ${c.what} (${c.id}) is still applied`);
        else return;
      }
      done(send, lines);
    },
  };
}
