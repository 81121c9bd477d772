import dns from "node:dns";
import net from "node:net";
import { NetworkRefusedError, refusalFor, refusalMessage, type AddressPolicy } from "./address-policy";

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses; tests inject one to play a DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** `[::1]` → `::1`: URL hosts keep IPv6 literals in brackets. */
export const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

/**
 * Resolves `host` and returns one address the policy admits. Every address the name resolves to
 * must be admitted: a name answering both a public and a private address is refused, since the
 * connection could land on either.
 */
export async function resolveAllowed(host: string, policy: AddressPolicy, resolver: Resolver = systemResolver): Promise<ResolvedAddress> {
  const bare = unbracket(host);
  const family = net.isIP(bare);
  let addresses: ResolvedAddress[];
  if (family) {
    addresses = [{ address: bare, family: family === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolver(bare);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new NetworkRefusedError("dns", "That host name could not be resolved.");
  }
  for (const a of addresses) {
    const kind = refusalFor(a.address, policy);
    if (kind) throw new NetworkRefusedError(kind, refusalMessage(kind));
  }
  return addresses[0]!;
}

/** Re-checks the address a socket really connected to (the last word against DNS rebinding). */
export function assertConnectedAddress(remoteAddress: string | undefined, policy: AddressPolicy): void {
  const kind = remoteAddress ? refusalFor(remoteAddress, policy) : "invalid";
  if (kind) throw new NetworkRefusedError(kind, refusalMessage(kind));
}
