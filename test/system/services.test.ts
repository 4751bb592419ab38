// Port names in captures made without -n: mapped to their numbers by the built-in
// table (saved files) or a services database (live); a name nothing maps stays a
// name, shown as printed, never a number that was not there.
import { describe, expect, it } from "vitest";
import { endpointText } from "../../src/core/classify.js";
import { parseServices, portFrom, portOfService } from "../../src/system/services.js";
import { parseWindowsNetstat } from "../../src/system/windows/parse-netstat.js";

describe("port names", () => {
  it("plain Windows netstat: 104.208.203.89:https is port 443, epmap 135, an unknown name stays a name", () => {
    const text = [
      "Active Connections",
      "",
      "  Proto  Local Address          Foreign Address        State",
      "  TCP    10.0.0.4:49712         104.208.203.89:https   ESTABLISHED",
      "  TCP    10.0.0.4:49713         10.0.0.9:epmap         TIME_WAIT",
      "  TCP    10.0.0.4:49714         10.0.0.9:sometool      ESTABLISHED",
      "",
    ].join("\r\n");
    const r = parseWindowsNetstat(text);
    expect(r.connections.map((c) => [c.remote.address, c.remote.port, c.remote.service ?? null])).toEqual([
      ["104.208.203.89", 443, null],
      ["10.0.0.9", 135, null],
      ["10.0.0.9", -1, "sometool"],
    ]);
    expect(r.connections.map((c) => endpointText(c.remote))).toEqual([
      "104.208.203.89:443",
      "10.0.0.9:135",
      "10.0.0.9:sometool",
    ]);
    expect(r.warnings.join(" ")).toMatch(/names, not numbers/);
  });

  it("a services database maps names and aliases; the live lookup falls back on the table", () => {
    const db = parseServices(
      "# comment\nhttps\t\t443/tcp\t\t\t# http protocol over TLS/SSL\nmytool 7001/tcp mt alias2\nbad 70000/tcp\n",
    );
    expect([...db]).toEqual([
      ["https", 443],
      ["mytool", 7001],
      ["mt", 7001],
      ["alias2", 7001],
    ]);
    expect(portFrom("mt", (n) => db.get(n) ?? portOfService(n))).toEqual({ port: 7001 });
    expect(portFrom("ms-wbt-server", portOfService)).toEqual({ port: 3389 });
    expect(portFrom("what ever", portOfService)).toBeNull();
  });
});
