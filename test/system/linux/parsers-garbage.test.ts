// Cut every capture at random points, splice random text in: parsers must never throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIpAddrJson } from "../../../src/system/linux/parse-ip-addr.js";
import { parseIpRouteJson } from "../../../src/system/linux/parse-ip-route.js";
import { parseIpRouteText } from "../../../src/system/linux/parse-ip-route-text.js";
import { parseIpRuleJson, parseIpRuleText } from "../../../src/system/linux/parse-ip-rule.js";
import { parseSs } from "../../../src/system/linux/parse-ss.js";
import { captured, real } from "./fixtures.js";

const PARSERS: [string, (t: string) => { warnings: string[] }, string[]][] = [
  ["ip addr json", parseIpAddrJson, [captured("ip-json-addr.json")]],
  [
    "ip route json",
    (t) => parseIpRouteJson(t),
    [
      captured("ip-4-json-route-table-all.json"),
      real("ip-json-route/pytest-network-connections-wlp0s20f3.txt"),
    ],
  ],
  [
    "ip route text",
    (t) => parseIpRouteText(t),
    [
      captured("ip-route-show-table-all.txt"),
      real("ip-route-show-table-all/azure-nva-branch2-frr.txt"),
      real("ip-route/moler-old-iproute2-multi-if.txt"),
      real("ip-6-route/cloudinit-v6.txt"),
    ],
  ],
  ["ip rule json", (t) => parseIpRuleJson(t), [captured("ip-json-rule.json")]],
  [
    "ip rule text",
    (t) => parseIpRuleText(t),
    [captured("ip-rule.txt"), real("ip-rule/gcp-dual-nic-spaces-not-tabs.txt")],
  ],
  [
    "ss",
    (t) => parseSs(t),
    [
      real("ss-tlap/htb-quick-ubuntu1804.txt"),
      real("ss-tanp/logind-idle-rhel-vnc-noheader.txt"),
      real("ss/moler-fct-sctp.txt"),
      captured("ss-tuanp.txt"),
    ],
  ],
];

describe.each(PARSERS)("%s never throws", (_name, parse, samples) => {
  it("on truncated captures", () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.nat(), (text, a, b) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.max(a, b) % (text.length + 1);
        const r = parse(text.slice(from, Math.max(from, to)));
        expect(Array.isArray(r.warnings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("on captures with random text spliced in", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.string({ unit: "binary", maxLength: 40 }),
        (t, at, junk) => {
          const i = at % (t.length + 1);
          parse(t.slice(0, i) + junk + t.slice(i));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 300 }), (t) => {
        parse(t);
      }),
    );
  });
});

// biome-ignore format: a word list reads better dense
const KEYS = [
  "ifindex", "ifname", "flags", "operstate", "addr_info", "family", "local", "prefixlen", "secondary", "altnames",
  "address", "link_type", "type", "dst", "gateway", "via", "host", "dev", "table", "metric", "prefsrc", "protocol",
  "scope", "nexthops", "weight", "pref", "priority", "src", "srclen", "dstlen", "not", "fwmark", "fwmask", "iif",
  "oif", "goto", "nop", "action", "suppress_prefixlen", "suppress_ifgroup",
];

describe("JSON parsers never throw on well-formed JSON of the wrong shape", () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      fc.jsonValue({ maxDepth: 1 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 6 }),
      fc.array(tie("v"), { maxLength: 3 }),
    ),
  })).v;
  it.each([
    ["ip addr", parseIpAddrJson],
    ["ip route", (t: string) => parseIpRouteJson(t)],
    ["ip -6 route", (t: string) => parseIpRouteJson(t, 6)],
    ["ip rule", (t: string) => parseIpRuleJson(t)],
  ] as const)("%s", (_n, parse) => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (items) => {
        parse(JSON.stringify(items));
      }),
      { numRuns: 500 },
    );
  });
});
