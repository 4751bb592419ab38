// The Routes pane's columns: the card and the gateway stay readable when the pane is narrow.
import { describe, expect, it } from "vitest";
import { glyphsFor } from "../../src/components/glyphs.js";
import { routeColumns, routeText, routeTexts } from "../../src/components/rows.js";
import type { Route } from "../../src/core/model.js";

const route = (destination: string, gateway: string | null, iface: string): Route => ({
  destination,
  family: 4,
  gateway,
  interface: iface,
  metric: 281,
  table: "main",
  type: "unicast",
  persistent: false,
});
const g = glyphsFor(false);

describe("routeColumns", () => {
  it("at 48 columns (a 120-column screen) eth0 and the gateway are whole", () => {
    const routes = [route("0.0.0.0/0", "192.0.2.1", "eth0"), route("192.0.2.0/24", null, "eth0")];
    const cols = routeColumns(48, routeTexts(routes));
    const line = routeText(g, routes[0] as Route, cols);
    expect(line).toMatch(/192\.0\.2\.1 +eth0 +281/);
    expect(line.length).toBeLessThanOrEqual(46);
  });

  it("a long card name gives way before the gateway or a full destination does (52 columns)", () => {
    const routes = [
      route("127.255.255.255/32", null, "Loopback Pseudo-Interface 1"),
      route("10.0.0.0/8", "192.168.100.254", "int"),
    ];
    const cols = routeColumns(52, routeTexts(routes));
    const [a, b] = routes.map((r) => routeText(g, r, cols));
    expect(a).toContain("127.255.255.255/32");
    // Shortened in the middle: the number that tells two such cards apart stays.
    expect(a).toMatch(/Loo…e 1/);
    expect(b).toContain("192.168.100.254");
    for (const l of [a, b]) expect(l?.length).toBeLessThanOrEqual(50);
    // Narrower, the destination gives two characters before the card drops under four.
    const narrow = routeColumns(48, routeTexts(routes));
    expect(routeText(g, routes[1] as Route, narrow)).toMatch(/10\.0\.0\.0\/8 +192\.168\.100\.254 int/);
  });

  it("from 46 columns (the narrowest Routes pane: 120-column screens) to 200 every line fits its pane", () => {
    const routes = [
      route("2001:db8:ffff:ffff::/64", "fe80::1:2:3:4", "enp0s31f6.1234"),
      route("0.0.0.0/0", "10.0.0.1", "e"),
    ];
    for (let w = 46; w <= 200; w++) {
      const cols = routeColumns(w, routeTexts(routes));
      for (const r of routes) expect(routeText(g, r, cols).length, `width ${w}`).toBeLessThanOrEqual(w - 2);
    }
  });
});
