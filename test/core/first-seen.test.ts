// The first-seen map kept in place across polls: what a fresh map per poll (the
// poller's way) would say, for kept, new, gone, re-created and reordered rows.
import { describe, expect, it } from "vitest";
import { connectionKey } from "../../src/core/classify.js";
import { FirstSeenTracker } from "../../src/core/first-seen.js";
import type { Connection } from "../../src/core/model.js";
import { conn } from "./support/story.js";

const a = conn("192.168.1.10:40000", "10.1.1.5:5061", "SYN_SENT");
const b = conn("192.168.1.10:40001", "10.1.1.6:5061", "ESTABLISHED");
const c = conn("192.168.1.11:40002", "10.1.1.7:5061", "ESTABLISHED");
const d = conn("192.168.1.11:40003", "10.1.1.8:5061", "TIME_WAIT");

/** The poller's way: a fresh map per poll. */
function reference(polls: { rows: Connection[]; now: number }[]): Map<string, number>[] {
  let prev = new Map<string, number>();
  return polls.map(({ rows, now }) => {
    const next = new Map<string, number>();
    for (const r of rows) next.set(connectionKey(r), prev.get(connectionKey(r)) ?? now);
    prev = next;
    return next;
  });
}

describe("FirstSeenTracker", () => {
  it("agrees with a fresh map per poll through kept, new, gone, re-created and reordered rows", () => {
    const polls = [
      { rows: [a, b, c], now: 1000 },
      { rows: [a, b, c], now: 2000 },
      { rows: [a, c, d], now: 3000 },
      { rows: [{ ...a, pid: 7, process: "sip" }, c, d], now: 4000 },
      { rows: [d, c], now: 5000 },
      { rows: [a, b, c, d], now: 6000 },
      { rows: [], now: 7000 },
      { rows: [b], now: 8000 },
    ];
    const tracker = new FirstSeenTracker();
    const expected = reference(polls);
    polls.forEach((p, i) => {
      expect(new Map(tracker.update(p.rows, p.now))).toEqual(expected[i]);
    });
  });

  it("a flow that leaves and comes back is new again", () => {
    const t = new FirstSeenTracker();
    t.update([a, b], 1000);
    t.update([b], 2000);
    expect(t.update([a, b], 3000).get(connectionKey(a))).toBe(3000);
    expect(t.update([a, b], 4000).get(connectionKey(b))).toBe(1000);
  });
});
