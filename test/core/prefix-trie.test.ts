// The trie's update operations used by incremental route changes: remove (one
// value, the bucket freed and reused) and within (everything under a prefix).
import { describe, expect, it } from "vitest";
import { type Prefix, parseAddr, parsePrefix } from "../../src/core/ip.js";
import { PrefixTrie } from "../../src/core/prefix-trie.js";

const p = (s: string) => parsePrefix(s) as Prefix;
const longest = (t: PrefixTrie<string>, a: string) =>
  t.longest(parseAddr(a) as NonNullable<ReturnType<typeof parseAddr>>, (v) => v.join("+") || null);

describe("PrefixTrie remove and within", () => {
  it("removes one value of a bucket; an emptied prefix no longer matches", () => {
    const t = new PrefixTrie<string>(4);
    t.insert(p("10.0.0.0/8"), "a");
    t.insert(p("10.1.0.0/16"), "b");
    t.insert(p("10.1.0.0/16"), "c");
    expect(longest(t, "10.1.2.3")).toEqual({ len: 16, value: "b+c" });
    expect(t.remove(p("10.1.0.0/16"), "b")).toBe(true);
    expect(longest(t, "10.1.2.3")).toEqual({ len: 16, value: "c" });
    expect(t.remove(p("10.1.0.0/16"), "c")).toBe(true);
    expect(longest(t, "10.1.2.3")).toEqual({ len: 8, value: "a" });
    expect(t.remove(p("10.1.0.0/16"), "c")).toBe(false);
    expect(t.remove(p("10.2.0.0/16"), "a")).toBe(false);
    expect(t.size).toBe(1);
    // The freed bucket serves the next prefix.
    t.insert(p("10.1.0.0/16"), "d");
    expect(longest(t, "10.1.2.3")).toEqual({ len: 16, value: "d" });
  });

  it("finds values by an equality when the object differs", () => {
    const t = new PrefixTrie<{ n: number }>(4);
    t.insert(p("192.0.2.0/24"), { n: 1 });
    expect(t.remove(p("192.0.2.0/24"), { n: 1 }, (x, y) => x.n === y.n)).toBe(true);
    expect(t.size).toBe(0);
  });

  it("lists every value under a prefix, and nothing outside it", () => {
    const t = new PrefixTrie<string>(4);
    for (const s of ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.200.0.0/16", "11.0.0.0/8", "0.0.0.0/0"])
      t.insert(p(s), s);
    expect(t.within(p("10.0.0.0/8")).sort()).toEqual([
      "10.0.0.0/8",
      "10.1.0.0/16",
      "10.1.2.0/24",
      "10.200.0.0/16",
    ]);
    expect(t.within(p("10.1.0.0/16")).sort()).toEqual(["10.1.0.0/16", "10.1.2.0/24"]);
    expect(t.within(p("12.0.0.0/8"))).toEqual([]);
    expect(t.within(p("0.0.0.0/0"))).toHaveLength(6);
  });
});
