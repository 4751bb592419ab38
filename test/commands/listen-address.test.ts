// --listen: loopback unless an address is named; every address only when asked for.
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/commands/context.js";
import { listenText, parseListen } from "../../src/commands/listen-address.js";

describe("parseListen", () => {
  it.each([
    ["9877", { host: "127.0.0.1", port: 9877, everyAddress: false }],
    ["127.0.0.1:9100", { host: "127.0.0.1", port: 9100, everyAddress: false }],
    ["localhost:9100", { host: "127.0.0.1", port: 9100, everyAddress: false }],
    ["[::1]:9877", { host: "::1", port: 9877, everyAddress: false }],
    ["192.168.1.11:9877", { host: "192.168.1.11", port: 9877, everyAddress: false }],
    ["0.0.0.0:9877", { host: "0.0.0.0", port: 9877, everyAddress: true }],
    ["[::]:9877", { host: "::", port: 9877, everyAddress: true }],
    ["[2001:DB8::0001]:1", { host: "2001:db8::1", port: 1, everyAddress: false }],
  ])("%s", (text, want) => {
    expect(parseListen(text)).toEqual(want);
  });

  it.each([
    ["::1:9877", /an IPv6 address goes in brackets/],
    ["[127.0.0.1]:9877", /only an IPv6 address goes in brackets/],
    ["example.com:9877", /"example.com" is not an IP address/],
    ["127.0.0.1:0", /port "0" is not a port from 1 to 65535/],
    ["127.0.0.1:65536", /from 1 to 65535/],
    ["127.0.0.1", /not \[ADDR:\]PORT/],
    ["", /not \[ADDR:\]PORT/],
    ["999.1.1.1:80", /is not an IP address/],
  ])("refuses %j", (text, why) => {
    expect(() => parseListen(text)).toThrow(CliError);
    expect(() => parseListen(text)).toThrow(why);
  });

  it("writes an address back as people type it", () => {
    expect(listenText({ host: "::1", port: 9877 })).toBe("[::1]:9877");
    expect(listenText({ host: "127.0.0.1", port: 9877 })).toBe("127.0.0.1:9877");
  });
});
