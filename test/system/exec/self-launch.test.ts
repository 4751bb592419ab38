import path from "node:path";
import { describe, expect, it } from "vitest";
import { setBundledSelf, WATCHDOG_MODE, watchdogLauncher } from "../../../src/system/exec/self-launch.js";
import { watchdogArgv } from "../../../src/system/journal/watchdog.js";

describe("how the watchdog is started", () => {
  it("in the tsc build: node and watchdog-main.js next to the module", () => {
    const [node, main] = watchdogLauncher("/usr/bin/node");
    expect(node).toBe("/usr/bin/node");
    expect(path.basename(main ?? "")).toBe("watchdog-main.js");
  });

  it("in a bundle or single executable: the program itself in its hidden watchdog mode", () => {
    setBundledSelf(["C:\\Tools\\dualhome.exe"]);
    expect(watchdogArgv("C:\\state\\journal.jsonl", "ab12", 99.6)).toEqual([
      "C:\\Tools\\dualhome.exe",
      WATCHDOG_MODE,
      "C:\\state\\journal.jsonl",
      "ab12",
      "100",
    ]);
    // An explicit main path (tests of the compiled watchdog) still wins.
    expect(watchdogLauncher("/n", "/m.js")).toEqual(["/n", "/m.js"]);
  });
});
