// The Windows executable on a win32 runtime: Wine. What Wine can tell: node.exe's
// platform choice, the parsers on the real captures, the console, the state
// directory, missing tools reported as failed parts, the watchdog mode. What it
// cannot (route.exe, PowerShell's NetTCPIP, strong-host sending) stays tested on
// real captures (README, "Windows: what is tested how").
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendRecord, type JournalRecord, readJournal } from "../../src/system/journal/journal.js";
import { add, intent, ok } from "../system/journal/journal-records.js";
import {
  nodeCli,
  releaseSkipReason,
  runToFiles,
  STACK_LINE,
  WIN_EXE,
  WINE,
  wineEnv,
  wineExe,
  withoutTime,
} from "./release-helpers.js";

const skip = releaseSkipReason(WIN_EXE);
const F = (p: string) => path.resolve(import.meta.dirname, "../fixtures", p);

/** A path of Wine's C: drive on this side. */
const onDriveC = (winPath: string) =>
  path.join(wineEnv().WINEPREFIX as string, "drive_c", ...winPath.replace(/^C:\\/i, "").split("\\"));

const CAPTURES: [string, string[]][] = [
  [
    "the story server on Server 2019 (route print, netstat -ano, ipconfig /all)",
    [
      "--route-print",
      F("story/ws2019-route-print.txt"),
      "--netstat",
      F("story/ws2019-netstat-ano.txt"),
      "--ipconfig",
      F("story/ws2019-ipconfig-all.txt"),
      "--policy",
      F("story/policy.json"),
    ],
  ],
  [
    "a real Windows 7 capture with three persistent routes",
    [
      "--route-print",
      F("real/windows/route-print/htb-devel-win7-triple-persistent.txt"),
      "--netstat",
      F("real/windows/netstat-ano/htb-devel-win7.txt"),
      "--ipconfig",
      F("real/windows/ipconfig-all/htb-devel-win7.txt"),
    ],
  ],
  ["a Spanish route print", ["--route-print", F("real/windows/route-print/jackpal-es-localized.txt")]],
  [
    "PowerShell's JSON",
    [
      "--ps-routes",
      F("windows-ps/ws2019-get-netroute.json"),
      "--ps-addresses",
      F("windows-ps/ws2019-get-netipaddress.json"),
      "--ps-interfaces",
      F("windows-ps/ws2019-get-netipinterface.json"),
      "--ps-tcp",
      F("windows-ps/ws2019-get-nettcpconnection.json"),
    ],
  ],
];

// Each Wine start takes a second or two alone, far more beside the whole suite.
describe.skipIf(skip !== null)(`the Windows executable under Wine (${WINE})`, { timeout: 120_000 }, () => {
  it("prints its version, commit and the win32 platform", () => {
    const r = wineExe(["--version"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(
      /^dualhome 0\.1\.0 \(commit ([0-9a-f]{7,}(-dirty)?|unknown), win32-x64\)$/,
    );
  });

  for (const [what, files] of CAPTURES) {
    it(`analyze --platform windows --json gives the JSON Linux gives: ${what}`, () => {
      const args = ["analyze", "--platform", "windows", "--json", ...files];
      const linux = nodeCli(args);
      const win = wineExe(args);
      expect(win.stderr).toBe(linux.stderr);
      expect(win.code).toBe(linux.code);
      expect(withoutTime(win.stdout)).toEqual(withoutTime(linux.stdout));
    });
  }

  it("snapshot chooses Windows; without route.exe the routes part fails in one line, the rest as usual", () => {
    const r = wineExe(["snapshot", "--json"]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(2);
    const s = JSON.parse(r.stdout);
    expect(s.platform).toBe("windows");
    // Wine's powershell.exe is a stub with no NetTCPIP: the probe turns it down for the classic tools.
    expect(s.collector).toBe("classic");
    expect(s.parts.routes.ok).toBe(false);
    expect(s.parts.routes.error).toMatch(/^route [^\n]+$/);
    // Wine's own netstat answers: connections are read as usual.
    expect(s.parts.connections.ok).toBe(true);
    const text = wineExe(["snapshot"]);
    expect(text.stdout).toMatch(/^ {2}routes: FAILED: route [^\n]+$/m);
    expect(text.stdout + text.stderr).not.toMatch(STACK_LINE);
  });

  it("keeps its journal under %LOCALAPPDATA%; route add --yes refuses without route.exe and journals nothing", () => {
    const before = JSON.parse(wineExe(["journal", "--json"]).stdout);
    // What Wine's own cmd.exe says %LOCALAPPDATA% is.
    const local = runToFiles([WINE, "cmd.exe", "/c", "echo %LOCALAPPDATA%"], wineEnv()).stdout.trim();
    expect(local).toMatch(/^C:\\users\\/i);
    expect(before.path).toBe(`${local}\\dualhome\\journal.jsonl`);
    const r = wineExe(["route", "add", "10.0.0.0/8", "--via", "192.168.1.254", "--dev", "int", "--yes"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/^dualhome: cannot read the routing table: route [^\n]+$/);
    const after = JSON.parse(wineExe(["journal", "--json"]).stdout);
    expect(after.entries).toEqual(before.entries);
  });

  describe("the watchdog mode (__watchdog) on win32", () => {
    let dir = "";
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("the watchdog reads a journal under %LOCALAPPDATA%, refuses a forged revert there and logs why", () => {
      const winDir = `${JSON.parse(wineExe(["journal", "--json"]).stdout).path.replace(/\\journal\.jsonl$/, "")}\\wd-test-${process.pid}`;
      dir = onDriveC(winDir);
      mkdirSync(dir, { recursive: true });
      const journal = path.join(dir, "journal.jsonl");
      // A revert is rebuilt from the change, never taken from the journal: Wine's hostname.exe
      // in its place is a forged record, and nothing may run.
      const rec: JournalRecord = {
        ...intent("w1", add("10.0.0.0/8"), Date.now(), { rollbackAt: Date.now(), host: hostname() }),
        revertArgv: ["C:\\windows\\system32\\hostname.exe"],
      };
      appendRecord(journal, rec);
      appendRecord(journal, ok("w1", Date.now()));
      const r = wineExe(["__watchdog", `${winDir}\\journal.jsonl`, "w1", String(Date.now())]);
      expect(r.code, r.stderr).toBe(0);
      expect(readJournal(journal).records.at(-1)).toMatchObject({ type: "result", id: "w1" });
      expect(existsSync(path.join(dir, "watchdog.log"))).toBe(true);
      expect(readFileSync(path.join(dir, "watchdog.log"), "utf8")).toMatch(
        /nothing to do: refused to revert w1: /,
      );
    });
  });
});
