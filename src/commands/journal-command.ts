// `dualhome journal [--all] [--json]`: every change made here (this host, this
// network namespace) with what became of it (applied, kept, reverted by whom,
// interrupted, …); --all adds those made elsewhere, marked with where.

import { formatArgv } from "../app/change/text.js";
import { hostJournal } from "../app/change/wiring.js";
import { errorText } from "../core/errors.js";
import { describeIntent } from "../system/journal/describe.js";
import type { ResetRecord } from "../system/journal/journal.js";
import { elsewhereMark, isHere } from "../system/journal/place.js";
import { journalEntries } from "../system/journal/queries.js";
import { timeText } from "./change-cli.js";
import { CliError, type Ctx, printJson } from "./context.js";
import { SCHEMA_VERSION } from "./json-contract.js";
import { textTable } from "./text-table.js";

export async function journalCommand(ctx: Ctx, o: { json?: boolean; all?: boolean }): Promise<number> {
  const { journal, journalPath, here } = hostJournal(ctx.os, ctx.env);
  let read: ReturnType<typeof journal.read>;
  try {
    read = journal.read();
  } catch (e) {
    throw new CliError(errorText(e));
  }
  const every = journalEntries(read.records, Date.now()).map((e) => ({ ...e, here: isHere(e.intent, here) }));
  const entries = o.all ? every : every.filter((e) => e.here);
  const hidden = every.length - entries.length;
  // Stuck connects closed after a fix: journaled, but no undo brings a connection back.
  const resets = read.records.filter(
    (r): r is ResetRecord => r.type === "reset" && (o.all || !here.host || r.host === here.host),
  );
  if (o.json) {
    printJson(ctx, {
      schemaVersion: SCHEMA_VERSION,
      path: journalPath,
      entries: entries.map((e) => ({
        id: e.intent.id,
        at: new Date(e.intent.at).toISOString(),
        host: e.intent.host,
        user: e.intent.user,
        netns: e.intent.netns ? { id: e.intent.netns.id, name: e.intent.netns.name ?? null } : null,
        here: e.here,
        group: e.intent.group ?? null,
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
      elsewhere: hidden,
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
  const more =
    hidden > 0
      ? `${hidden} change${hidden === 1 ? "" : "s"} made in other network namespaces or on other hosts not listed: \`${ctx.self} journal --all\``
      : null;
  if (every.length === 0 && resets.length === 0) {
    ctx.out(`the journal is empty (${journalPath})\n`);
    return 0;
  }
  if (entries.length === 0) {
    ctx.out(`no change made here in the journal (${journalPath})${more ? `; ${more}` : ""}\n`);
    return 0;
  }
  const rows = entries.map((e) => [
    e.intent.id,
    timeText(e.intent.at),
    e.intent.host,
    e.status,
    e.intent.group ?? "",
    `${e.here ? "" : `${elsewhereMark(e.intent, here)} `}${describeIntent(e.intent)}`,
    e.detail,
  ]);
  const lines = [
    `journal: ${journalPath}`,
    ...textTable(["ID", "WHEN", "HOST", "STATUS", "FIX", "CHANGE", "DETAIL"], rows),
    ...(more ? [more] : []),
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
