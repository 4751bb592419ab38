// The traffic of the simulated server, stepped in fixed ticks so the same seed
// and clock give the same flows. The SIP client behaves as a Windows one does:
// a SYN that gets no answer is retransmitted until the connect times out
// (21 s: 3 + 6 + 12), then the application retries from a new source port.
import type { Connection, Route } from "../../core/model.js";
import { baseRoutes } from "./demo-host.js";
import { type ReachOutcome, reach } from "./demo-reach.js";
import { createRng, type Rng } from "./prng.js";

const TICK_MS = 250;
const SYN_TIMEOUT_MS = 21_000;
const RETRY_MS = 1_000;
const TIME_WAIT_MS = 30_000;
/** Longer gaps (a suspended laptop) are not replayed tick by tick. */
const MAX_CATCH_UP_MS = 10 * 60_000;

const SIP = { pid: 2212, process: "sipproxy.exe" };
const PROBE = { pid: 4242, process: "dualhome.exe" };
const WEB_CLIENTS = [{ pid: 1360, process: "svchost.exe" }, { pid: 3120, process: "MsMpEng.exe" }, SIP];
const PUBLIC_NETS = ["203.0.113", "198.51.100"];

type Owner = { pid: number; process: string };

function tcp(la: string, lp: number, ra: string, rp: number, state: string, o: Owner): Connection {
  const local = { address: la, port: lp };
  return { protocol: "tcp", family: 4, local, remote: { address: ra, port: rp }, state, ...o };
}

function flowId(c: Connection): string {
  return `${c.local.address}:${c.local.port}>${c.remote.address}:${c.remote.port}`;
}

interface ProbeSocket {
  outcome: ReachOutcome;
  source: string | null;
  sourcePort: number | null;
  close(at: number): void;
}

interface Flow {
  conn: Connection;
  /** When the flow changes next, and into what. */
  nextAt: number | null;
  next: "time-wait" | "remove" | null;
  sipPeer?: string;
}

export class DemoWorld {
  routes: Route[] = baseRoutes();
  private flows: Flow[] = [];
  private readonly used = new Set<string>();
  private readonly rng: Rng;
  private t: number;
  private readonly sip = [
    { peer: "10.1.1.20", port: 5061, retryAt: 0 },
    { peer: "10.1.1.21", port: 5061, retryAt: 0 },
  ];

  constructor(seed: number, t0: number) {
    this.rng = createRng(seed);
    this.t = t0;
    this.add(
      tcp("192.168.1.11", 3389, "192.168.1.50", 52814, "ESTABLISHED", { pid: 1044, process: "svchost.exe" }),
    );
    this.add(tcp("127.0.0.1", 49680, "127.0.0.1", 5062, "ESTABLISHED", SIP));
    this.add(tcp("127.0.0.1", 5062, "127.0.0.1", 49680, "ESTABLISHED", { pid: 2480, process: "RTCSrv.exe" }));
    // Already retrying for a while when the admin looks.
    this.connectSip(0, t0 - 6_000);
    this.connectSip(1, t0 - 14_000);
    for (let i = 0; i < 4; i++) this.openWeb(true, t0);
    for (let i = 0; i < 3; i++) this.openWeb(false, t0);
  }

  advance(now: number): void {
    if (now - this.t > MAX_CATCH_UP_MS) this.t = now - MAX_CATCH_UP_MS;
    while (this.t + TICK_MS <= now) {
      this.t += TICK_MS;
      this.step(this.t);
    }
  }

  /** The flows as they are now, not copied: the same objects while a flow does not change. */
  flowConns(): Connection[] {
    return this.flows.map((f) => f.conn);
  }

  connections(): Connection[] {
    return this.flows.map((f) => ({ ...f.conn, local: { ...f.conn.local }, remote: { ...f.conn.remote } }));
  }

