// SSRF (issue 8.1), as the attacker did it: connect forms pointed at internal ports. Refused
// before any connection without HUB_ALLOW_PRIVATE_NETWORK; never echoing a remote banner.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { connections } from "@/drizzle/schema";
import { CONNECT_LIMITS } from "@/lib/security";
import { connectWithFields } from "./connect-fields";
import type { IntegrationError } from "./errors";
import { createWorld, type World } from "./test-support";

let w: World;
let banner: net.Server;
let bannerPort = 0;
let bannerHits = 0;

beforeAll(async () => {
  w = await createWorld();
  // An internal service that greets like SSH: what the attacker's SMTP "connect" echoed.
  banner = net.createServer((s) => {
    bannerHits++;
    s.end("SSH-2.0-OpenSSH_9.6 internal-host\r\n");
  });
  await new Promise<void>((r) => banner.listen(0, "127.0.0.1", r));
  bannerPort = (banner.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => banner.close(() => r()));
  await w.close();
});
afterEach(() => vi.unstubAllEnvs());

const smtp = (host: string, port: number) => ({ host, port: String(port), username: "u", password: "p", fromAddress: "billing@a.test" });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as IntegrationError);

describe("connect forms and internal addresses", () => {
  it("refuses SMTP to a loopback port that is not an SMTP port, without connecting", async () => {
    vi.stubEnv("HUB_ALLOW_PRIVATE_NETWORK", "0");
    const before = bannerHits;
    const err = await failure(connectWithFields(w.db, w.owner, "email", smtp("127.0.0.1", bannerPort)));
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.message).toContain(`SMTP port ${bannerPort} is not allowed`);
    expect(bannerHits).toBe(before);
  });

  it("refuses SMTP to loopback on an SMTP port without the setting", async () => {
    vi.stubEnv("HUB_ALLOW_PRIVATE_NETWORK", "0");
    const err = await failure(connectWithFields(w.db, w.owner, "email", smtp("127.0.0.1", 587)));
    expect(err.message).toContain("That host resolves to a loopback address, which this hub does not connect to.");
  });

  it("never echoes the remote banner, even where private networks are allowed", async () => {
    vi.stubEnv("HUB_ALLOW_PRIVATE_NETWORK", "1");
    vi.stubEnv("SANDBOX_SMTP_PORT", String(bannerPort)); // admitted as the sandbox's SMTP port
    const err = await failure(connectWithFields(w.db, w.owner, "email", smtp("127.0.0.1", bannerPort)));
    expect(bannerHits).toBeGreaterThan(0);
    expect(err.code).toBe("PROVIDER_UNREACHABLE");
    expect(JSON.stringify(err.toJSON())).not.toMatch(/SSH|OpenSSH|internal-host|greeting/i);
  });

  it("refuses an n8n hook on loopback without the setting, and saves nothing", async () => {
    vi.stubEnv("HUB_ALLOW_PRIVATE_NETWORK", "0");
    vi.stubEnv("HUB_PROVIDERS", "live"); // the attacker's URL matches n8n's real pattern
    const before = bannerHits;
    const err = await failure(connectWithFields(w.db, w.owner, "n8n", { webhookUrl: `https://127.0.0.1:${bannerPort}/webhook/x` }));
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.message).toContain("That host resolves to a loopback address, which this hub does not connect to.");
    expect(bannerHits).toBe(before);
    const rows = await w.db.select().from(connections);
    expect(rows.filter((r) => r.provider === "n8n")).toHaveLength(0);
  });

  it("limits connect calls per organisation", async () => {
    vi.stubEnv("HUB_ALLOW_PRIVATE_NETWORK", "0");
    let last: IntegrationError | undefined;
    for (let i = 0; i <= CONNECT_LIMITS.points; i++) {
      last = await failure(connectWithFields(w.db, w.other, "email", smtp("127.0.0.1", 587)));
    }
    expect(last?.code).toBe("TOO_MANY_ATTEMPTS");
    expect(last?.status).toBe(429);
    expect(last?.message).toMatch(/Try again in \d+ minutes?\./);
  });
});
