import { describe, expect, it } from "vitest";
import type { PolicyRule } from "../../../src/core/model.js";
import {
  parseIpRuleJson,
  parseIpRuleSaved,
  parseIpRuleText,
} from "../../../src/system/linux/parse-ip-rule.js";
import { captured, jsonLength, nonEmptyLines, real } from "./fixtures.js";

const FILES = [
  "gcp-dual-nic-spaces-not-tabs.txt",
  "headscale-blog-tailscale-old.txt",
  "netbird-tailscale-blog-fwmark-mask.txt",
  "raat-readme-batman.txt",
  "vps-snapshot-ubuntu2404-mihomo.txt",
];

describe("parseIpRuleText on real captures", () => {
  it.each(FILES)("%s: one rule per 'N:' line, no warnings", (file) => {
    const text = real(`ip-rule/${file}`);
    const r = parseIpRuleText(text);
    expect(r.warnings).toEqual([]);
    expect(r.rules).toHaveLength(nonEmptyLines(text).filter((l) => /^\d+:/.test(l)).length);
    expect(r.rules.every((x) => x.family === 4)).toBe(true);
  });

  it("spaces instead of a tab, oif, to and from", () => {
    const rules = parseIpRuleText(real("ip-rule/gcp-dual-nic-spaces-not-tabs.txt")).rules;
    expect(rules[0]).toEqual({ family: 4, priority: 0, action: "lookup", table: "local" });
    expect(rules[1]).toEqual({ family: 4, priority: 32761, action: "lookup", table: "special", oif: "ens5" });
    expect(rules[2]).toMatchObject({ priority: 32762, to: "10.138.0.0/20", table: "special" });
    expect(rules[3]).toMatchObject({ priority: 32763, from: "10.138.0.0/20", table: "special" });
    expect(rules[3]?.to).toBeUndefined();
  });

  it("fwmark with and without a mask, and an unreachable action", () => {
    const masked = parseIpRuleText(real("ip-rule/netbird-tailscale-blog-fwmark-mask.txt")).rules;
    expect(masked[1]).toMatchObject({ priority: 5210, fwmark: 0x80000, fwmask: 0xff0000, table: "main" });
    expect(masked[3]).toMatchObject({ priority: 5250, fwmark: 0x80000, action: "unreachable" });
    expect(masked[3]?.table).toBeUndefined();
    const plain = parseIpRuleText(real("ip-rule/headscale-blog-tailscale-old.txt")).rules;
    expect(plain[1]?.fwmask).toBeUndefined();
    expect(plain[4]).toMatchObject({ priority: 5270, table: "52" });
  });

  it("several rules may share a priority", () => {
    const rules = parseIpRuleText(real("ip-rule/raat-readme-batman.txt")).rules;
    expect(rules.filter((r) => r.priority === 30000).map((r) => r.to)).toEqual([
      "172.16.150.0/27",
      "172.16.200.0/27",
      "172.16.100.0/27",
    ]);
  });
});