  /** A socket opened on behalf of `dualhome probe`: it lives until close(). */
  openProbe(host: string, port: number): ProbeSocket {
    const r = reach(this.routes, host, port);
    if (!r.source) return { outcome: r.outcome, source: null, sourcePort: null, close() {} };
    // Refused: the RST comes back at once and the socket is gone before netstat could show it.
    if (r.outcome === "refused")
      return { outcome: r.outcome, source: r.source, sourcePort: this.port(r.source), close() {} };
    const state = r.outcome === "connected" ? "ESTABLISHED" : "SYN_SENT";
    const flow = this.add(tcp(r.source, this.port(r.source), host, port, state, PROBE));
    return {
      outcome: r.outcome,
      source: r.source,
      sourcePort: flow.conn.local.port,
      close: (at) => {
        // An answered connection lingers in TIME_WAIT; an unanswered SYN just goes away.
        if (flow.conn.state === "ESTABLISHED") this.timeWait(flow, Math.max(at, this.t));
        else this.drop(flow);
      },
    };
  }

  private step(t: number): void {
    for (const f of [...this.flows]) {
      if (f.nextAt === null || f.nextAt > t) continue;
      if (f.next === "time-wait") this.timeWait(f, t);
      else {
        this.drop(f);
        const client = this.sip.find((c) => c.peer === f.sipPeer);
        if (client) client.retryAt = t + RETRY_MS;
      }
    }
    this.sip.forEach((c, i) => {
      const flow = this.flows.find((f) => f.sipPeer === c.peer);
      if (!flow && t >= c.retryAt) this.connectSip(i, t);
      // A route removed under an established session: it dies after its retransmissions.
      if (flow?.conn.state === "ESTABLISHED" && flow.nextAt === null) {
        if (reach(this.routes, c.peer, c.port).outcome !== "connected") {
          flow.nextAt = t + 15_000;
          flow.next = "remove";
        }
      }
    });
    const web = this.flows.filter((f) => f.conn.remote.port === 443 || f.conn.local.port === 443).length;
    if (web < 14 && this.rng.next() < 0.12) this.openWeb(true, t);
    if (web < 14 && this.rng.next() < 0.06) this.openWeb(false, t);
  }

  private connectSip(i: number, t: number): void {
    const c = this.sip[i];
    if (!c) return;
    const r = reach(this.routes, c.peer, c.port);
    if (!r.source) {
      c.retryAt = t + RETRY_MS;
      return;
    }
    const ok = r.outcome === "connected";
    const conn = tcp(r.source, this.port(r.source), c.peer, c.port, ok ? "ESTABLISHED" : "SYN_SENT", SIP);
    this.add(conn, ok ? null : t + SYN_TIMEOUT_MS, ok ? null : "remove").sipPeer = c.peer;
  }

  private openWeb(outbound: boolean, t: number): void {
    const remote = `${this.rng.pick(PUBLIC_NETS)}.${this.rng.int(2, 250)}`;
    const who = outbound ? this.rng.pick(WEB_CLIENTS) : SIP;
    const local = outbound
      ? { a: "192.168.1.10", p: this.port("192.168.1.10") }
      : { a: "192.168.1.10", p: 443 };
    const remotePort = outbound ? 443 : this.rng.int(49152, 65535);
    const conn = tcp(local.a, local.p, remote, remotePort, "ESTABLISHED", who);
    if (this.used.has(flowId(conn))) return;
    this.add(conn, t + this.rng.int(2_000, outbound ? 20_000 : 60_000), "time-wait");
  }

  private timeWait(f: Flow, t: number): void {
    // netstat -ano shows TIME_WAIT sockets as owned by PID 0.
    f.conn = { ...f.conn, state: "TIME_WAIT", pid: 0, process: null };
    f.nextAt = t + TIME_WAIT_MS;
    f.next = "remove";
  }

  private add(conn: Connection, nextAt: number | null = null, next: Flow["next"] = null): Flow {
    const flow: Flow = { conn, nextAt, next };
    this.flows.push(flow);
    this.used.add(flowId(conn));
    return flow;
  }

  private drop(f: Flow): void {
    this.flows = this.flows.filter((x) => x !== f);
    this.used.delete(flowId(f.conn));
  }

  /** A free ephemeral port (Windows: 49152-65535) on that address. */
  private port(address: string): number {
    for (;;) {
      const p = this.rng.int(49152, 65535);
      if (![...this.used].some((u) => u.startsWith(`${address}:${p}>`))) return p;
    }
  }
}
