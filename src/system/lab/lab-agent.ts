// The lab's hosts: a listener (the internal SIP host, the internet host) and a
// client on the server that keeps calling the internal host, as a mediation
// server would, so the stuck SYN is always there to see until the route is fixed.
import net from "node:net";

const [mode, host = "", portText = ""] = process.argv.slice(2);
const port = Number(portText);

function listen(): void {
  const server = net.createServer((socket) => {
    socket.write(`dualhome lab: ${host}:${port} answers\r\n`);
    socket.on("error", () => {});
    socket.setTimeout(120_000, () => socket.destroy());
  });
  server.listen(port, host);
}

function client(): void {
  const attempt = () => {
    const socket = net.connect({ host, port });
    let connected = false;
    const giveUp = setTimeout(() => socket.destroy(), 20_000);
    socket.on("connect", () => {
      connected = true;
      clearTimeout(giveUp);
      // Hold the call a while so it is visible as ESTABLISHED, then hang up.
      setTimeout(() => socket.end(), 15_000);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(giveUp);
      setTimeout(attempt, connected ? 2_000 : 1_000);
    });
  };
  attempt();
}

if (mode === "listen" && host && port > 0) listen();
else if (mode === "client" && host && port > 0) client();
else {
  process.stderr.write("usage: lab-agent listen|client <host> <port>\n");
  process.exit(2);
}
