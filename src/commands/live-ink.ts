// Ink decides once, when it is first loaded, whether it runs under CI (CI or
// CONTINUOUS_INTEGRATION set and not "0"/"false"): there it draws nothing until the
// program exits. An operator whose shell exports CI (a runner's console, some container
// images) would stare at a blank screen, so when the screen is a terminal Ink is loaded
// with those two unset, then they are put back for the child processes we start.
import { installRowDiffingLog, setRowDiffing } from "../components/ink-log.js";
import { installFastOutput } from "../components/ink-output.js";
import { hostOs } from "../system/host.js";
import { startRenderModeReport } from "./render-mode.js";

const CI_KEYS = ["CI", "CONTINUOUS_INTEGRATION"] as const;

export async function loadForTerminal<T>(
  load: () => Promise<T>,
  screenIsTerminal: boolean = !!process.stdout.isTTY,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  startRenderModeReport(env);
  if (screenIsTerminal) {
    const saved = CI_KEYS.map((k) => [k, env[k]] as const);
    for (const k of CI_KEYS) delete env[k];
    try {
      await import("ink");
    } finally {
      for (const [k, v] of saved) if (v !== undefined) env[k] = v;
    }
  }
  // Frames built row by row from what changed (ink-output.ts), whatever the screen.
  await installFastOutput();
  // The live screen rewrites only the lines that changed (ink-log.ts).
  await installRowDiffingLog();
  // Windows consoles are only seen here through Wine's, which misdraws rows written in place.
  setRowDiffing(hostOs() !== "windows");
  return load();
}
