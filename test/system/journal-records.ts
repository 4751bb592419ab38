// Journal records for tests, built the way the change runner writes them.
import type { RouteChange } from "../../src/core/model.js";
import type { IntentRecord, JournalRecord, RevertBy } from "../../src/system/journal.js";

export function add(destination: string, gateway = "192.168.1.254", card = "eth1"): RouteChange {
  return { action: "add", destination, gateway, interface: card, persistent: false };
}

export function intent(
  id: string,
  change: RouteChange,
  at: number,
  extra: Partial<IntentRecord> = {},
): IntentRecord {
  const verb = change.action === "add" ? "add" : "del";
  const undo = change.action === "add" ? "del" : "add";
  const tail = [change.destination, "via", change.gateway ?? "", "dev", change.interface ?? ""];
  return {
    type: "intent",
    id,
    at,
    change,
    argv: ["ip", "route", verb, ...tail],
    revertArgv: ["ip", "route", undo, ...tail],
    host: "srv",
    user: "alice",
    rollbackAt: null,
    ...extra,
  };
}

export const ok = (id: string, at: number): JournalRecord => ({ type: "result", id, at, ok: true });
export const failed = (id: string, at: number): JournalRecord => ({
  type: "result",
  id,
  at,
  ok: false,
  error: "boom",
});
export const reverted = (id: string, at: number, by: RevertBy = "undo", pid = 1): JournalRecord[] => [
  { type: "reverting", id, at, by, pid },
  { type: "revert", id, at, by, pid, ok: true },
];
