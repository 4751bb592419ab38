// `dualhome analyze --platform linux`: a snapshot from outputs saved on another
// machine. Any subset works; cards are read off the kernel routes when no
// `ip addr` output was given (each "proto kernel … src X" route names one).
import { parsePrefix } from "../../core/ip.js";
import type { NetInterface, Part, Route, Snapshot } from "../../core/model.js";
import { SAVED_FILES } from "../../core/saved-files.js";
import { unreadable } from "./linux-parts.js";
import { parseIpAddrJson } from "./parse-ip-addr.js";
import { parseIpRouteSaved } from "./parse-ip-route-text.js";
import { parseIpRuleSaved } from "./parse-ip-rule.js";
import { parseSs } from "./parse-ss.js";

interface LinuxSavedFiles {
  ipRoute?: string;
  ipRule?: string;
  ipAddr?: string;
  ss?: string;
}

const notGiven = <T>(flag: string): Part<T> => ({
  ok: false,
  error: `not given: pass ${flag} F`,
  warnings: [],
});

function parsed<T>(r: { error?: string | undefined; warnings: string[] }, value: T): Part<T> {
  const error = r.error ?? unreadable(value, r.warnings);
  return error === undefined
    ? { ok: true, value, warnings: r.warnings }
    : { ok: false, error, warnings: r.warnings };
}

function cardsFromRoutes(routes: readonly Route[]): NetInterface[] {
  const cards = new Map<string, NetInterface>();
  for (const r of routes) {
    if (!r.interface) continue;
    const card = cards.get(r.interface) ?? {
      index: cards.size + 1,
      name: r.interface,
      addresses: [],
      up: true,
    };
    cards.set(r.interface, card);
    const p = parsePrefix(r.destination, { family: r.family });
    if (r.prefsrc && p && r.protocol === "kernel" && !card.addresses.some((a) => a.address === r.prefsrc))
      card.addresses.push({
        address: r.prefsrc,
        prefixLen: p.len,
        family: r.family,
        primary: true,
        scope: "global",
      });
  }
  return [...cards.values()];
}

export function snapshotFromSavedLinux(files: LinuxSavedFiles, host = "saved"): Snapshot {
  const routes = files.ipRoute === undefined ? null : parseIpRouteSaved(files.ipRoute);
  const routesPart: Part<Route[]> = routes
    ? parsed(routes, routes.routes)
    : notGiven(SAVED_FILES.linux.ipRoute);
  let interfaces: Part<NetInterface[]>;
  if (files.ipAddr !== undefined) {
    const a = parseIpAddrJson(files.ipAddr);
    interfaces = parsed(a, a.interfaces);
  } else if (routes && routes.error === undefined) {
    interfaces = {
      ok: true,
      value: cardsFromRoutes(routes.routes),
      warnings: ["cards read off the kernel routes (no --ip-addr given)"],
    };
  } else interfaces = notGiven(SAVED_FILES.linux.ipAddr);
  const rules = files.ipRule === undefined ? null : parseIpRuleSaved(files.ipRule);
  const ss = files.ss === undefined ? null : parseSs(files.ss);
  return {
    platform: "linux",
    os: "linux",
    host,
    collector: "analyze",
    takenAt: 0,
    interfaces,
    routes: routesPart,
    // Without `ip rule` the kernel's three default rules apply, as on most hosts.
    rules: rules
      ? parsed(rules, rules.rules)
      : { ok: true, value: [], warnings: ["no --ip-rule given: default rules assumed"] },
    connections: ss
      ? { ok: true, value: ss.connections, warnings: ss.warnings }
      : notGiven(SAVED_FILES.linux.ss),
    sysctls: { ok: true, value: {}, warnings: [] },
  };
}
