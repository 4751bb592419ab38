// netsh's route table from real captures: each route's prefix, next hop (or on-link),
// card index and the route's own metric.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseNetshRoutes } from "../../../src/system/windows/netsh-routes.js";

const real = (name: string) =>
  readFileSync(new URL(`../../fixtures/real-extra/windows/netsh-route/${name}`, import.meta.url), "utf8");

describe("netsh interface ipv4 show route", () => {
  it("reads every row of a real capture with its values", () => {
    const routes = parseNetshRoutes(real("wsl-host-wifi.txt"));
    expect(routes).toHaveLength(22);
    expect(routes[0]).toEqual({ destination: "0.0.0.0/0", gateway: "192.168.1.1", ifIndex: 16, metric: 0 });
    expect(routes.find((r) => r.destination === "172.29.192.0/20")).toEqual({
      destination: "172.29.192.0/20",
      gateway: null,
      ifIndex: 39,
      metric: 256,
    });
    // A card name with a space and a star ("Local Area Connection* 10") is not a next hop.
    const multicast = routes.filter((r) => r.destination === "224.0.0.0/4");
    expect(multicast.map((r) => [r.ifIndex, r.gateway])).toEqual([
      [1, null],
      [8, null],
      [16, null],
      [18, null],
      [17, null],
      [39, null],
    ]);
  });

  it("reads IPv6 rows and a localized header (only the column order is used)", () => {
    // From a CCNA text (Example 28-5, a Windows PC's `netsh interface ipv6 show route`); the
    // German header is Windows' own wording for the same columns.
    const text = [
      "Veröffentlichen  Typ       Met   Präfix                    Idx  Gateway/Schnittstellenname",
      "---------------  --------  ---   ------------------------  ---  ------------------------",
      "Nein             Manuell   256   ::/0                      49   fe80::11ff:fe11:1111",
      "Nein             Manuell   256   2001:db8:1111:1::/64      49   Ethernet 6",
    ].join("\r\n");
    expect(parseNetshRoutes(text)).toEqual([
      { destination: "::/0", gateway: "fe80::11ff:fe11:1111", ifIndex: 49, metric: 256 },
      { destination: "2001:db8:1111:1::/64", gateway: null, ifIndex: 49, metric: 256 },
    ]);
  });

  it("skips what is not a route row", () => {
    expect(parseNetshRoutes("The following command was not found: interface ipv4 show route.\r\n")).toEqual(
      [],
    );
    expect(parseNetshRoutes("No  Manual  0  not/a/prefix  3  10.0.0.1\nNo Manual 0 10.0.0.0/99 3 x")).toEqual(
      [],
    );
  });
});
