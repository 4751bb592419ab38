// Words from outside that name Object's members find nothing in our tables.
import { describe, expect, it } from "vitest";
import { commandFor } from "../../src/app/live/keymap.js";
import { protoNumber } from "../../src/core/ip-protocols.js";
import { endpointOf } from "../../src/system/darwin/parse-netstat-an.js";
import { tcpStateOf } from "../../src/system/windows/ps-fields.js";
import { runCli } from "../commands/run-cli.js";

const KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

describe("prototype keys", () => {
  it.each(KEYS)("analyze --platform %s is refused with the one-line error", async (k) => {
    const r = await runCli(["analyze", "--platform", k, "--ip-addr", "/dev/null"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dualhome: --platform must be windows, linux or darwin (got ${k})\n`);
  });

  it.each(KEYS)("%s is no protocol, port name, TCP state or key", (k) => {
    expect(protoNumber(k)).toBeNull();
    // A name no table maps stays a name (port -1), never a member of Object.prototype.
    const ep = endpointOf(`10.0.0.1.${k}`, 4)?.ep;
    expect(ep === undefined || (ep.port === -1 && ep.service === k)).toBe(true);
    expect(tcpStateOf({ State: k })).toBe(k.toUpperCase());
    expect(commandFor(k, {})).toBeNull();
  });
});
