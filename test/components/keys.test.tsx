import { cleanup, render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEYS } from "../../src/app/live/keymap.js";
import { reducer } from "../../src/app/live/reducer.js";
import { initialState } from "../../src/app/live/state.js";
import { createStore } from "../../src/app/store.js";
import { App } from "../../src/components/App.js";
import { analysisOf, demoSnapshot, renderApp } from "./helpers.js";

afterEach(() => cleanup());

const ESC = "\x1b";
const ENTER = "\r";
const connRows = (frame: string) =>
  frame.split("\n").filter((l) => /[✓✗!?][ *>-] +\d+\.\d+\.\d+\.\d+:\d+/.test(l));

async function demoApp(columns = 160, rows = 45) {
  return renderApp({ columns, rows, analysis: analysisOf(await demoSnapshot()) });
}

describe("keys", () => {
  it("? lists every key, any key closes it, q quits", async () => {
    const app = await demoApp();
    await app.type("?");
    const help = app.frame();
    expect(help).toContain("dualhome keys");
    for (const k of KEYS) expect(help).toContain(k.keys.split(" ")[0]);
    for (const word of ["filter", "wrong", "pause", "refresh", "explain", "probe", "quit", "guided fix"])
      expect(help).toContain(word);
    await app.type("x");
    expect(app.frame()).not.toContain("dualhome keys");
    await app.type("q");
    expect(app.quits).toBe(1);
  });

  it("help fits 80x24 too", async () => {
    const app = await demoApp(80, 24);
    await app.type("?");
    const f = app.frame();
    expect(f).toContain("quit");
    expect(f).toContain("wrong only");
    expect(f.split("\n").length).toBeLessThanOrEqual(23);
  });

  it("w shows only the flows that are not ok, and again shows all", async () => {
    const app = await demoApp();
    const all = connRows(app.frame()).length;
    await app.type("w");
    const wrong = connRows(app.frame());
    expect(wrong.length).toBe(2);
    expect(wrong.every((l) => l.includes("wrong NIC"))).toBe(true);
    expect(app.frame()).toContain("wrong only");
    await app.type("w");
    expect(connRows(app.frame()).length).toBe(all);
  });

  it("/ filters as typed, Enter keeps the filter, / then Esc clears it", async () => {
    const app = await demoApp();
    await app.type("/3389");
    expect(app.frame()).toContain("/ filter: 3389");
    expect(connRows(app.frame())).toHaveLength(1);
    expect(connRows(app.frame())[0]).toContain("192.168.1.11:3389");
    await app.type(ENTER);
    expect(app.frame()).not.toContain("/ filter:");
    expect(connRows(app.frame())).toHaveLength(1);
    await app.type("/");
    await app.type(ESC);
    await new Promise((r) => setTimeout(r, 50));
    expect(connRows(app.frame()).length).toBeGreaterThan(1);
  });

  it("moves, switches panes, pauses, refreshes; change keys say why they do nothing without a change runner", async () => {
    const app = await demoApp();
    await app.type("jj");
    expect(app.store.getState().cursor.connections).toBe(2);
    await app.type("G");
    expect(app.store.getState().cursor.connections).toBe(connRows(app.frame()).length - 1);
    await app.type("\x1b[H");
    await app.type("\t");
    expect(app.store.getState()).toMatchObject({ pane: "findings", cursor: { connections: 0 } });
    await app.type(" ");
    expect(app.frame()).toContain("paused");
    await app.type(" r");
    expect(app.frame()).toContain("live");
    expect(app.poller.refreshes).toBe(1);
    for (const key of ["a", "d", "f", "u"]) {
      await app.type(key);
      expect(app.frame()).toContain("route changes are not available here");
      await app.type(ESC);
    }
    // Without a caller to hand the terminal to, F says where the guided fix is.
    await app.type("F");
    expect(app.frame()).toContain("guided fix is not available here");
    await app.type("q");
    expect(app.quits).toBe(1);
  });

  it("e explains a typed destination with the engine's answer", async () => {
    const app = await demoApp();
    await app.type("e\x1510.1.1.20");
    expect(app.frame()).toContain("explain (e.g. 10.1.1.20");
    await app.type(ENTER);
    const f = app.frame();
    expect(f).toContain("explain 10.1.1.20: ✗ wrong NIC");
    expect(f).toMatch(/route 0\.0\.0\.0\/0 .*leaves ext via 192\.168\.1\.1 .*source 192\.168\.1\.10/);
    expect(f).toMatch(/expected int/);
    await app.type(ESC);
    await new Promise((r) => setTimeout(r, 50));
    expect(app.frame()).not.toContain("explain 10.1.1.20");
    await app.type("e\x15nonsense\r");
    expect(app.frame()).toContain("is not an IP address");
  });
});

