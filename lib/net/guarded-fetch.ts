import type { LookupFunction, Socket } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { NetworkRefusedError, policyFromEnv, type AddressPolicy } from "./address-policy";
import { assertConnectedAddress, resolveAllowed, systemResolver, type Resolver } from "./resolve";

/** Options of a guarded request; all optional, the app's defaults come from the environment. */
export interface GuardOptions {
  policy?: AddressPolicy;
  /** DNS for tests; the system resolver otherwise. */
  resolver?: Resolver;
  /** Ports the URL may name; default any. */
  ports?: readonly number[];
  /** Connect + answer budget in ms (default 10 s). */
  timeoutMs?: number;
}

/**
 * An undici dispatcher that only opens sockets to admitted addresses: the connect-time lookup
 * resolves and checks every address, the socket connects to the checked address (so a DNS answer
 * that changes between check and connect cannot slip through), and the peer address of the open
 * socket is checked once more.
 */
export function guardedDispatcher(policy: AddressPolicy, resolver: Resolver = systemResolver, timeoutMs = 10_000): Agent {
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolveAllowed(hostname, policy, resolver).then(
      (a) => (options.all ? callback(null, [{ address: a.address, family: a.family }]) : callback(null, a.address, a.family)),
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
  const base = buildConnector({ lookup, timeout: timeoutMs } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (opts, callback) => {
    // IP literals skip `lookup` in net.connect, so they are checked before any packet is sent.
    resolveAllowed(opts.hostname, policy, resolver).then(
      () =>
        base(opts, (err, socket) => {
          if (err || !socket) return callback(err ?? new Error("no socket"), null);
          try {
            assertConnectedAddress((socket as Socket).remoteAddress, policy);
          } catch (refused) {
            socket.destroy();
            return callback(refused as Error, null);
          }
          callback(null, socket);
        }),
      (err: Error) => callback(err, null),
    );
  };
  return new Agent({ connect, connections: 4, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

/**
 * `fetch` for user-supplied URLs (catch hooks, outbound endpoints): http(s) only, optional port
 * rule, admitted addresses only, redirects never followed (a 3xx is returned as is). A refusal
 * throws NetworkRefusedError whose message is safe to show.
 */
export async function guardedFetch(url: string | URL, init: Omit<UndiciRequestInit, "dispatcher" | "redirect"> = {}, opts: GuardOptions = {}) {
  const u = new URL(url);
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw new NetworkRefusedError("scheme", "Only http and https addresses can be used.");
  }
  const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  if (opts.ports && !opts.ports.includes(port)) {
    throw new NetworkRefusedError("port", `Port ${port} is not allowed here; use ${opts.ports.join(", ")}.`);
  }
  const policy = opts.policy ?? policyFromEnv();
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const dispatcher = guardedDispatcher(policy, opts.resolver, timeoutMs);
  try {
    const res = await undiciFetch(u, { ...init, redirect: "manual", dispatcher, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
    // Read the body now so the per-request dispatcher can be closed; callers get a plain Response.
    const body = await res.arrayBuffer();
    return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, headers: res.headers as unknown as Headers });
  } finally {
    void dispatcher.close();
  }
}
