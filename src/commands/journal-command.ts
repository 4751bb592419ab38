// `dualhome journal [--json]`: every change this state directory knows, with
// what became of it (applied, kept, reverted by whom, interrupted, …).
import { hostJournal } from "../app/change-host.js";
import { formatArgv } from "../app/change-text.js";
import type { ResetRecord } from "../system/journal.js";
import { describeIntent } from "../system/journal-describe.js";
import { journalEntries } from "../system/journal-queries.js";
import { timeText } from "./change-cli.js";
import { CliError, type Ctx, printJson } from "./context.js";
import { SCHEMA_VERSION } from "./json-contract.js";
import { textTable } from "./text-table.js";

export async function journalCommand(ctx: Ctx, o: { json?: boolean }): Promise<number> {
  const { journal, journalPath } = hostJournal(ctx.os, ctx.env);
  let read: ReturnType<typeof journal.read>;
  try {
    read = journal.read();
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const entries = journalEntries(read.records, Date.now());
  // Stuck connects closed after a fix: journaled, but no undo brings a connection back.
  const resets = read.records.filter((r): r is ResetRecord => r.type === "reset");
  if (o.json) {
    printJson(ctx, {
      schemaVersion: SCHEMA_VERSION,
      path: journalPath,
      entries: entries.map((e) => ({
        id: e.intent.id,
        at: new Date(e.intent.at).toISOString(),
        host: e.intent.host,
        user: e.intent.user,
        kind: e.intent.change ? "route" : "commands",
        ...(e.intent.change ? { ...e.intent.change, metric: e.intent.change.metric ?? null } : {}),
        ...(e.intent.extra ? { title: e.intent.extra.title, commands: e.intent.extra.commands } : {}),
        argv: e.intent.argv,
        revertArgv: e.intent.revertArgv,
        persistArgv: e.intent.persistArgv ?? null,
        rollbackAt: e.intent.rollbackAt === null ? null : new Date(e.intent.rollbackAt).toISOString(),
        status: e.status,
        detail: e.detail,
      })),
      resets: resets.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        host: r.host,
        commands: r.commands,
        ok: r.ok,
        error: r.error ?? null,
        revertible: false,
      })),
      warnings: read.warnings,
    });
    return 0;
  }
  for (const w of read.warnings) ctx.err(`dualhome: warning: journal: ${w}\n`);
  if (entries.length === 0 && resets.length === 0) {
    ctx.out(`the journal is empty (${journalPath})\n`);
    return 0;
  }
  const rows = entries.map((e) => [
    e.intent.id,
    timeText(e.intent.at),
    e.intent.host,
    e.status,
    describeIntent(e.intent),
    e.detail,
  ]);
  const lines = [
    `journal: ${journalPath}`,
    ...textTable(["ID", "WHEN", "HOST", "STATUS", "CHANGE", "DETAIL"], rows),
  ];
  if (resets.length > 0)
    lines.push(
      "",
      "Connections reset (not revertible: a closed connection cannot be reopened)",
      ...textTable(
        ["ID", "WHEN", "HOST", "RESULT", "COMMAND"],
        resets.map((r) => [
          r.id,
          timeText(r.at),
          r.host,
          r.ok ? "done" : `failed: ${r.error ?? "?"}`,
          r.commands.map((c) => formatArgv(c)).join("; "),
        ]),
      ),
    );
  ctx.out(`${lines.join("\n")}\n`);
  return 0;
}
