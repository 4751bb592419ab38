// The synthetic host's command outputs as files, written by one process and read
// by another, so the measuring process never holds the generator's memory.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ADDR_JSON, RULE_JSON, routeJson, routeText, socketList, ssText } from "./synthetic-host.js";

export interface BenchFiles {
  routes4: string;
  routes6: string;
  routesJson4: string;
  ss: string;
  addr: string;
  rule4: string;
  rule6: string;
  empty: string;
  monitor: string;
}

export function benchFiles(dir: string): BenchFiles {
  const f = (name: string) => join(dir, name);
  return {
    routes4: f("ip-4-route.txt"),
    routes6: f("ip-6-route.txt"),
    routesJson4: f("ip-4-json-route.json"),
    ss: f("ss.txt"),
    addr: f("ip-json-addr.json"),
    rule4: f("ip-4-json-rule.json"),
    rule6: f("ip-6-json-rule.json"),
    empty: f("empty.txt"),
    monitor: f("monitor.log"),
  };
}

/** Writes every output of a host with `routes` routes and `conns` sockets; JSON routes only when asked. */
export function writeBenchFiles(dir: string, routes: number, conns: number, json: boolean): BenchFiles {
  mkdirSync(dir, { recursive: true });
  const files = benchFiles(dir);
  writeFileSync(files.routes4, routeText(routes));
  writeFileSync(files.routes6, "");
  writeFileSync(files.empty, "");
  writeFileSync(files.monitor, "");
  writeFileSync(files.ss, ssText(socketList(conns, routes)));
  writeFileSync(files.addr, ADDR_JSON);
  writeFileSync(files.rule4, RULE_JSON);
  writeFileSync(files.rule6, "[]");
  if (json) writeFileSync(files.routesJson4, routeJson(routes));
  return files;
}

// Run as a program: node gen-worker.js <dir> <routes> <conns> [json]
const [, , dir, r, c, json] = process.argv;
if (process.argv[1]?.endsWith("bench-files.js") && dir && r && c) {
  writeBenchFiles(dir, Number(r), Number(c), json === "json");
}
