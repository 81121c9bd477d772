import ipaddr from "ipaddr.js";

/**
 * Why an address is refused. `private` kinds (loopback, private ranges, unique-local, CGNAT) are
 * admitted by HUB_ALLOW_PRIVATE_NETWORK=1; every other kind is refused always, setting or not.
 */
export type RefusalKind =
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "multicast"
  | "broadcast"
  | "unspecified"
  | "reserved"
  | "invalid";

/** The kinds HUB_ALLOW_PRIVATE_NETWORK=1 admits (the sandbox and a local SMTP relay live there). */
const PRIVATE_KINDS: ReadonlySet<RefusalKind> = new Set(["loopback", "private"]);

/** Cloud metadata services: refused even with HUB_ALLOW_PRIVATE_NETWORK=1. */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]);

const DESCRIPTION: Record<RefusalKind, string> = {
  loopback: "a loopback address",
  private: "a private address",
  "link-local": "a link-local address",
  metadata: "a cloud metadata address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  unspecified: "an unspecified address",
  reserved: "a reserved address",
  invalid: "an address that is not valid",
};

/** The sentence shown to people: what was refused, never which port answered or what it said. */
export function refusalMessage(kind: RefusalKind): string {
  return `That host resolves to ${DESCRIPTION[kind]}, which this hub does not connect to.`;
}

// ipaddr.js range names → our kinds. Anything not listed (and not `unicast`) is `reserved`.
const V4: Record<string, RefusalKind | null> = {
  unicast: null,
  loopback: "loopback",
  private: "private",
  carrierGradeNat: "private",
  linkLocal: "link-local",
  multicast: "multicast",
  broadcast: "broadcast",
  unspecified: "unspecified",
};
const V6: Record<string, RefusalKind | null> = {
  unicast: null,
  loopback: "loopback",
  uniqueLocal: "private",
  linkLocal: "link-local",
  multicast: "multicast",
  unspecified: "unspecified",
};

/** Classifies one IP address: null when it is a public unicast address, else why it is refused. */
export function classifyAddress(address: string): RefusalKind | null {
  // Zone ids (fe80::1%eth0) are only meaningful for link-local addresses.
  const bare = address.replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return "invalid";
  let ip = ipaddr.parse(bare);
  if (METADATA.has(ip.toNormalizedString()) || METADATA.has(ip.toString())) return "metadata";
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    // IPv4 carried inside IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4, Teredo) is judged
    // by the IPv4 address it reaches; 6to4 and Teredo tunnels are refused outright.
    const range = v6.range();
    if (range === "ipv4Mapped" || range === "rfc6052") {
      const parts = v6.parts;
      ip = new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
      if (METADATA.has(ip.toString())) return "metadata";
    } else {
      return range in V6 ? V6[range]! : "reserved";
    }
  }
  const range = (ip as ipaddr.IPv4).range();
  return range in V4 ? V4[range]! : "reserved";
}

/** Options of the guard; tests pass them explicitly, the app reads the environment. */
export interface AddressPolicy {
  /** Admit loopback and private addresses (HUB_ALLOW_PRIVATE_NETWORK=1). */
  allowPrivate: boolean;
}

/**
 * HUB_ALLOW_PRIVATE_NETWORK: "1" admits private addresses, "0" refuses them; unset, it is on
 * everywhere but production (NODE_ENV=production without HUB_EMBEDDED=1), because the embedded
 * default reaches the sandbox on loopback.
 */
export function policyFromEnv(env: Record<string, string | undefined> = process.env): AddressPolicy {
  const v = env.HUB_ALLOW_PRIVATE_NETWORK;
  if (v === "1" || v === "true") return { allowPrivate: true };
  if (v === "0" || v === "false") return { allowPrivate: false };
  const production = env.NODE_ENV === "production" && env.HUB_EMBEDDED !== "1";
  return { allowPrivate: !production };
}

/** Null when the policy admits the address, else the reason it is refused. */
export function refusalFor(address: string, policy: AddressPolicy): RefusalKind | null {
  const kind = classifyAddress(address);
  if (kind === null) return null;
  if (policy.allowPrivate && PRIVATE_KINDS.has(kind)) return null;
  return kind;
}

/** Thrown when the guard refuses a destination; its message is safe to show to people. */
export class NetworkRefusedError extends Error {
  readonly kind: RefusalKind | "port" | "scheme" | "dns";
  constructor(kind: RefusalKind | "port" | "scheme" | "dns", message: string) {
    super(message);
    this.name = "NetworkRefusedError";
    this.kind = kind;
  }
}

/** Finds a NetworkRefusedError in an error or its `cause` chain (undici wraps connect errors). */
export function findRefusal(err: unknown): NetworkRefusedError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof NetworkRefusedError) return e;
  }
  return undefined;
}
