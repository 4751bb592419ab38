import { describe, expect, it } from "vitest";
import { intentOfKey } from "../../../src/app/fix/keys.js";
import { type FixEvent, fixReducer, initialFixState } from "../../../src/app/fix/machine.js";
import { TYPE_GATEWAY } from "../../../src/app/fix/suggest.js";
import type { FixState, StepRecord } from "../../../src/app/fix/types.js";
import { demoNeighbours } from "../../../src/system/simulated/demo-neighbours.js";
import { demoAnalysis, T0 } from "./support.js";

function run(s: FixState, ...events: FixEvent[]): FixState {
  return events.reduce(fixReducer, s);
}

async function observed(): Promise<FixState> {
  const analysis = await demoAnalysis();
  const s0 = initialFixState({ host: "", os: "windows", platform: "simulated", now: T0 });
  return run(
    s0,
    { type: "neighbours", neighbours: demoNeighbours().neighbours },
    { type: "polled", analysis, firstSeen: new Map(), now: T0 },
  );
}

/** Enter on every suggestion, up to the plan. */
async function planned(): Promise<FixState> {
  const s = await observed();
  const card = run(s, { type: "next" });
  const gw = run(card, { type: "choose", value: card.suggestions.cards[0]?.value ?? "" });
  const ranges = run(gw, { type: "choose", value: gw.suggestions.gateways[0]?.value ?? "" });
  return run(ranges, { type: "submit" }, { type: "submit" }, { type: "submit" });
}

const rec = (status: StepRecord["status"]): StepRecord => ({
  status,
  argv: [["route", "add"]],
  message: "",
  id: "j1",
  persistence: null,
  at: T0,
});

