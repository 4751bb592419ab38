// `snapshot` and `check` for people: the same facts as the JSON, in columns.

import { appendAll } from "../core/append-all.js";
import { protoName } from "../core/ip-protocols.js";
import type { Analysis, Part, PolicyRule } from "../core/model.js";
import { commandLine, shellFor } from "../core/shell-quote.js";
import { type ArgvRenderer, endpointText } from "./json-contract.js";
import { type Paint, painter } from "./paint.js";
import { textTable } from "./text-table.js";

function partLine<T>(name: string, p: Part<T>): string[] {
  const lines = p.ok ? [] : [`  ${name}: FAILED: ${p.error}${p.hint ? ` (${p.hint})` : ""}`];
  return lines.concat(p.warnings.slice(0, 5).map((w) => `  ${name}: warning: ${w}`));
}

const SEVERITY_COLOUR = { error: "red", warning: "yellow", info: null } as const;

function formatFindings(a: Analysis, render: ArgvRenderer, paint: Paint = painter(false)): string[] {
  if (a.findings.length === 0)
    return [paint("Findings: none. Every flow leaves through the card the policy expects.", "green")];
  const out = [`Findings (${a.findings.length})`];
  for (const f of a.findings) {
    const guessed =
      f.basis === "inferred"
        ? " (inferred)"
        : f.basis === "evidence" && f.id === "wrong-nic-route"
          ? " (seen)"
          : "";
    const word = f.severity.toUpperCase().padEnd(7);
    const colour = SEVERITY_COLOUR[f.severity];
    out.push(`  ${colour ? paint(word, colour) : word} ${f.id}${guessed}: ${f.message}`);
    for (const ch of f.fix) {
      const argv = render(ch);
      out.push(
        `          fix: ${argv ? commandLine(argv, shellFor(argv)) : `${ch.action} ${ch.destination}`}`,
      );
    }
  }
  return out;
}

const DEFAULTS: Record<number, string> = { 0: "local", 32766: "main", 32767: "default" };

function isDefaultRule(r: PolicyRule): boolean {
  const plain =
    !r.not && !r.from && !r.to && !r.iif && !r.oif && r.fwmark === undefined && r.ipproto === undefined;
  return plain && !r.sport && !r.dport && r.action === "lookup" && DEFAULTS[r.priority] === r.table;
}

/** As `ip rule` prints it: "100:  to 10.0.0.0/8 lookup 100". */
function ruleText(r: PolicyRule): string {
  const range = (x: [number, number]) => (x[0] === x[1] ? String(x[0]) : `${x[0]}-${x[1]}`);
  const parts = [
    `  ${r.priority}:`,
    ...(r.not ? ["not"] : []),
    `from ${r.from ?? "all"}`,
    ...(r.to ? [`to ${r.to}`] : []),
    ...(r.iif ? [`iif ${r.iif}`] : []),
    ...(r.oif ? [`oif ${r.oif}`] : []),
    ...(r.fwmark !== undefined
      ? [`fwmark 0x${r.fwmark.toString(16)}${r.fwmask !== undefined ? `/0x${r.fwmask.toString(16)}` : ""}`]
      : []),
    ...(r.ipproto !== undefined ? [`ipproto ${protoName(r.ipproto)}`] : []),
    ...(r.sport ? [`sport ${range(r.sport)}`] : []),
    ...(r.dport ? [`dport ${range(r.dport)}`] : []),
    r.action === "lookup"
      ? `lookup ${r.table ?? "main"}`
      : r.action === "goto"
        ? `goto ${r.goto ?? "?"}`
        : r.action,
    ...(r.suppressPrefixlength !== undefined ? [`suppress_prefixlength ${r.suppressPrefixlength}`] : []),
  ];
  return `${parts.join(" ")} (IPv${r.family})`;
}

export function formatAnalysis(
  a: Analysis,
  render: ArgvRenderer,
  opts: { full: boolean; paint?: Paint },
): string {
  const paint = opts.paint ?? painter(false);
  const s = a.snapshot;
  const out: string[] = [`${s.host} · ${s.platform} · ${s.collector} · policy: ${a.policySource}`];
  const problems = [
    ...partLine("interfaces", s.interfaces),
    ...partLine("routes", s.routes),
    ...partLine("rules", s.rules),
    ...partLine("connections", s.connections),
    ...partLine("sysctls", s.sysctls),
  ];
  appendAll(out, problems);
  for (const n of s.notes ?? []) out.push(`  note: ${n}`);
  if (opts.full && s.interfaces.ok) {
    out.push("", "Interfaces");
    appendAll(
      out,
      textTable(
        ["Name", "Index", "Up", "Addresses"],
        s.interfaces.value.map((i) => [
          i.name,
          i.unknown?.includes("index") ? "unknown" : String(i.index),
          i.unknown?.includes("up") ? "unknown" : i.up ? "up" : "down",
          i.addresses.map((x) => `${x.address}/${x.prefixLen}`).join(" "),
        ]),
      ),
    );
  }
  if (opts.full && s.routes.ok) {
    const routes = s.routes.value.filter((r) => r.table !== "local");
    out.push(
      "",
      `Routes (${routes.length}${routes.length < s.routes.value.length ? ", local table hidden" : ""})`,
    );
    appendAll(
      out,
      textTable(
        ["Destination", "Gateway", "If", "Metric", "Table", "Type"],
        routes.map((r) => [
          r.destination,
          r.gateway ?? "on-link",
          r.interface ?? "-",
          String(r.metric),
          r.table,
          r.type + (r.persistent ? " persistent" : ""),
        ]),
      ),
    );
  }
  if (opts.full && s.rules.ok) {
    const own = s.rules.value.filter((r) => !isDefaultRule(r));
    if (own.length > 0)
      appendAll(out, [
        "",
        `Policy rules (${own.length} besides local, main and default)`,
        ...own.map(ruleText),
      ]);
  }
  const wrong = a.connections.filter((c) => c.verdict === "wrong-nic").length;
  const shown = opts.full ? a.connections : a.connections.filter((c) => c.verdict !== "ok");
  out.push(
    "",
    `Connections (${a.connections.length}, ${wrong} wrong NIC${opts.full ? "" : "; only those not ok"})`,
  );
  if (shown.length) {
    // Coloured after the columns are laid out: the marks take no room on screen.
    const mark = (l: string) =>
      l.replace(
        /^( {2})(ok|XX|\?\?)(?= )/,
        (_m, lead: string, v: string) =>
          lead + paint(v, v === "ok" ? "green" : v === "XX" ? "red" : "yellow"),
      );
    const [head = "", ...body] = textTable(
      ["", "Proto", "Local", "Remote", "State", "If", "Verdict"],
      shown.map((c) => [
        c.verdict === "ok" ? "ok" : c.verdict === "wrong-nic" ? "XX" : "??",
        c.protocol,
        endpointText(c.local),
        endpointText(c.remote),
        c.state,
        `${c.egress.interface ?? "?"}${c.expected && c.expected.interface !== c.egress.interface ? `→${c.expected.interface}` : ""}`,
        `${c.verdict === "wrong-nic" ? "wrong NIC" : c.verdict}: ${c.why}`,
      ]),
    );
    appendAll(out, [head, ...body.map(mark)]);
  }
  appendAll(out, ["", ...formatFindings(a, render, paint)]);
  return `${out.join("\n")}\n`;
}
