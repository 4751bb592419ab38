// `dualhome explain <dest> [--from <src>]`: the route, card, gateway and source
// the host uses for a destination, and what the policy expects.
import { explainDestination } from "../app/explain.js";
import { analyze } from "../core/analyze.js";
import { normalizeAddr } from "../core/ip.js";
import { CliError, type Ctx, printJson } from "./context.js";
import { SCHEMA_VERSION } from "./json-contract.js";
import { loadPolicy } from "./policy-load.js";
import { hostPlatform } from "./snapshot-command.js";
import { wholeIn } from "./whole-number.js";

export interface ExplainOptions {
  from?: string;
  port?: string;
  proto?: string;
  json?: boolean;
  policy?: string;
}

export async function explainCommand(ctx: Ctx, dest: string, opts: ExplainOptions): Promise<number> {
  const destination = normalizeAddr(dest);
  if (!destination) throw new CliError(`"${dest}" is not an IP address (e.g. 10.1.1.20 or 2001:db8::1)`);
  const from = opts.from === undefined ? null : normalizeAddr(opts.from);
  if (opts.from !== undefined && !from) throw new CliError(`--from "${opts.from}" is not an IP address`);
  if (opts.proto !== undefined && opts.proto !== "tcp" && opts.proto !== "udp")
    throw new CliError(`--proto "${opts.proto}" is not tcp or udp`);
  if (opts.proto !== undefined && opts.port === undefined) throw new CliError("--proto goes with --port");
  const flow =
    opts.port === undefined
      ? undefined
      : { proto: (opts.proto ?? "tcp") as "tcp" | "udp", port: wholeIn(opts.port, "--port", 1, 65535) };
  const { policy, source } = await loadPolicy(opts.policy);
  const platform = await hostPlatform(ctx);
  try {
    const snapshot = await platform.collect();
    if (!snapshot.routes.ok) throw new CliError(`cannot read the routing table: ${snapshot.routes.error}`);
    if (!snapshot.interfaces.ok) throw new CliError(`cannot read the cards: ${snapshot.interfaces.error}`);
    if (from && !snapshot.interfaces.value.some((i) => i.addresses.some((a) => a.address === from)))
      throw new CliError(`--from ${from} is not an address of this host`);
    const analysis = analyze(snapshot, { policy, policySource: source, now: snapshot.takenAt });
    const res = explainDestination(analysis, from ? `${destination} from ${from}` : destination, {
      policy,
      policySource: source,
      ...(flow ? { flow } : {}),
    });
    if (!res.ok) throw new CliError(res.error);
    const r = res.result;
    if (opts.json) {
      printJson(ctx, {
        schemaVersion: SCHEMA_VERSION,
        destination: r.destination,
        flow: flow ?? null,
        source: r.source,
        interface: r.interface,
        gateway: r.gateway,
        route: r.route?.destination ?? null,
        table: r.route?.table ?? null,
        type: r.type,
        expected: r.expected ? { interface: r.expected.interface, gateway: r.expected.gateway } : null,
        verdict: r.verdict,
        why: r.why,
        policy: source,
      });
    } else {
      const way = r.interface ? `${r.interface} ${r.gateway ? `via ${r.gateway}` : "on-link"}` : "nowhere";
      const lines = [
        `${r.destination}${flow ? ` port ${flow.port}/${flow.proto}` : ""}${from ? ` from ${from}` : ""}`,
        `  route     ${r.route ? `${r.route.destination} (table ${r.route.table}, metric ${r.route.metric})` : "none"}  type ${r.type}`,
        `  leaves    ${way}${r.source ? `, source ${r.source}` : ""}`,
        `  policy    ${r.expected ? `${r.expected.interface} ${r.expected.gateway ? `via ${r.expected.gateway}` : ""} (${r.expected.reason})` : `no expectation (${source})`}`,
        `  verdict   ${r.verdict === "wrong-nic" ? "WRONG NIC" : r.verdict}: ${r.why}`,
      ];
      ctx.out(`${lines.join("\n")}\n`);
    }
    return r.verdict === "wrong-nic" || r.verdict === "no-route" ? 1 : 0;
  } finally {
    await platform.close?.();
  }
}
