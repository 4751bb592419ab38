// The per-poll socket rows: what a row is known by (its queues aside), and the
// same Connection object handed back while the row stays.
import { describe, expect, it } from "vitest";
import { rowKey, SsLines } from "../../../src/system/linux/ss-lines.js";

// Rows in the form `ss -tuan state connected` prints them (hand-written).
const IDLE = "tcp   ESTAB     0      0        192.168.1.10:443   203.0.113.5:51234";
const BUSY = "tcp   ESTAB     0      1448     192.168.1.10:443   203.0.113.5:51234";
const GLUED = "FIN-WAIT-20      0      127.0.0.1:80    127.0.0.1:41772";
const GLUED_BUSY = "FIN-WAIT-20      7      127.0.0.1:80    127.0.0.1:41772";

function poll(lines: SsLines, rows: string[]) {
  lines.begin();
  for (const r of rows) lines.push(r);
  return lines.end();
}

describe("rowKey", () => {
  it("is the row without its queues, the same for an idle and a busy socket", () => {
    expect(rowKey(IDLE)).toBe("tcp   ESTAB~192.168.1.10:443   203.0.113.5:51234");
    expect(rowKey(BUSY)).toBe(rowKey(IDLE));
  });

  it("drops the queues also when a wide state swallowed the blank before Recv-Q", () => {
    expect(rowKey(GLUED)).toBe("FIN-WAIT-2~127.0.0.1:80    127.0.0.1:41772");
    expect(rowKey(GLUED_BUSY)).toBe(rowKey(GLUED));
  });

  it("is null for rows too short to be a connection", () => {
    expect(rowKey("")).toBeNull();
    expect(rowKey("tcp ESTAB 0")).toBeNull();
  });
});

describe("SsLines", () => {
  it("hands back the same object while a row stays, whatever its queues do", () => {
    const lines = new SsLines();
    const a = poll(lines, [IDLE]).connections[0];
    const b = poll(lines, [BUSY]).connections[0];
    const c = poll(lines, [IDLE]).connections[0];
    expect(a).toMatchObject({
      protocol: "tcp",
      state: "ESTABLISHED",
      remote: { address: "203.0.113.5", port: 51234 },
    });
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("forgets rows that are gone and keeps warnings for rows it cannot read", () => {
    const lines = new SsLines();
    const first = poll(lines, [IDLE, "tcp ESTAB 0 0 nonsense here"]);
    expect(first.warnings).toEqual(["ss: unreadable address in: tcp ESTAB 0 0 nonsense here"]);
    expect(lines.size).toBe(2);
    poll(lines, []);
    expect(lines.size).toBe(0);
    expect(poll(lines, [IDLE]).connections[0]).not.toBe(first.connections[0]);
  });

  it("applies process names by version, keeping the object while they do not change", () => {
    const lines = new SsLines();
    poll(lines, [IDLE]);
    lines.setNames(1, (c) => ({ ...c, pid: 812, process: "nginx" }));
    const named = poll(lines, [IDLE]).connections[0];
    expect(named).toMatchObject({ pid: 812, process: "nginx" });
    lines.setNames(2, (c) => ({ ...c, pid: 812, process: "nginx" }));
    expect(poll(lines, [IDLE]).connections[0]).toBe(named);
  });
});

describe("SsLines: an unchanged socket list", () => {
  it("hands back last poll's array when every row is the same flow, a new one when one changed", () => {
    const lines = new SsLines();
    const OTHER = "tcp   ESTAB     0      0        192.168.1.10:443   203.0.113.6:40000";
    const first = poll(lines, [IDLE, OTHER]).connections;
    // Queues moved: still the same flows, the same array.
    expect(poll(lines, [BUSY, OTHER]).connections).toBe(first);
    const fewer = poll(lines, [IDLE]).connections;
    expect(fewer).not.toBe(first);
    expect(fewer[0]).toBe(first[0]);
    expect(poll(lines, [IDLE]).connections).toBe(fewer);
  });
});
