// The lab's hosts: a listener (the internal SIP host, the internet host) and a
// client on the server that keeps calling the internal host, as a mediation
// server would, so the stuck SYN is always there to see until the route is
// fixed, and comes back after every undo. Started by `lab up`, one per role.
import net from "node:net";
import { CONNECT_GIVE_UP_MS, HOLD_MS, isLabTarget, retryDelayMs } from "./lab-retry.js";
import { LAB } from "./lab-topology.js";

const [mode, host = "", portText = ""] = process.argv.slice(2);
const port = Number(portText);
const TARGETS = [
  [LAB.internalHost, LAB.internalPort],
  [LAB.internetHost, LAB.internetPort],
] as const;

function listen(): void {
  const server = net.createServer((socket) => {
    socket.write(`dualhome lab: ${host}:${port} answers\r\n`);
    socket.resume();
    socket.on("error", () => {});
    socket.setTimeout(120_000, () => socket.destroy());
  });
  server.listen(port, host);
}

function client(): void {
  let failures = 0;
  const attempt = () => {
    const socket = net.connect({ host, port });
    let connected = false;
    let hold: ReturnType<typeof setTimeout> | undefined;
    const giveUp = setTimeout(() => socket.destroy(), CONNECT_GIVE_UP_MS);
    // Read what the listener says: a socket nobody reads never sees the far end hang up,
    // its close never comes, and the client would stop calling after its first call.
    socket.on("data", () => {});
    socket.on("connect", () => {
      connected = true;
      clearTimeout(giveUp);
      // destroy, not end: after an undo the FIN would leave by the wrong card and never be answered.
      hold = setTimeout(() => socket.destroy(), HOLD_MS);
    });
    socket.on("end", () => socket.destroy());
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(giveUp);
      clearTimeout(hold);
      failures = connected ? 0 : failures + 1;
      setTimeout(attempt, retryDelayMs(failures));
    });
  };
  attempt();
}

if (!isLabTarget(TARGETS, host, port)) {
  process.stderr.write(
    `lab-agent: ${host}:${port} is not a lab host; usage: lab-agent listen|client <host> <port>\n`,
  );
  process.exit(2);
}
if (mode === "listen") listen();
else if (mode === "client") client();
else {
  process.stderr.write("usage: lab-agent listen|client <host> <port>\n");
  process.exit(2);
}
