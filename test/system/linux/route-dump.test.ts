// A full route read against the last one: unchanged rows (bytes, nexthops
// included) keep their Route objects and are not parsed; changed rows are.
import { describe, expect, it } from "vitest";
import { RouteDump } from "../../../src/system/linux/route-dump.js";

// Rows as `ip -4 route show table all` prints them (hand-written).
const ROWS = [
  "default via 192.168.1.1 dev eth0 proto static metric 100 ",
  "10.50.0.0/16 proto static ",
  "\tnexthop via 192.168.1.5 dev eth0 weight 1 ",
  "\tnexthop via 192.168.1.6 dev eth1 weight 2 ",
  "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 ",
  "local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10 ",
];

function read(prev: ReturnType<RouteDump["end"]> | null, rows: string[], chunk = 0) {
  const d = new RouteDump(prev, 4);
  const text = `${rows.join("\n")}\n`;
  if (chunk === 0) d.pushText(text);
  else for (let i = 0; i < text.length; i += chunk) d.pushText(text.slice(i, i + chunk));
  return { state: d.end(), parsed: d.parsedRows, warnings: d.warnings };
}

describe("RouteDump", () => {
  it("parses every row the first time, multipath hops into their route", () => {
    const { state, parsed, warnings } = read(null, ROWS);
    expect(parsed).toBe(4);
    expect(warnings).toEqual([]);
    expect(state.routes.map((r) => r.destination)).toEqual([
      "0.0.0.0/0",
      "10.50.0.0/16",
      "192.168.1.0/24",
      "192.168.1.10/32",
    ]);
    expect(state.routes[1]?.nexthops?.map((h) => h.interface)).toEqual(["eth0", "eth1"]);
  });

  it("keeps every object and parses nothing when the table did not change, however the bytes were cut", () => {
    const first = read(null, ROWS).state;
    const again = read(first, ROWS, 7);
    expect(again.parsed).toBe(0);
    expect(again.state.routes).toEqual(first.routes);
    again.state.routes.forEach((r, i) => {
      expect(r).toBe(first.routes[i]);
    });
  });

  it("parses only the rows that changed, were added, or whose nexthops changed", () => {
    const first = read(null, ROWS).state;
    const changed = [
      "default via 192.168.1.1 dev eth0 proto static metric 100 ",
      "10.0.0.0/8 via 192.168.1.254 dev eth1 metric 10 ",
      "10.50.0.0/16 proto static ",
      "\tnexthop via 192.168.1.5 dev eth0 weight 1 ",
      "\tnexthop via 192.168.1.7 dev eth1 weight 2 ",
      "local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10 ",
    ];
    const next = read(first, changed);
    expect(next.parsed).toBe(2);
    expect(next.state.routes[0]).toBe(first.routes[0]);
    expect(next.state.routes[1]?.destination).toBe("10.0.0.0/8");
    expect(next.state.routes[2]?.nexthops?.[1]?.gateway).toBe("192.168.1.7");
    expect(next.state.routes[3]).toBe(first.routes[3]);
    expect(next.state.routes).toHaveLength(4);
  });

  it("keeps the object of a row whose text changed but not its route (expires counting down)", () => {
    const v6 = (left: number) => [
      `2001:db8:5::/64 via fe80::1 dev eth0 proto ra metric 1024 expires ${left}sec pref medium`,
    ];
    const d1 = new RouteDump(null, 6);
    d1.pushText(`${v6(300).join("\n")}\n`);
    const first = d1.end();
    const d2 = new RouteDump(first, 6);
    d2.pushText(`${v6(299).join("\n")}\n`);
    const second = d2.end();
    expect(d2.parsedRows).toBe(1);
    expect(second.routes[0]).toBe(first.routes[0]);
  });
});
