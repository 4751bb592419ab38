// Commands that change routes: route add | del, keep, undo, journal (issue: changing routes safely).
import type { Command } from "commander";
import type { Ctx } from "./context.js";
import type { Globals } from "./register.js";

export function registerChangeCommands(
  _program: Command,
  _ctx: Ctx,
  _setExit: (code: number) => void,
  _globals: () => Globals,
): void {}
