// One state directory, two network namespaces (issue 12, item 1): a change made
// in A under auto-rollback is not B's to list, keep or undo, and still reverts
// by itself in A on time; `journal --all` in B shows it, marked. B holds the
// same route as A, so an undo of A's change run in B would show in B's table.
// Bare namespaces with a dummy card; `npm run build` first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, eventually } from "./lab-helpers.js";
import { bareNamespace, canUseNamespaces, delNamespace, ipn, netnsOf, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`journal namespace tests skipped: ${can.reason}`);

const ROUTE = ["10.0.0.0/8", "--via", "192.168.1.254", "--dev", "eth1"];
const pinned = (ns: string) => /via 192\.168\.1\.254 dev eth1/.test(ipn(ns, "route", "show", "10.0.0.0/8"));

describe.runIf(can.ok)("the journal per network namespace", () => {
  const a = uniqueName("dhja");
  const b = uniqueName("dhjb");
  const state = mkdtempSync(path.join(tmpdir(), "dh-jns-"));
  const env = { DUALHOME_STATE_DIR: state };
  let id = "";

  beforeAll(() => {
    bareNamespace(a);
    bareNamespace(b);
    ipn(b, "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1");
  });
  afterAll(() => {
    delNamespace(a);
    delNamespace(b);
    rmSync(state, { recursive: true, force: true });
  });

  it("route add --rollback-after 12 in A: applied there, journaled with A's namespace, pending", () => {
    const r = cli(a, ["route", "add", ...ROUTE, "--rollback-after", "12", "--yes"], env);
    expect(r.code, r.stderr).toBe(0);
    id = /journal id ([0-9a-f]+)/.exec(r.stdout)?.[1] ?? "";
    expect(id).not.toBe("");
    expect(pinned(a)).toBe(true);
    const { entries } = JSON.parse(cli(a, ["journal", "--json"], env).stdout);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id, status: "rollback-pending", here: true });
    expect(entries[0].netns).toEqual({ id: netnsOf(a).id, name: a });
  });

  it("in B: journal lists nothing of A's, --all shows it marked with A's name and id", () => {
    const mine = JSON.parse(cli(b, ["journal", "--json"], env).stdout);
    expect(mine.entries).toEqual([]);
    expect(mine.elsewhere).toBe(1);
    const text = cli(b, ["journal"], env).stdout;
    expect(text).not.toContain(id);
    expect(text).toContain("journal --all");
    const all = cli(b, ["journal", "--all"], env).stdout;
    expect(all).toContain(id);
    expect(all).toContain(`[netns ${a} ${netnsOf(a).id}]`);
  });

  it("in B: keep keeps nothing, keep <id> and undo <id> are refused with where to run them; B's table is untouched", () => {
    const keepAll = cli(b, ["keep"], env);
    expect(keepAll.code).toBe(1);
    expect(keepAll.stderr).toContain("nothing to keep");
    const keep = cli(b, ["keep", id], env);
    expect(keep.code).toBe(1);
    expect(keep.stderr).toContain(`change ${id} was made in network namespace ${a}`);
    expect(keep.stderr).toContain(`ip netns exec ${a} dualhome keep ${id}`);
    const undoLast = cli(b, ["undo", "--yes"], env);
    expect(undoLast.code).toBe(1);
    expect(undoLast.stderr).toContain("nothing to undo");
    const undo = cli(b, ["undo", id, "--yes"], env);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain(`ip netns exec ${a} dualhome undo ${id}`);
    expect(pinned(b)).toBe(true);
    // Nobody kept it in A: still counting down there (or, on a slow machine, already reverted).
    const { entries } = JSON.parse(cli(a, ["journal", "--json"], env).stdout);
    expect(["rollback-pending", "reverting", "reverted"]).toContain(entries[0].status);
  });

  it("in A, nobody having kept it there: its watchdog reverts it at the deadline, in A only", async () => {
    await eventually(() => !pinned(a), 40_000);
    const entry = await eventually(() => {
      const e = JSON.parse(cli(a, ["journal", "--json"], env).stdout).entries[0];
      return e?.status === "reverted" ? e : null;
    }, 15_000);
    expect(entry.detail).toMatch(/^reverted by watchdog at /);
    const revertedAt = Date.parse(entry.detail.replace(/^reverted by watchdog at /, ""));
    // The detail says the time to the second, for people: compare at that resolution.
    expect(revertedAt).toBeGreaterThanOrEqual(Math.floor(Date.parse(entry.rollbackAt) / 1000) * 1000);
    expect(pinned(b)).toBe(true);
  });
});
