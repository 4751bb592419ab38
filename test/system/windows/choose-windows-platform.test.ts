// chooseWindowsPlatform: the PowerShell backend where Get-NetRoute exists,
// the classic tools (route print, netstat) everywhere else.
import { describe, expect, it } from "vitest";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { chooseWindowsPlatform, POWERSHELL_PROBE } from "../../../src/system/windows/powershell-platform.js";
import { FakeRunner } from "../../support/fake-runner.js";

describe("chooseWindowsPlatform", () => {
  const noSession = () => {
    throw new Error("no session expected");
  };

  it("PowerShell 5 with Get-NetRoute → the PowerShell backend", async () => {
    const runner = new FakeRunner().expect(POWERSHELL_PROBE, { stdout: "5\r\nnetroute\r\n" });
    const p = await chooseWindowsPlatform(runner, noSession);
    runner.assertDone();
    expect(p.collector).toBe("powershell");
  });

  it.each([
    ["PowerShell 2 (Server 2008)", { stdout: "2\r\n" }],
    ["PowerShell 4 without NetTCPIP (Windows 7 with WMF 4)", { stdout: "4\r\n" }],
    [
      "no PowerShell at all (Server 2003)",
      new CommandError("powershell.exe not found", "not-found", POWERSHELL_PROBE),
    ],
  ])("%s → the classic tools", async (_what, answer) => {
    const runner = new FakeRunner().expect(POWERSHELL_PROBE, answer);
    const p = await chooseWindowsPlatform(runner, noSession);
    expect(p.collector).toBe("classic");
  });
});
