// The outbound guard against real sockets on loopback: refusals happen before any connection,
// DNS answers are checked where the socket connects, redirects come back unfollowed.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkRefusedError, findRefusal, guardedFetch, smtpTarget, type Resolver } from "@/lib/net";

const strict = { allowPrivate: false };
const open = { allowPrivate: true };

let server: http.Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    if (req.url === "/redirect") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function refusal(p: Promise<unknown>): Promise<NetworkRefusedError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  const refused = findRefusal(err);
  if (!refused) throw new Error(`expected a refusal, got ${String(err)}`);
  return refused;
}

describe("guardedFetch", () => {
  it.each([
    ["http://127.0.0.1:PORT/", "loopback"],
    ["http://[::1]:PORT/", "loopback"],
    ["http://localhost:PORT/", "loopback"],
    ["http://10.0.0.1/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://192.168.0.1/", "private"],
    ["http://100.64.0.1/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://[fd00:ec2::254]/", "metadata"],
    ["http://169.254.1.1/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::1]/", "private"],
    ["http://[::ffff:127.0.0.1]:PORT/", "loopback"],
    ["http://224.0.0.1/", "multicast"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://0.0.0.0:PORT/", "unspecified"],
  ])("refuses %s (%s) without HUB_ALLOW_PRIVATE_NETWORK", async (url, kind) => {
    const before = hits;
    const refused = await refusal(guardedFetch(url.replace("PORT", String(port)), {}, { policy: strict, timeoutMs: 2000 }));
    expect(refused.kind).toBe(kind);
    expect(refused.message).toMatch(/which this hub does not connect to\.$/);
    expect(hits).toBe(before);
  });

  it("reaches loopback when private networks are allowed", async () => {
    const res = await guardedFetch(`http://127.0.0.1:${port}/`, {}, { policy: open });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it("still refuses the metadata address when private networks are allowed", async () => {
    expect((await refusal(guardedFetch("http://169.254.169.254/", {}, { policy: open }))).kind).toBe("metadata");
  });

  it("does not follow redirects: the 3xx comes back as is", async () => {
    const res = await guardedFetch(`http://127.0.0.1:${port}/redirect`, {}, { policy: open });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://169.254.169.254/latest/meta-data/");
  });

  it("checks the address DNS gives at connect time, so a rebinding answer is refused", async () => {
    // First answer public (what a pre-check alone would see), every later answer loopback.
    let calls = 0;
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);
    const before = hits;
    const refused = await refusal(guardedFetch(`http://rebind.example:${port}/`, {}, { policy: strict, resolver: rebinding }));
    expect(refused.kind).toBe("loopback");
    expect(hits).toBe(before);
  });

  it("refuses a name that answers both a public and a private address", async () => {
    const mixed: Resolver = async () => [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.7", family: 4 }];
    expect((await refusal(guardedFetch("http://mixed.example/", {}, { policy: strict, resolver: mixed }))).kind).toBe("private");
  });

  it("refuses other schemes", async () => {
    expect((await refusal(guardedFetch("file:///etc/passwd", {}, { policy: open }))).kind).toBe("scheme");
  });
});

describe("smtpTarget", () => {
  it("allows only SMTP ports (25, 465, 587, 2525)", async () => {
    const publicDns: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
    for (const p of [25, 465, 587, 2525]) {
      expect((await smtpTarget("smtp.example.com", p, { policy: strict, resolver: publicDns })).address).toBe("93.184.216.34");
    }
    for (const p of [22, 80, 5432, 6379, 9312]) {
      expect((await refusal(smtpTarget("smtp.example.com", p, { policy: open, resolver: publicDns }))).kind).toBe("port");
    }
  });

  it("refuses a loopback SMTP host without the setting, even on an SMTP port", async () => {
    const refused = await refusal(smtpTarget("127.0.0.1", 2525, { policy: strict }));
    expect(refused.message).toBe("That host resolves to a loopback address, which this hub does not connect to.");
  });

  it("pins the checked address and keeps the typed name for TLS", async () => {
    const t = await smtpTarget("localhost", 587, { policy: open });
    expect(net.isIP(t.address)).not.toBe(0);
    expect(t.servername).toBe("localhost");
  });
});
