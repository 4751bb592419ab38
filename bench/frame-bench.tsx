// A key press with many rows against few: the live screen (src/components/App)
// rendered by ink-testing-library at 160x50 with a synthetic analysis of
// `rows` connections; `j` pressed `presses` times, each timed from the key to
// the next frame. Run one size per process: node frame-bench.js <rows> <presses>.
// Prints one JSON line.
import { render } from "ink-testing-library";
import { createController } from "../src/app/live/controller.js";
import { reducer } from "../src/app/live/reducer.js";
import { initialState } from "../src/app/live/state.js";
import { createStore } from "../src/app/store.js";
import { App } from "../src/components/App.js";
import { analyze, connectionKey } from "../src/core/analyze.js";
import type { Snapshot } from "../src/core/model.js";
import { parseIpAddrJson } from "../src/system/linux/parse-ip-addr.js";
import { parseIpRouteText } from "../src/system/linux/parse-ip-route-text.js";
import { parseSs } from "../src/system/linux/parse-ss.js";
import { median } from "./cycle.js";
import { ADDR_JSON, routeText, socketList, ssText } from "./synthetic-host.js";

const rows = Number(process.argv[2] ?? 50);
const presses = Number(process.argv[3] ?? 40);
const NOW = 1_700_000_000_000;
const ok = <T,>(value: T) => ({ ok: true as const, value, warnings: [] });

const snapshot: Snapshot = {
  platform: "linux",
  os: "linux",
  host: "bench",
  collector: "iproute2",
  takenAt: NOW,
  interfaces: ok(parseIpAddrJson(ADDR_JSON).interfaces),
  routes: ok(parseIpRouteText(routeText(1000), { family: 4 }).routes),
  rules: ok([]),
  connections: ok(parseSs(ssText(socketList(rows, 1000))).connections),
  sysctls: ok({}),
};
const firstSeen = new Map<string, number>();
if (snapshot.connections.ok) for (const c of snapshot.connections.value) firstSeen.set(connectionKey(c), NOW);
const analysis = analyze(snapshot, { now: NOW, firstSeen });

const store = createStore(reducer, initialState());
const poller = { paused: false, pause() {}, resume() {}, refresh() {}, reanalyze() {} };
const controller = createController({
  store,
  poller,
  policy: null,
  policySource: "inferred",
  now: () => NOW,
});
store.dispatch({ type: "poll-start", seq: 1 });
store.dispatch({ type: "poll-ok", seq: 1, analysis, firstSeen, partErrors: {}, now: NOW });
const info = {
  platform: "linux",
  os: "linux",
  collector: "iproute2",
  intervalMs: 1000,
  policySource: "inferred",
  readOnly: true,
};
const ink = render(
  <App
    store={store}
    controller={controller}
    info={info}
    ascii={false}
    color={false}
    size={{ columns: 160, rows: 50 }}
  />,
);

const turn = () => new Promise((r) => setImmediate(r));

/** Presses a key and waits for the frame it causes (or 2 s). */
async function press(key: string): Promise<number> {
  const before = ink.frames.length;
  const t = performance.now();
  ink.stdin.write(key);
  while (ink.frames.length === before && performance.now() - t < 2000) await turn();
  return performance.now() - t;
}

for (let i = 0; i < 10; i++) await turn();
const times: number[] = [];
for (let i = 0; i < presses; i++) times.push(await press("j"));
// Back up, so the cursor walks the same rows at either size.
for (let i = 0; i < presses; i++) await press("k");
ink.unmount();
console.log(JSON.stringify({ rows, presses, median_ms: median(times), max_ms: Math.max(...times) }));
process.exit(0);
