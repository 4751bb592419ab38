// The incremental order agrees with a full sort poll after poll, and an
// unchanged poll hands back the very same array (nothing downstream recomputes).
import { describe, expect, it } from "vitest";
import { ConnOrder } from "../../../src/app/live/conn-order.js";
import { initialState } from "../../../src/app/live/state.js";
import { type ConnRow, sortedConnRows } from "../../../src/app/live/view-model.js";
import type { ClassifiedConnection, Verdict } from "../../../src/core/model.js";
import { analysis, conn } from "../fixtures.js";

const inputs = (conns: ClassifiedConnection[], now = 0) => ({
  ...initialState(),
  analysis: analysis(conns),
  firstPollAt: 0,
  now,
});
const ports = (rows: ConnRow[]) => rows.map((r) => r.conn.local.port);
const VERDICTS: Verdict[] = ["ok", "wrong-nic", "no-route", "unknown"];

describe("ConnOrder", () => {
  it("the same order as a full sort while flows come, go and change verdict; unchanged is the same array", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const order = new ConnOrder();
    let flows = Array.from({ length: 300 }, (_, i) => conn(1000 + i, { verdict: VERDICTS[rand(4)] }));
    for (let poll = 0; poll < 40; poll++) {
      const s = inputs(flows, poll * 1000);
      const got = order.rows(s);
      expect(ports(got)).toEqual(ports(sortedConnRows(s)));
      expect(order.rows(s)).toBe(got);
      // A few flows change: one closes, one opens, one is classified again.
      flows = flows.filter((_, i) => i !== rand(flows.length));
      flows.push(
        conn(5000 + poll, { verdict: VERDICTS[rand(4)], state: rand(2) ? "SYN_SENT" : "ESTABLISHED" }),
      );
      const j = rand(flows.length);
      const old = flows[j] as ClassifiedConnection;
      flows[j] = { ...old, verdict: VERDICTS[rand(4)] as Verdict };
    }
  });

  it("takes the order as a parameter", () => {
    const byPortDown = (a: ConnRow, b: ConnRow) => b.conn.local.port - a.conn.local.port;
    const order = new ConnOrder(byPortDown);
    expect(ports(order.rows(inputs([conn(1), conn(3), conn(2)])))).toEqual([3, 2, 1]);
  });
});
