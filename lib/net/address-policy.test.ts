import { describe, expect, it } from "vitest";
import { classifyAddress, policyFromEnv, refusalFor, refusalMessage } from "./address-policy";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"], // CGNAT
    ["169.254.10.10", "link-local"],
    ["169.254.169.254", "metadata"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["0.0.0.0", "unspecified"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["fd00:ec2::254", "metadata"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::a00:1", "private"], // NAT64 of 10.0.0.1
    ["2002:7f00:1::", "reserved"], // 6to4 tunnels are refused outright
    ["not-an-ip", "invalid"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (ip) => {
    expect(classifyAddress(ip)).toBeNull();
  });
});

describe("refusalFor", () => {
  it("admits loopback and private ranges only with allowPrivate", () => {
    for (const ip of ["127.0.0.1", "10.0.0.1", "::1", "fd00::5", "100.64.1.1"]) {
      expect(refusalFor(ip, { allowPrivate: false })).not.toBeNull();
      expect(refusalFor(ip, { allowPrivate: true })).toBeNull();
    }
  });

  it("refuses metadata, link-local, multicast and broadcast even with allowPrivate", () => {
    for (const ip of ["169.254.169.254", "fd00:ec2::254", "fe80::1", "169.254.1.1", "224.0.0.1", "255.255.255.255", "0.0.0.0"]) {
      expect(refusalFor(ip, { allowPrivate: true })).not.toBeNull();
    }
  });
});

describe("policyFromEnv", () => {
  it("is on in development and the embedded default, off in production unless set", () => {
    expect(policyFromEnv({ NODE_ENV: "development" }).allowPrivate).toBe(true);
    expect(policyFromEnv({ NODE_ENV: "production" }).allowPrivate).toBe(false);
    expect(policyFromEnv({ NODE_ENV: "production", HUB_EMBEDDED: "1" }).allowPrivate).toBe(true);
    expect(policyFromEnv({ NODE_ENV: "production", HUB_ALLOW_PRIVATE_NETWORK: "1" }).allowPrivate).toBe(true);
    expect(policyFromEnv({ NODE_ENV: "development", HUB_ALLOW_PRIVATE_NETWORK: "0" }).allowPrivate).toBe(false);
  });
});

it("says what was refused in plain words", () => {
  expect(refusalMessage("private")).toBe("That host resolves to a private address, which this hub does not connect to.");
});