describe("the guided fix's questions", () => {
  it("looks first, then asks; the first poll names the host and the observations say what is wrong", async () => {
    const s = await observed();
    expect(s.phase.kind).toBe("observed");
    expect(s.host).toBe("srv-edge01");
    expect(s.observations.join("\n")).toMatch(/ext and int share 192\.168\.1\.0\/24/);
    expect(s.observations.join("\n")).toMatch(/One default gateway: 192\.168\.1\.1 on ext/);
    expect(s.observations.join("\n")).toMatch(/2 flows leave the wrong card/);
  });

  it("Enter on each suggestion gives int, 192.168.1.254, the private ranges, the stuck peer and ./dualhome-policy.yaml", async () => {
    const s = await planned();
    expect(s.phase.kind).toBe("plan");
    expect(s.answers).toMatchObject({
      card: "int",
      gateway: "192.168.1.254",
      ranges: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
      policyPath: "./dualhome-policy.yaml",
    });
    expect(s.answers.proof?.port).toBe(5061);
    expect(s.wrongBefore).toBe(2);
    expect(s.records.every((r) => r.status === "pending")).toBe(true);
  });

  it("a typed gateway is checked: not an address, another subnet, the internet gateway", async () => {
    const s = await observed();
    const typing = run(
      s,
      { type: "next" },
      { type: "choose", value: "int" },
      { type: "choose", value: TYPE_GATEWAY },
    );
    expect(typing.phase).toEqual({ kind: "ask-gateway", typing: true });
    const bad = (text: string) => run(typing, { type: "text", text }, { type: "submit" });
    expect(bad("192.168.1.254;reboot").textError).toMatch(/not an IPv4 address/);
    expect(bad("10.9.9.9").textError).toMatch(/not on int's subnet/);
    expect(bad("192.168.1.1").textError).toMatch(/internet gateway on ext/);
    expect(bad("192.168.1.11").textError).toMatch(/own address/);
    expect(bad("192.168.1.253").phase.kind).toBe("ask-ranges");
  });

  it("ranges and the proof target are checked; an empty proof means no proof", async () => {
    const s = await observed();
    const ranges = run(
      s,
      { type: "next" },
      { type: "choose", value: "int" },
      { type: "choose", value: "192.168.1.254" },
    );
    expect(run(ranges, { type: "text", text: "10.1.0.0/8" }, { type: "submit" }).textError).toMatch(
      /did you mean 10\.0\.0\.0\/8/,
    );
    expect(run(ranges, { type: "text", text: "0.0.0.0/0" }, { type: "submit" }).textError).toMatch(
      /default route/,
    );
    const proof = run(ranges, { type: "text", text: "10.0.0.0/8" }, { type: "submit" });
    expect(run(proof, { type: "text", text: "203.0.113.9:443" }, { type: "submit" }).textError).toMatch(
      /not in the internal ranges/,
    );
    const none = run(proof, { type: "text", text: "" }, { type: "submit" });
    expect(none.phase.kind).toBe("ask-policy");
    expect(none.answers.proof).toBeNull();
    expect(run(none, { type: "text", text: "policy.txt" }, { type: "submit" }).textError).toMatch(/\.yaml/);
  });

  it("Esc goes back one question and keeps the earlier answer in the box", async () => {
    const s = await planned();
    const back = run(s, { type: "back" }, { type: "back" });
    expect(back.phase.kind).toBe("ask-proof");
    expect(back.text).toMatch(/^10\.1\.1\.2[01]:5061$/);
  });
});

describe("the guided fix's steps", () => {
  it("a step that is not optional does not toggle; Enter starts at the first enabled step that is not by hand", async () => {
    const s = await planned();
    const first = run(s, { type: "toggle" });
    expect(first.plan[0]?.enabled).toBe(true);
    expect(run(s, { type: "next" }).phase).toEqual({ kind: "preparing", step: 0 });
  });

  it("n skips a step, an applied step with a rollback waits for k, a stop goes to the proof", async () => {
    const s = run(await planned(), { type: "next" });
    const view = {
      argv: [["route", "add"]],
      revert: [],
      impact: [],
      operatorAffected: false,
      persistence: "p",
      warnings: [],
      refusal: null,
      rollbackAfterS: 60,
    };
    const confirm = run(s, { type: "prepared", step: 0, view });
    expect(confirm.phase.kind).toBe("confirm");
    const skipped = run(confirm, { type: "confirm", yes: false });
    expect(skipped.records[0]?.status).toBe("skipped");
    expect(skipped.phase).toEqual({ kind: "preparing", step: 1 });
    const applying = run(confirm, { type: "confirm", yes: true });
    expect(applying.phase).toEqual({ kind: "applying", step: 0 });
    const keep = run(applying, { type: "applied", step: 0, record: rec("applied"), rollbackAt: T0 + 60_000 });
    expect(keep.phase).toMatchObject({ kind: "keep", step: 0, rollbackAt: T0 + 60_000 });
    const kept = run(keep, { type: "step-done", step: 0, record: rec("kept") });
    expect(kept.phase).toEqual({ kind: "preparing", step: 1 });
    const stopped = run(keep, { type: "step-done", step: 0, record: rec("reverted"), stop: "not kept" });
    expect(stopped.phase.kind).toBe("proving");
    expect(stopped.stopped).toBe("not kept");
  });

  it("keys: y/n in a confirmation, c/n under rollback, typing edits the answer", async () => {
    const s = await planned();
    expect(
      intentOfKey({ ...s, phase: { kind: "keep", step: 0, rollbackAt: 1, check: null } }, "c", {}),
    ).toEqual({ do: "keep" });
    const asking = run(s, { type: "back" });
    expect(intentOfKey(asking, "x", {})).toEqual({
      do: "send",
      event: { type: "text", text: `${asking.text}x` },
    });
    expect(intentOfKey(asking, "", { backspace: true })).toEqual({
      do: "send",
      event: { type: "text", text: asking.text.slice(0, -1) },
    });
    expect(intentOfKey(asking, "q", {})).toMatchObject({ do: "send" });
    expect(intentOfKey(s, "q", {})).toEqual({ do: "exit" });
  });
});

describe("a host the fix cannot work on", () => {
  it("no card could be read: it says so instead of asking", async () => {
    const a = await demoAnalysis();
    const blind = {
      ...a,
      snapshot: { ...a.snapshot, interfaces: { ok: false as const, error: "ipconfig failed", warnings: [] } },
    };
    const s = run(
      initialFixState({ host: "", os: "windows", platform: "simulated", now: T0 }),
      { type: "polled", analysis: blind, firstSeen: new Map(), now: T0 },
      { type: "next" },
    );
    expect(s.phase).toEqual({ kind: "fatal", message: "there is no card to pin routes to: ipconfig failed" });
  });
});
