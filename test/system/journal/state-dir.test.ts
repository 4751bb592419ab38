import { describe, expect, it } from "vitest";
import { journalPathIn, stateDir } from "../../../src/system/journal/state-dir.js";

describe("stateDir", () => {
  it("DUALHOME_STATE_DIR wins everywhere", () => {
    expect(stateDir("linux", { DUALHOME_STATE_DIR: "/srv/dh", XDG_STATE_HOME: "/x" }, "/root")).toBe(
      "/srv/dh",
    );
    expect(stateDir("windows", { DUALHOME_STATE_DIR: "D:\\dh", LOCALAPPDATA: "C:\\L" }, "C:\\Users\\a")).toBe(
      "D:\\dh",
    );
  });

  it("XDG_STATE_HOME, else ~/.local/state (a relative XDG path is ignored, as the spec says)", () => {
    expect(stateDir("linux", { XDG_STATE_HOME: "/home/a/.st" }, "/home/a", 1000)).toBe(
      "/home/a/.st/dualhome",
    );
    expect(stateDir("linux", {}, "/home/a", 1000)).toBe("/home/a/.local/state/dualhome");
    expect(stateDir("darwin", { XDG_STATE_HOME: "rel" }, "/Users/a", 501)).toBe(
      "/Users/a/.local/state/dualhome",
    );
  });

  it("root: its own directory, never the invoking user's HOME or XDG_STATE_HOME (they follow sudo -E)", () => {
    const user = { XDG_STATE_HOME: "/home/u/.local/state", HOME: "/home/u" };
    expect(stateDir("linux", user, "/home/u", 0)).toBe("/var/lib/dualhome");
    expect(stateDir("darwin", user, "/Users/u", 0)).toBe("/var/db/dualhome");
    expect(stateDir("linux", { ...user, DUALHOME_STATE_DIR: "/srv/dh" }, "/home/u", 0)).toBe("/srv/dh");
    expect(stateDir("windows", { LOCALAPPDATA: "C:\\L" }, "C:\\Users\\a", null)).toBe("C:\\L\\dualhome");
  });

  it("Windows: %LOCALAPPDATA%\\dualhome", () => {
    expect(stateDir("windows", { LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" }, "C:\\Users\\a")).toBe(
      "C:\\Users\\a\\AppData\\Local\\dualhome",
    );
    expect(stateDir("windows", {}, "C:\\Users\\a")).toBe("C:\\Users\\a\\AppData\\Local\\dualhome");
    expect(journalPathIn("C:\\L\\dualhome", "windows")).toBe("C:\\L\\dualhome\\journal.jsonl");
  });
});
