// What a change is verified against: the routes of its prefix as the kernel holds them
// now. The live screen's table is brought up to date by `ip monitor` a moment after a
// command returns, so reading it right after a change can still show the old route.

import { errorText } from "../../core/errors.js";
import type { Part, Route } from "../../core/model.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { errorPart, okPart } from "../parts/part.js";
import { exactRoutesArgv } from "./linux-commands.js";
import { parseIpRouteJson } from "./parse-ip-route.js";

export function linuxRoutesOf(runner: CommandRunner) {
  return async (destination: string, table: string): Promise<Part<Route[]>> => {
    try {
      const argv = exactRoutesArgv(destination, table);
      const out = await runner.run(argv);
      const p = parseIpRouteJson(out.stdout, argv[1] === "-6" ? 6 : 4, table);
      return p.error === undefined ? okPart(p.routes, p.warnings) : errorPart(p.error, undefined, p.warnings);
    } catch (e) {
      return errorPart(errorText(e));
    }
  };
}
