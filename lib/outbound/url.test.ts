import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/problem";
import type { Resolver } from "@/lib/net";
import { checkEndpointUrl } from "./url";

// A DNS server played by the test: names that resolve to addresses the guard must refuse.
const resolver: Resolver = async (host) => {
  const table: Record<string, string> = { "rebind.test": "127.0.0.1", "public.test": "93.184.216.34", "inside.test": "10.0.0.8" };
  const address = table[host];
  if (!address) throw new Error("ENOTFOUND");
  return [{ address, family: 4 }];
};
const refused = async (url: string, allowPrivate: boolean, httpsOnly = false) => {
  try {
    await checkEndpointUrl(url, { policy: { allowPrivate }, resolver, httpsOnly });
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.errors?.[0]?.path).toBe("url");
    return e.message;
  }
};

describe("endpoint URL check", () => {
  const local = [
    "http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://172.16.5.4/hook", "http://172.31.255.1/hook",
    "http://192.168.1.1/hook", "http://169.254.10.10/hook", "http://169.254.169.254/latest/meta-data",
    "http://[::1]:3000/hook", "http://rebind.test/hook", "http://inside.test/hook", "http://100.64.0.1/hook",
  ];

  it.each(local)("refuses %s without HUB_ALLOW_PRIVATE_NETWORK", async (url) => {
    expect(await refused(url, false)).toMatch(/does not connect to/);
  });

  it("admits loopback and private addresses with the setting, never link-local or metadata", async () => {
    for (const url of ["http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://192.168.1.1/hook", "http://[::1]:3000/hook", "http://rebind.test/hook"]) {
      expect(await refused(url, true)).toBeNull();
    }
    expect(await refused("http://169.254.169.254/", true)).toMatch(/metadata/);
    expect(await refused("http://169.254.10.10/", true)).toMatch(/link-local/);
  });

  it("admits a public host, refuses an unresolvable one, and requires https in production", async () => {
    expect(await refused("https://public.test/hook", false, true)).toBeNull();
    expect(await refused("http://public.test/hook", false, false)).toBeNull();
    expect(await refused("http://public.test/hook", false, true)).toBe("url must use https");
    expect(await refused("https://nowhere.test/hook", false)).toMatch(/could not be resolved/);
  });
});
