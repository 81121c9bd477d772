// `npm run dev`: the sandbox emulators beside `next dev`, so a newcomer can connect, sync and
// receive webhooks with no accounts and no network. Ctrl-C stops both.
import { spawn } from "node:child_process";
import net from "node:net";

const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const children = [];

function run(name, cmd, args, env = {}) {
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  child.on("exit", (code, signal) => {
    if (signal !== "SIGTERM" && signal !== "SIGINT") {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping.`);
      shutdown(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

function shutdown(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

if (process.env.HUB_PROVIDERS === "live") {
  console.log("[dev] HUB_PROVIDERS=live: not starting the sandbox.");
} else if (await portInUse(sandboxPort)) {
  console.log(`[dev] something already listens on ${sandboxPort}; using it as the sandbox.`);
} else {
  // The sandbox's signed webhooks go to this hub's receivers (/api/webhooks/<provider>).
  const hubPort = Number(process.env.PORT ?? 3000);
  run("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    SANDBOX_WEBHOOK_BASE: process.env.SANDBOX_WEBHOOK_BASE ?? `http://localhost:${hubPort}/api/webhooks`,
  });
}
// The hub reaches the sandbox by configuration, not by importing it: say so explicitly.
const hubEnv = process.env.HUB_PROVIDERS === "live" ? {} : {
  HUB_PROVIDERS: "sandbox",
  SANDBOX_URL: process.env.SANDBOX_URL ?? `http://localhost:${sandboxPort}`,
  SANDBOX_STRIPE_URL: process.env.SANDBOX_STRIPE_URL ?? `http://localhost:${Number(process.env.SANDBOX_STRIPE_PORT ?? sandboxPort + 1)}`,
};
run("next", process.execPath, ["node_modules/next/dist/bin/next", "dev", ...process.argv.slice(2)], hubEnv);
