// Journal records for tests, built the way the change runner writes them.
import type { RouteChange } from "../../../src/core/model.js";
import type { RunResult } from "../../../src/system/exec/runner-types.js";
import type { IntentRecord, JournalRecord, RevertBy } from "../../../src/system/journal/journal.js";
import type { FakeRunner } from "../../support/fake-runner.js";

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

/** What a revert of `add(dst)` reads first: the kernel's routes for that prefix in main. */
export const showExact = (dst: string): string[] => [
  ...["ip", dst.includes(":") ? "-6" : "-4", "-json", "route", "show", "table", "main", "exact", dst],
];

/** The kernel's answer when exactly the route `add(dst, gateway, card)` made is there. */
export const kernelJson = (dst: string, gateway = "192.168.1.254", card = "eth1"): string =>
  JSON.stringify([{ dst, gateway, dev: card, flags: [] }]);

/** The delete of exactly that route, as the revert rebuilds it. */
export const exactDel = (dst: string, gateway = "192.168.1.254", card = "eth1"): string[] => [
  ...["ip", "route", "del", dst, "via", gateway, "dev", card],
  ...["table", "main", "metric", "0", "proto", "boot", "scope", "global"],
];

/** Expects the revert of `add(dst)`: the read that finds exactly our route, then its delete answered by `answer`. */
export function expectRevert(runner: FakeRunner, dst: string, answer: Partial<RunResult> = {}): FakeRunner {
  return runner.expect(showExact(dst), { stdout: kernelJson(dst) }).expect(exactDel(dst), answer);
}