describe("every selector and action, text and JSON of the same rules", () => {
  const text = parseIpRuleText(captured("ip-rule.txt"));
  const json = parseIpRuleJson(captured("ip-json-rule.json"), 4);

  it("reads every rule without warnings", () => {
    expect(text.warnings).toEqual([]);
    expect(json.warnings).toEqual([]);
    expect(json.rules).toHaveLength(jsonLength(captured("ip-json-rule.json")));
  });

  it("both forms agree", () => {
    expect(text.rules).toEqual(json.rules);
  });

  it("values", () => {
    const at = (p: number): PolicyRule | undefined => json.rules.find((r) => r.priority === p);
    expect(at(100)).toEqual({
      family: 4,
      priority: 100,
      not: true,
      from: "10.0.0.0/8",
      action: "lookup",
      table: "100",
    });
    expect(at(200)).toMatchObject({
      to: "192.168.0.0/16",
      fwmark: 1,
      fwmask: 0xff,
      iif: "eth1",
      table: "main",
    });
    expect(at(300)).toEqual({ family: 4, priority: 300, oif: "eth2", action: "goto", goto: 500 });
    expect(at(400)).toMatchObject({ table: "main", suppressPrefixlength: 0 });
    expect([at(500)?.action, at(501)?.action, at(502)?.action, at(504)?.action]).toEqual([
      "blackhole",
      "unreachable",
      "prohibit",
      "nop",
    ]);
    expect(at(505)).toMatchObject({ iif: "eth9", table: "200" });
    expect(at(506)?.from).toBe("192.168.1.11/32");
  });

  it("IPv6 rules", () => {
    const v6 = parseIpRuleJson(captured("ip-6-json-rule.json"), 6);
    expect(v6.rules.map((r) => [r.family, r.priority, r.from ?? "all"])).toEqual([
      [6, 0, "all"],
      [6, 50, "2001:db8::/32"],
      [6, 32766, "all"],
    ]);
    expect(parseIpRuleText("50:\tfrom 2001:db8::/32 lookup 100").rules[0]?.family).toBe(6);
  });

  it("selectors the engine does not model are kept with a warning; garbage lines are warnings", () => {
    const r = parseIpRuleText("10:\tfrom all tos 0x10 lookup 7\nnonsense\n");
    expect(r.rules).toEqual([{ family: 4, priority: 10, action: "lookup", table: "7" }]);
    expect(r.warnings).toHaveLength(2);
    expect(parseIpRuleJson('[{"priority":9,"src":"all","table":"5","uidrange":"1-2"}]').warnings[0]).toMatch(
      /uidrange/,
    );
    // iproute2 6.1 prints a uid range as uid_start / uid_end in JSON.
    expect(
      parseIpRuleJson('[{"priority":32762,"src":"all","uid_start":1000,"uid_end":2000,"table":"103"}]')
        .warnings,
    ).toEqual([expect.stringMatching(/not modelled: uid_start/)]);
  });

  // What `ip rule` and `ip -json rule` of iproute2 6.1 printed for
  //   ip rule add ipproto udp dport 53 not lookup 102; ip rule add sport 1000-2000 lookup 101;
  //   ip rule add ipproto tcp dport 5061 lookup 100
  const L4_TEXT = [
    "32763:\tnot from all ipproto udp dport 53 lookup 102",
    "32764:\tfrom all sport 1000-2000 lookup 101",
    "32765:\tfrom all ipproto tcp dport 5061 lookup 100",
  ].join("\n");
  const L4_JSON =
    '[{"priority":32763,"not":null,"src":"all","ipproto":"udp","dport":53,"table":"102"},' +
    '{"priority":32764,"src":"all","sport_start":1000,"sport_end":2000,"table":"101"},' +
    '{"priority":32765,"src":"all","ipproto":"tcp","dport":5061,"table":"100"}]';
  const L4_RULES = [
    { family: 4, priority: 32763, not: true, action: "lookup", table: "102", ipproto: 17, dport: [53, 53] },
    { family: 4, priority: 32764, action: "lookup", table: "101", sport: [1000, 2000] },
    { family: 4, priority: 32765, action: "lookup", table: "100", ipproto: 6, dport: [5061, 5061] },
  ];

  it("ipproto, sport and dport are read in both forms, single ports and ranges alike", () => {
    const text = parseIpRuleText(L4_TEXT);
    const json = parseIpRuleJson(L4_JSON);
    expect(text).toEqual({ rules: L4_RULES, warnings: [] });
    expect(json).toEqual({ rules: L4_RULES, warnings: [] });
  });

  it("an unreadable protocol or port range is a warning, never a crash", () => {
    const r = parseIpRuleText("5:\tfrom all ipproto bogus dport 9-1 lookup 7");
    expect(r.rules).toEqual([{ family: 4, priority: 5, action: "lookup", table: "7" }]);
    expect(r.warnings[0]).toMatch(/ipproto bogus, dport 9-1/);
    const j = parseIpRuleJson('[{"priority":5,"src":"all","ipproto":"bogus","sport_start":9,"table":"7"}]');
    expect(j.warnings[0]).toMatch(/unreadable ipproto or port selector/);
    expect(parseIpRuleText("6:\tfrom all ipproto 132 sport 70000 lookup 7").rules[0]).toMatchObject({
      ipproto: 132,
    });
  });
});

describe("parseIpRuleSaved", () => {
  it("reads either form of a saved file", () => {
    expect(parseIpRuleSaved(captured("ip-json-rule.json")).rules).toEqual(
      parseIpRuleText(captured("ip-rule.txt")).rules,
    );
    expect(parseIpRuleSaved(real("ip-rule/vps-snapshot-ubuntu2404-mihomo.txt")).rules[2]).toMatchObject({
      priority: 100,
      from: "172.29.172.0/24",
      table: "mihomo",
    });
  });
});
