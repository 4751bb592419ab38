import { describe, expect, it } from "vitest";
import { parseSs, parseSsEndpoint } from "../../../src/system/linux/parse-ss.js";
import { captured, nonEmptyLines, real } from "./fixtures.js";

/**
 * Independent count of connection rows: lines whose first word (after an optional
 * tcp/udp Netid) is an ss state other than LISTEN/UNCONN; other socket kinds and headers never count.
 */
function connectionRows(text: string): number {
  return nonEmptyLines(text).filter((line) => {
    const words = line.trim().split(/\s+/);
    const [first, second] = words;
    const state = first === "tcp" || first === "udp" ? second : first;
    return /^(ESTAB|SYN-|FIN-WAIT|TIME-WAIT|CLOSE-WAIT|LAST-ACK|CLOSING)/.test(state ?? "");
  }).length;
}

const FILES = [
  ["ss-a/jc-centos77.txt", 2],
  ["ss-a/jc-generic-wide-process.txt", 0],
  ["ss-a/jc-ubuntu1804.txt", 0],
  ["ss-t/moler-ss-t-service-names.txt", 2],
  ["ss-tan/salt-netlink-ss-wide.txt", 5],
  ["ss-tanp/logind-idle-rhel-vnc-noheader.txt", 21],
  ["ss-tlap/htb-quick-ubuntu1804.txt", 9],
  ["ss-tulpen/jc-ubuntu1804.txt", 0],
  ["ss/moler-fct-sctp.txt", 5],
] as const;

describe("parseSs on real captures", () => {
  it.each(FILES)("%s: every connection row, no warnings", (file, expected) => {
    const text = real(file);
    const r = parseSs(text);
    expect(r.warnings).toEqual([]);
    // The independent count only sees tcp/udp rows or rows without a Netid: SCTP sub-rows start with "`-".
    expect(connectionRows(text)).toBe(expected);
    expect(r.connections).toHaveLength(expected);
  });

  it("maps states to netstat words, keeps processes, and never returns listeners", () => {
    const cs = parseSs(real("ss-tanp/logind-idle-rhel-vnc-noheader.txt")).connections;
    expect(cs[0]).toEqual({
      protocol: "tcp",
      family: 4,
      local: { address: "10.0.0.169", port: 22 },
      remote: { address: "10.0.3.209", port: 57343 },
      state: "ESTABLISHED",
      pid: 1256518,
      process: "sshd",
    });
    expect(cs[1]).toMatchObject({ state: "SYN_SENT", remote: { address: "151.101.193.91", port: 443 } });
    expect(cs[1]?.process).toBe("gnome-software");
    const tw = cs.find((c) => c.state === "TIME_WAIT");
    expect(tw).toMatchObject({ pid: null, process: null });
    expect(cs.some((c) => c.state === "LISTEN")).toBe(false);
  });

  it("a state glued to Recv-Q, service names, bracketed and mapped IPv6", () => {
    const cs = parseSs(real("ss-tlap/htb-quick-ubuntu1804.txt")).connections;
    expect(cs.map((c) => c.state)).toEqual([
      "TIME_WAIT",
      "ESTABLISHED",
      "TIME_WAIT",
      "TIME_WAIT",
      "FIN_WAIT2",
      "ESTABLISHED",
      "SYN_SENT",
      "CLOSE_WAIT",
      "CLOSE_WAIT",
    ]);
    expect(cs[0]?.local).toEqual({ address: "127.0.0.1", port: 80 });
    expect(cs[6]?.remote).toEqual({ address: "8.8.8.8", port: 53 });
    // [::ffff:10.129.185.105] is IPv4 on a dual-stack socket.
    expect(cs[7]).toMatchObject({
      family: 4,
      local: { address: "10.129.185.105", port: 43062 },
      process: "java",
    });
  });

  it("rows without a Netid column are TCP; [::1] stays IPv6", () => {
    const cs = parseSs(real("ss-tan/salt-netlink-ss-wide.txt")).connections;
    expect(cs[0]).toMatchObject({ protocol: "tcp", family: 6, local: { address: "::1", port: 8009 } });
    expect(cs[4]).toMatchObject({ family: 4, local: { address: "1.2.3.4", port: 5678 } });
  });

  it("connected UDP is CONNECTED; SCTP is left out", () => {
    const cs = parseSs(real("ss/moler-fct-sctp.txt")).connections;
    expect(cs.filter((c) => c.protocol === "udp").map((c) => c.state)).toEqual(["CONNECTED", "CONNECTED"]);
    expect(cs[2]).toMatchObject({ protocol: "tcp", local: { address: "127.0.0.1", port: 2947 } });
  });

  it("`ss -tuanp` of this kind of machine: SYN_SENT with its process", () => {
    const p = parseSs(captured("ss-tuanp.txt"));
    const plain = parseSs(captured("ss-tuan.txt"));
    expect(p.warnings).toEqual([]);
    expect(p.connections).toHaveLength(connectionRows(captured("ss-tuanp.txt")));
    expect(p.connections.find((c) => c.state === "SYN_SENT")).toEqual({
      protocol: "tcp",
      family: 4,
      local: { address: "10.99.0.1", port: 40014 },
      remote: { address: "10.99.1.1", port: 5061 },
      state: "SYN_SENT",
      pid: 9244,
      process: "node",
    });
    expect(plain.connections).toEqual(p.connections.map((c) => ({ ...c, pid: null, process: null })));
  });

  it("udp without Netid when asked; odd rows are warnings", () => {
    const r = parseSs(
      "ESTAB 0 0 10.0.0.1:5000 10.0.0.2:53\nESTAB 0 0 10.0.0.1:5:x 10.0.0.2:53\nWHAT is this\n",
      {
        protocol: "udp",
      },
    );
    expect(r.connections).toHaveLength(1);
    expect(r.connections[0]?.state).toBe("CONNECTED");
    expect(r.warnings).toHaveLength(2);
  });
});

describe("parseSsEndpoint", () => {
  it.each([
    ["10.0.0.1:22", { address: "10.0.0.1", port: 22, family: 4, zone: null }],
    ["[::1]:8009", { address: "::1", port: 8009, family: 6, zone: null }],
    ["127.0.0.53%lo:53", { address: "127.0.0.53", port: 53, family: 4, zone: "lo" }],
    ["[fe80::1]%eth0:22", { address: "fe80::1", port: 22, family: 6, zone: "eth0" }],
    ["fe80::1%eth0:22", { address: "fe80::1", port: 22, family: 6, zone: "eth0" }],
    ["::ffff:1.2.3.4:5678", { address: "1.2.3.4", port: 5678, family: 4, zone: null }],
  ])("%s", (text, want) => {
    expect(parseSsEndpoint(text)).toEqual(want);
  });

  it("keeps a port name it cannot map as a name, never a number (ss without -n)", () => {
    expect(parseSsEndpoint("10.0.0.1:nosuchservice")).toMatchObject({ port: -1, service: "nosuchservice" });
    expect(parseSsEndpoint("10.0.0.1:https")).toEqual({
      address: "10.0.0.1",
      port: 443,
      family: 4,
      zone: null,
    });
  });

  it.each(["*:*", "0.0.0.0:*", "10.0.0.1:99999", "10.0.0.1", ":22", "10.0.0.1:no such"])(
    "refuses %s",
    (t) => {
      expect(parseSsEndpoint(t)).toBeNull();
    },
  );
});