describe("keys that arrive together (a slow RDP or SSH link)", () => {
  it("takes '/3389' in one chunk as / then 3389", async () => {
    const app = await demoApp();
    await app.paste("/3389");
    expect(app.frame()).toContain("/ filter: 3389");
    expect(connRows(app.frame())).toHaveLength(1);
  });

  it("takes e then Ctrl-U in one chunk as the prompt's Ctrl-U (it cleared nothing before)", async () => {
    const app = await demoApp();
    await app.paste("e\x1510.1.1.20");
    expect(app.store.getState().prompt?.text).toBe("10.1.1.20");
  });

  it("takes Esc and q arriving together (read as Alt+q) as Esc then q", async () => {
    const app = await demoApp();
    await app.type("/");
    await app.paste("\x1bq");
    expect(app.store.getState().prompt).toBeNull();
    expect(app.quits).toBe(1);
  });
});

describe("F: the guided fix", () => {
  it("leaves the live screen through onGuided", async () => {
    let guided = 0;
    const store = createStore(reducer, initialState());
    const controller = {
      togglePause() {},
      refresh() {},
      explain() {},
      explainFlow: () => null,
      probe: async () => {},
      canProbe: false,
    };
    const info = {
      platform: "simulated",
      os: "windows",
      collector: "simulated",
      intervalMs: 1000,
      policySource: "x",
      readOnly: false,
    };
    const app = render(
      <App
        store={store}
        controller={controller}
        info={info}
        ascii={false}
        color={false}
        size={{ columns: 100, rows: 30 }}
        onGuided={() => {
          guided++;
        }}
      />,
    );
    await new Promise((r) => setTimeout(r, 20));
    app.stdin.write("F");
    await new Promise((r) => setTimeout(r, 20));
    expect(guided).toBe(1);
    app.unmount();
  });
});

describe("prompts edit like a shell", () => {
  it("e starts from the selected flow; ← Ctrl-W Ctrl-A and typing edit it; ↑ recalls the last one", async () => {
    const app = await renderApp({ columns: 120, rows: 30, analysis: analysisOf(await demoSnapshot()) });
    const conn = app.store.getState().analysis?.connections.find((c) => c.verdict === "wrong-nic");
    await app.type("e");
    const first = app.store.getState().prompt;
    expect(first?.text).toMatch(/^10\.1\.1\.2\d port 5061 from 192\.168\.1\.10$/);
    expect(conn).toBeDefined();
    // Ctrl-W twice drops "from 192.168.1.10"; Ctrl-A then typing inserts at the start.
    await app.type("\x17\x17\x01");
    await app.type("1");
    await app.type("\x08");
    const cut = first?.text.replace(/from \S+$/, "");
    expect(app.store.getState().prompt).toMatchObject({ text: cut, cursor: 0 });
    await app.type("\x1b[C\x1b[C");
    expect(app.store.getState().prompt?.cursor).toBe(2);
    expect(app.frame()).toMatch(/explain \(e\.g\..*\): 10/);
    await app.type("\r");
    expect(app.frame()).toMatch(/explain 10\.1\.1\.2\d port 5061\/tcp: ✗ wrong NIC/);
    await app.type("\x1b");
    await app.type("e\x15");
    expect(app.store.getState().prompt?.text).toBe("");
    await app.type("\x1b[A");
    expect(app.store.getState().prompt?.text).toMatch(/^10\.1\.1\.2\d port 5061$/);
    await app.type("\x1b[B");
    expect(app.store.getState().prompt?.text).toBe("");
    app.unmount();
  });

  it("p starts from the selected flow's remote end", async () => {
    const app = await renderApp({
      columns: 120,
      rows: 30,
      analysis: analysisOf(await demoSnapshot()),
      probe: async () => ({ host: "x", port: 1, outcome: "refused", source: null, sourcePort: null, ms: 1 }),
    });
    await app.type("p");
    expect(app.store.getState().prompt?.text).toMatch(/^10\.1\.1\.2\d:5061$/);
    app.unmount();
  });
});
