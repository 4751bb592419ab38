// Runs the guided fix in this terminal and resolves with its last state once
// the operator leaves. The wizard draws in the normal screen, so the summary
// printed at the end stays in the scrollback, ready to copy into a ticket.
import { render } from "ink";
import { createFixSession, type FixSessionDeps } from "../../app/fix/session.js";
import type { FixState } from "../../app/fix/types.js";
import { guardedStdin } from "../input-guard.js";
import { FixWizard } from "./FixWizard.js";

interface RunFixOptions extends FixSessionDeps {
  ascii: boolean;
  color: boolean;
  /** Where the summary goes after the wizard closes (default stdout). */
  out?: (text: string) => void;
}

function leftBehind(s: FixState, self: string): string[] {
  const p = s.phase;
  // The demo's changes live in memory and end with it.
  if (p.kind !== "keep" || s.platform === "simulated") return [];
  const r = s.records[p.step];
  const step = s.plan[p.step];
  if (step?.kind === "route" && r?.id)
    return [
      `change ${r.id} (${step.title}) was not kept: it reverts by itself unless you run \`${self} keep ${r.id}\``,
    ];
  return [];
}

export async function runFixSession(opts: RunFixOptions): Promise<FixState> {
  const session = createFixSession(opts);
  const out = opts.out ?? ((t: string) => process.stdout.write(t));
  let last: FixState = session.store.getState();
  const ink = render(
    <FixWizard
      session={session}
      ascii={opts.ascii}
      color={opts.color}
      onExit={(s) => {
        last = s;
        ink.unmount();
      }}
    />,
    { exitOnCtrlC: true, patchConsole: true, stdin: guardedStdin(process.stdin) },
  );
  const onSignal = () => ink.unmount();
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);
  session.start();
  try {
    await ink.waitUntilExit();
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
    last = session.store.getState();
    await session.stop();
    ink.cleanup();
  }
  const lines = leftBehind(last, opts.self ?? "dualhome");
  if (last.summary) out(`\n${last.summary}`);
  for (const l of lines) out(`${l}\n`);
  return last;
}
