import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext, webhookContext, apiKeyContext } from "@/lib/auth/access";
import { listAuditEntries } from "@/lib/audit";
import * as audits from "@/lib/db/queries/audit";
import * as queries from "@/lib/db/queries/connections";
import { sandboxApps } from "@/sandbox/config";
import { connectWithFields } from "./connect-fields";
import { disconnect } from "./disconnect";
import { testConnection } from "./health";
import { connectionLogs } from "./logs";
import { getConnection, updateConnectionDetails } from "./manage";
import { getAccessToken, getCredentials, refreshConnection } from "./refresh";
import { createWorld, type World } from "./test-support";

let w: World;
let id: string;
let before: queries.ConnectionRow;
beforeAll(async () => {
  w = await createWorld();
  id = (await connectWithFields(w.db, w.owner, "stripe", { secretKey: sandboxApps.stripe.secretKey })).id;
  before = (await queries.findConnectionById(w.db, w.owner, id))!;
});
afterAll(async () => {
  await w?.close();
});

/** The outcome of a call as a comparable value: what it returned, or the name/code it threw. */
async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    const v = await p;
    return Array.isArray(v) ? { rows: v.length } : v === undefined ? "undefined" : typeof v === "number" ? v : "a value";
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).constructor.name;
  }
}

describe("no helper that takes a connection id reaches another organisation's row", () => {
  // Organisation B's contexts, whoever acts: a person, a job, a webhook, an API key.
  const others = () => [w.other, jobContext(w.other.organisationId, "test"), webhookContext(w.other.organisationId, "stripe"), apiKeyContext(w.other.organisationId, "key_1", "owner")];

  // Every query helper and lib function that takes an id, called by organisation B with
  // organisation A's id, and what "reached nothing" means for each.
  const helpers: Record<string, { call: (ctx: World["owner"] | ReturnType<typeof jobContext>) => Promise<unknown>; expected: unknown }> = {
    findConnectionById: { call: (ctx) => queries.findConnectionById(w.db, ctx, id), expected: "undefined" },
    findConnectionsByIds: { call: (ctx) => queries.findConnectionsByIds(w.db, ctx, [id]), expected: { rows: 0 } },
    lockConnection: { call: (ctx) => w.db.transaction((tx) => queries.lockConnection(tx, ctx, id)), expected: "undefined" },
    updateConnection: { call: (ctx) => queries.updateConnection(w.db, ctx, id, { displayName: "stolen", status: "error" }), expected: "NotFoundError" },
    updateConnectionsWithEnvelopes: {
      call: (ctx) => queries.updateConnectionsWithEnvelopes(w.db, ctx, [{ id, envelope: "v1.x.y.z" }], { expiresAt: null, scopes: [] }),
      expected: { rows: 0 },
    },
    incrementRefreshFailures: { call: (ctx) => queries.incrementRefreshFailures(w.db, ctx, id, "x"), expected: 0 },
    setDefaultConnection: { call: (ctx) => w.db.transaction((tx) => queries.setDefaultConnection(tx, ctx, "stripe", id)), expected: "NotFoundError" },
    listGrantConnections: { call: (ctx) => queries.listGrantConnections(w.db, ctx, id), expected: { rows: 0 } },
    deletePendingConnections: { call: (ctx) => queries.deletePendingConnections(w.db, ctx, "stripe", [id]), expected: "undefined" },
    listAuditEntries: { call: (ctx) => audits.listAuditEntries(w.db, ctx, { connectionId: id }), expected: { rows: 0 } },
    getConnection: { call: (ctx) => getConnection(w.db, ctx, id), expected: "NOT_CONNECTED" },
    connectionLogs: { call: (ctx) => connectionLogs(w.db, ctx, id, { limit: 10 }), expected: "NOT_CONNECTED" },
    updateConnectionDetails: { call: (ctx) => updateConnectionDetails(w.db, ctx, id, { displayName: "stolen" }), expected: "NOT_CONNECTED" },
    getAccessToken: { call: (ctx) => getAccessToken(w.db, ctx, id), expected: "NOT_CONNECTED" },
    getCredentials: { call: (ctx) => getCredentials(w.db, ctx, id), expected: "NOT_CONNECTED" },
    refreshConnection: { call: (ctx) => refreshConnection(w.db, ctx, id), expected: "NOT_CONNECTED" },
    testConnection: { call: (ctx) => testConnection(w.db, ctx, id), expected: "NOT_CONNECTED" },
    disconnect: { call: (ctx) => disconnect(w.db, ctx, id), expected: "NOT_CONNECTED" },
  };

  it.each(Object.keys(helpers))("%s", async (name) => {
    const { call, expected } = helpers[name]!;
    // The helper does reach the row for its own organisation (so the check below can fail).
    if (["findConnectionById", "getConnection", "getCredentials"].includes(name)) expect(await outcome(call(w.owner))).toBe("a value");
    for (const ctx of others()) expect(await outcome(call(ctx))).toEqual(expected);
  });

  it("left organisation A's connection and its log untouched", async () => {
    const after = await queries.findConnectionById(w.db, w.owner, id);
    expect(after).toEqual(before);
    expect((await listAuditEntries(w.db, w.owner, { connectionId: id })).map((e) => e.action)).toEqual(["connection.connected"]);
  });

  it("every exported query helper of connections that takes an id is in the list above", () => {
    // A new id-taking helper must be added to `helpers`; id-less ones are system-wide by design.
    const systemWide = ["listConnectedForHealth", "lockCredentialBatch", "setEnvelopes", "insertOAuthState", "consumeOAuthState", "findOAuthState", "statesAfter", "deleteDeadStates", "tryAcquireLease", "releaseLease"];
    const scopedWithoutId = ["findProviderConnection", "findConnectionByAccount", "listConnectionRows", "countConnections", "insertConnections", "promoteDefaultIfMissing"];
    const exported = Object.keys(queries).filter((k) => typeof (queries as Record<string, unknown>)[k] === "function");
    const unaccounted = exported.filter((k) => !(k in helpers) && !systemWide.includes(k) && !scopedWithoutId.includes(k));
    expect(unaccounted).toEqual([]);
  });
});
