// `dualhome explain <dest> [--from <src>]`: the route, card, gateway and source
// the host uses for a destination, and what the policy expects.

import { analyze } from "../core/analyze.js";
import { explainDestination } from "../core/explain.js";
import { familyOf, normalizeAddr, type Prefix, parseAddr, parsePrefix, prefixContains } from "../core/ip.js";
import type { NetInterface } from "../core/model.js";
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
  if (from && familyOf(from) !== familyOf(destination))
    throw new CliError(
      `--from ${from} and ${destination} are not of one family: give an IPv${familyOf(destination)} source`,
    );
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
    const special = notRouted(destination, snapshot.interfaces.value);
    if (special) {
      if (opts.json)
        printJson(ctx, { destination, type: special.type, verdict: "not-routed", why: special.why });
      else ctx.out(`${destination}\n  type      ${special.type}\n  verdict   not routed: ${special.why}\n`);
      return 0;
    }
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

/**
 * Multicast and broadcast destinations do not go by the unicast routing table: a
 * verdict of "leaves ethX" for them would be made up. Says what they are instead.
 */
const MULTICAST_V4 = parsePrefix("224.0.0.0/4") as Prefix;

function notRouted(
  destination: string,
  cards: readonly NetInterface[],
): { type: string; why: string } | null {
  const a = parseAddr(destination);
  if (!a) return null;
  if (a.family === 4 && prefixContains(MULTICAST_V4, a))
    return {
      type: "multicast",
      why: "a group address: it leaves by the card the sending program or a multicast route picks, not by the routing table",
    };
  if (a.family === 6 && destination.startsWith("ff"))
    return {
      type: "multicast",
      why: "an IPv6 group address: it leaves by the card the sending program picks (or a multicast route), not by the routing table",
    };
  if (destination === "255.255.255.255")
    return {
      type: "broadcast",
      why: "the limited broadcast: it stays on the local link of the card it is sent from",
    };
  for (const card of cards)
    for (const x of card.addresses) {
      if (x.family !== 4 || x.prefixLen >= 31) continue;
      const net = parsePrefix(`${x.address}/${x.prefixLen}`);
      if (!net || !prefixContains(net, a)) continue;
      const host = 32 - x.prefixLen;
      const last =
        destination
          .split(".")
          .map(Number)
          .reduce((v, o) => v * 256 + o, 0) %
        2 ** host;
      if (last === 2 ** host - 1)
        return {
          type: "broadcast",
          why: `the broadcast address of ${card.name}'s subnet ${x.address}/${x.prefixLen}: it stays on that link`,
        };
    }
  return null;
}
