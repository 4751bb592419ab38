// The line editor every prompt uses: cursor, cuts, paste and history.
import { describe, expect, it } from "vitest";
import {
  editLine,
  type LineEdit,
  lineEditFor,
  lineState,
  remember,
} from "../../../src/app/live/line-edit.js";

const run = (text: string, ...edits: LineEdit[]) => edits.reduce(editLine, lineState(text));

describe("editLine", () => {
  it("inserts at the cursor after moving left, and Home / End move to the ends", () => {
    const s = run("10.1.20", { type: "left" }, { type: "left" }, { type: "insert", text: "1." });
    expect(s.text).toBe("10.1.1.20");
    expect(s.cursor).toBe(7);
    expect(editLine(s, { type: "home" }).cursor).toBe(0);
    expect(run("abc", { type: "home" }, { type: "end" }).cursor).toBe(3);
    expect(run("abc", { type: "home" }, { type: "left" }).cursor).toBe(0);
    expect(run("abc", { type: "right" }).cursor).toBe(3);
  });

  it("backspace and forward delete remove one character, a whole emoji included", () => {
    expect(run("ab🌐", { type: "backspace" }).text).toBe("ab");
    expect(run("a🌐b", { type: "home" }, { type: "right" }, { type: "delete-forward" }).text).toBe("ab");
    expect(run("abc", { type: "home" }, { type: "backspace" }).text).toBe("abc");
    expect(run("abc", { type: "home" }, { type: "right" }, { type: "backspace" })).toMatchObject({
      text: "bc",
      cursor: 0,
    });
  });

  it("Ctrl-U cuts to the start, Ctrl-K to the end, Ctrl-W the word before the cursor", () => {
    expect(run("10.1.1.20 port 5061", { type: "left" }, { type: "cut-to-start" })).toMatchObject({
      text: "1",
      cursor: 0,
    });
    expect(run("10.1.1.20 port 5061", { type: "home" }, { type: "cut-to-end" }).text).toBe("");
    expect(run("10.1.1.20 port 5061  ", { type: "cut-word" }).text).toBe("10.1.1.20 port ");
    expect(run("10.1.1.20 from x", { type: "cut-word" }, { type: "cut-word" }).text).toBe("10.1.1.20 ");
  });

  it("a paste lands whole at the cursor; its line ends become spaces and control characters go", () => {
    const s = run("probe ", { type: "insert", text: "10.1.1.20:5061\r\n" });
    expect(s.text).toBe("probe 10.1.1.20:5061 ");
    expect(run("", { type: "insert", text: "a\x07b\x1b" }).text).toBe("ab");
  });

  it("↑ walks back through the history, ↓ returns to what was being typed", () => {
    let s = lineState("draft", ["10.1.1.20", "10.1.1.21"]);
    s = editLine(s, { type: "history", step: -1 });
    expect(s.text).toBe("10.1.1.21");
    s = editLine(s, { type: "history", step: -1 });
    expect(s.text).toBe("10.1.1.20");
    expect(editLine(s, { type: "history", step: -1 }).text).toBe("10.1.1.20");
    s = editLine(editLine(s, { type: "history", step: 1 }), { type: "history", step: 1 });
    expect(s).toMatchObject({ text: "draft", cursor: 5, historyAt: null });
    expect(editLine(lineState("x"), { type: "history", step: -1 }).text).toBe("x");
  });

  it("remember keeps the newest last, without repeats or blanks", () => {
    expect(remember(["a", "b"], "a")).toEqual(["b", "a"]);
    expect(remember(["a"], "  ")).toEqual(["a"]);
  });
});

describe("lineEditFor", () => {
  it("maps the shell keys", () => {
    expect(lineEditFor("a", { ctrl: true })).toEqual({ type: "home" });
    expect(lineEditFor("e", { ctrl: true })).toEqual({ type: "end" });
    expect(lineEditFor("u", { ctrl: true })).toEqual({ type: "cut-to-start" });
    expect(lineEditFor("w", { ctrl: true })).toEqual({ type: "cut-word" });
    expect(lineEditFor("", { delete: true })).toEqual({ type: "backspace" });
    expect(lineEditFor("", { leftArrow: true })).toEqual({ type: "left" });
    expect(lineEditFor("", { upArrow: true })).toEqual({ type: "history", step: -1 });
    expect(lineEditFor("x", {})).toEqual({ type: "insert", text: "x" });
    expect(lineEditFor("x", { meta: true })).toBeNull();
    expect(lineEditFor("q", { ctrl: true })).toBeNull();
  });
});
