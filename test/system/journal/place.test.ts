// Which journal entries are "here": this host, this network namespace; old
// records without a namespace belong to the host's own namespace.
import { describe, expect, it } from "vitest";
import { elsewhereMark, elsewhereRefusal, isHere, recordsHere } from "../../../src/system/journal/place.js";
import type { NetnsIdentity } from "../../../src/system/netns-identity.js";
import { add, intent, ok } from "./journal-records.js";

const HOST_NS: NetnsIdentity = { id: "net:[4026531840]", name: null, isInitial: true };
const LAB: NetnsIdentity = { id: "net:[4026532201]", name: "lab-x", isInitial: false };
const SANDBOX_TOP: NetnsIdentity = { id: "net:[4026531833]", name: null, isInitial: null };
const old = intent("o", add("10.0.0.0/8"), 1);
const inLab = intent("l", add("10.0.0.0/8"), 2, { netns: { id: "net:[4026532201]", name: "lab-x" } });
const onHost = intent("h", add("10.0.0.0/8"), 3, { netns: { id: "net:[4026531840]" } });

describe("isHere", () => {
  it("a record older than namespaces is the initial namespace's: here on the host, not in a lab", () => {
    expect(isHere(old, { host: "srv", netns: HOST_NS })).toBe(true);
    expect(isHere(old, { host: "srv", netns: SANDBOX_TOP })).toBe(true);
    expect(isHere(old, { host: "srv", netns: LAB })).toBe(false);
  });

  it("a recorded namespace is here only in that namespace, on that host", () => {
    expect(isHere(inLab, { host: "srv", netns: LAB })).toBe(true);
    expect(isHere(inLab, { host: "srv", netns: HOST_NS })).toBe(false);
    expect(isHere(onHost, { host: "srv", netns: LAB })).toBe(false);
    expect(isHere(inLab, { host: "other", netns: LAB })).toBe(false);
  });

  it("the same inode under another name is another namespace (inodes are reused)", () => {
    expect(isHere(inLab, { host: "srv", netns: { ...LAB, name: "lab-y" } })).toBe(false);
    // A name deleted while its namespace lives on (the watchdog inside it) is still the same one.
    expect(isHere(inLab, { host: "srv", netns: { ...LAB, name: null } })).toBe(true);
  });

  it("without namespaces (Windows, macOS) only the host counts", () => {
    expect(isHere(inLab, { host: "srv" })).toBe(true);
    expect(isHere(inLab, { host: "srv", netns: { id: null, name: null, isInitial: null } })).toBe(true);
  });

  it("recordsHere drops every record of a change made elsewhere", () => {
    const records = [old, ok("o", 2), inLab, ok("l", 3)];
    expect(recordsHere(records, { host: "srv", netns: LAB }).map((r) => `${r.type}:${r.id}`)).toEqual([
      "intent:l",
      "result:l",
    ]);
  });
});

describe("where a change was made, said", () => {
  it("marks for journal --all", () => {
    expect(elsewhereMark(inLab, { host: "srv", netns: HOST_NS })).toBe("[netns lab-x net:[4026532201]]");
    expect(elsewhereMark(old, { host: "srv", netns: LAB })).toBe("[netns initial]");
    expect(elsewhereMark(inLab, { host: "other", netns: LAB })).toBe("[host srv]");
  });

  it("refusals name the namespace and how to act there", () => {
    expect(elsewhereRefusal(inLab, { host: "srv", netns: HOST_NS }, "undo")).toBe(
      "change l was made in network namespace lab-x (net:[4026532201]), not in the host's own: run `ip netns exec lab-x dualhome undo l`",
    );
    expect(elsewhereRefusal(old, { host: "srv", netns: LAB }, "keep")).toBe(
      "change o was made in the host's own network namespace, not in lab-x: run `dualhome keep o` outside `ip netns exec`",
    );
    expect(elsewhereRefusal(inLab, { host: "other", netns: LAB }, "undo")).toBe(
      "change l was made on host srv, not on other: run `dualhome undo l` there",
    );
  });
});
