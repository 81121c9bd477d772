import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, syncConflicts, syncLinks, syncSettings } from "@/drizzle/schema";
import { updateCustomer } from "@/lib/db/queries/customers";
import { syncEntitiesOf } from "@/lib/sync/provider";
import { apiRequest, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import * as settingsRoute from "@/app/api/connections/[id]/sync/settings/route";
import * as providerSettingsRoute from "@/app/api/integrations/[provider]/sync/settings/route";
import * as mappingsRoute from "@/app/api/connections/[id]/mappings/route";
import * as previewRoute from "@/app/api/connections/[id]/mappings/preview/route";
import * as providerPreviewRoute from "@/app/api/integrations/[provider]/mappings/preview/route";
import * as conflictsRoute from "@/app/api/connections/[id]/sync/conflicts/route";
import * as resolveRoute from "@/app/api/connections/[id]/sync/conflicts/[conflictId]/resolve/route";
import { defaultMappings } from "./default-mappings";
import { saveEntitySettings } from "./settings";
import { closeWorld, connectXero, control, createWorld, syncNow, xeroOf, type World } from "./test-support";

// The Sync tab's API through its real route handlers: settings, mappings (validated, previewed on
// three records read from the in-process sandbox) and conflicts a person resolves.
let w: World;
let restore: () => void;
let xero: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  restore = useTestApiRuntime(w.db);
  xero = await connectXero(w);
}, 60_000);
afterAll(async () => {
  restore?.();
  await closeWorld(w);
});

type Json = { data: unknown; errors?: { path: string; message: string }[]; code?: string };
const call = async (h: (req: Request, ctx: ReturnType<typeof routeContext>) => Promise<Response>, method: string, url: string, params: Record<string, string>, userId: string, body?: unknown) => {
  const res = await h(apiRequest(method, url, { userId, body }), routeContext(params));
  return { status: res.status, json: (await res.json()) as Json };
};
const cid = () => ({ id: xero.connectionId });
const base = () => `/api/connections/${xero.connectionId}`;
const xeroCustomers = () => structuredClone(defaultMappings.xero!.customers) as { fields: { local: string; remote: string; direction?: string }[] };

describe("sync settings", () => {
  it("lists every entity with defaults, lets an admin change one field, and leaves the rest", async () => {
    const before = await call(settingsRoute.GET, "GET", `${base()}/sync/settings`, cid(), w.owner.userId);
    expect(before.status).toBe(200);
    // Every entity Xero syncs (lib/sync's list), customers and invoices among them.
    expect((before.json.data as { entity: string }[]).map((e) => e.entity)).toEqual(syncEntitiesOf("xero"));
    expect(syncEntitiesOf("xero")).toEqual(expect.arrayContaining(["customers", "invoices"]));
    const put = await call(settingsRoute.PUT, "PUT", `${base()}/sync/settings`, cid(), w.owner.userId, { entities: { invoices: { schedule: "daily", conflictPolicy: "ask" } } });
    expect(put.status).toBe(200);
    const inv = (put.json.data as { entity: string }[]).find((e) => e.entity === "invoices");
    expect(inv).toMatchObject({ schedule: "daily", conflictPolicy: "ask", direction: "both", enabled: true, deletePolicy: "void" });
    const viaProvider = await call(providerSettingsRoute.GET, "GET", "/api/integrations/xero/sync/settings", { provider: "xero" }, w.owner.userId);
    expect((viaProvider.json.data as { entity: string; schedule: string }[]).find((e) => e.entity === "invoices")!.schedule).toBe("daily");
  });

  it("refuses a member's change with 403 and a bad value with 400 naming the field", async () => {
    const member = await call(settingsRoute.PUT, "PUT", `${base()}/sync/settings`, cid(), w.member.userId, { entities: { customers: { enabled: false } } });
    expect(member.status).toBe(403);
    const bad = await call(settingsRoute.PUT, "PUT", `${base()}/sync/settings`, cid(), w.owner.userId, { entities: { customers: { schedule: "every second" } } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors![0]!.path).toBe("entities.customers.schedule");
    const rows = await w.db.select().from(syncSettings).where(and(eq(syncSettings.connectionId, xero.connectionId), eq(syncSettings.entity, "customers")));
    expect(rows.every((r) => r.enabled)).toBe(true);
  });

  it("answers another organisation's connection as not connected, reading nothing", async () => {
    const res = await call(settingsRoute.GET, "GET", `${base()}/sync/settings`, cid(), w.other.userId);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.json)).not.toContain("daily");
  });
});

describe("mappings", () => {
  it("shows the default mapping with the fields it may name, saves an edited one and goes back to the default with null", async () => {
    const list = await call(mappingsRoute.GET, "GET", `${base()}/mappings`, cid(), w.member.userId);
    expect(list.status).toBe(200);
    const customersMap = (list.json.data as { entity: string; custom: boolean; remoteFields: string[]; mapping: { fields: unknown[] } }[]).find((m) => m.entity === "customers")!;
    expect(customersMap.custom).toBe(false);
    expect(customersMap.remoteFields).toContain("EmailAddress");
    const edited = xeroCustomers();
    edited.fields.push({ local: "phone", remote: "Phones[0].PhoneNumber", direction: "pull" });
    const saved = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, cid(), w.owner.userId, { entity: "customers", mapping: edited });
    expect(saved.status).toBe(200);
    expect(saved.json.data).toMatchObject({ entity: "customers", custom: true });
    expect((saved.json.data as { mapping: { fields: { local: string }[] } }).mapping.fields.map((f) => f.local)).toContain("phone");
    const reset = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, cid(), w.owner.userId, { entity: "customers", mapping: null });
    expect(reset.json.data).toMatchObject({ custom: false });
  });

  it("refuses an unknown provider field and a required field left unmapped with 400 naming the path, saving nothing", async () => {
    const unknown = xeroCustomers();
    unknown.fields[1]!.remote = "EmailAddres";
    const r1 = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, cid(), w.owner.userId, { entity: "customers", mapping: unknown });
    expect(r1.status).toBe(400);
    expect(r1.json.errors).toEqual([expect.objectContaining({ path: "mapping.fields.1.remote", message: expect.stringContaining("EmailAddres") })]);
    const noName = xeroCustomers();
    noName.fields = noName.fields.filter((f) => f.local !== "name");
    const r2 = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, cid(), w.owner.userId, { entity: "customers", mapping: noName });
    expect(r2.status).toBe(400);
    expect(r2.json.errors![0]!.path).toBe("mapping.fields.name");
    const member = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, cid(), w.member.userId, { entity: "customers", mapping: xeroCustomers() });
    expect(member.status).toBe(403);
    const [row] = await w.db.select().from(syncSettings).where(and(eq(syncSettings.connectionId, xero.connectionId), eq(syncSettings.entity, "customers")));
    expect(row?.mapping ?? null).toBeNull();
  });

  it("previews three real Xero contacts before and after the mapping, writing nothing", async () => {
    const contacts = xeroOf(w).store.tenant(xero.tenantId)!.list("Contacts");
    expect(contacts.length).toBeGreaterThanOrEqual(3);
    const mapping = xeroCustomers();
    mapping.fields[0]!.remote = "AccountNumber"; // name ← AccountNumber: visibly different from the default
    const before = (await w.db.select().from(customers).where(eq(customers.organisationId, w.owner.organisationId))).length;
    const res = await call(previewRoute.POST, "POST", `${base()}/mappings/preview`, cid(), w.member.userId, { entity: "customers", mapping: { ...mapping, fields: [{ local: "name", remote: "Name" }, ...mapping.fields.slice(1)] } });
    expect(res.status).toBe(200);
    const rows = res.json.data as { externalId: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(contacts.map((c) => c.id)).toContain(r.externalId);
      expect(r.after.name).toBe(r.before.Name);
      expect(r.after.email ?? null).toBe(r.before.EmailAddress ?? null);
    }
    const viaProvider = await call(providerPreviewRoute.POST, "POST", "/api/integrations/xero/mappings/preview", { provider: "xero" }, w.owner.userId, { entity: "customers", mapping: xeroCustomers() });
    expect((viaProvider.json.data as unknown[]).length).toBe(3);
    expect((await w.db.select().from(customers).where(eq(customers.organisationId, w.owner.organisationId))).length).toBe(before);
  });

  it("refuses a preview of a broken mapping with the field path, before calling the provider", async () => {
    const broken = xeroCustomers();
    broken.fields[0]!.local = "nickname";
    const res = await call(previewRoute.POST, "POST", `${base()}/mappings/preview`, cid(), w.owner.userId, { entity: "customers", mapping: broken });
    expect(res.status).toBe(400);
    expect(res.json.errors![0]!.path).toBe("mapping.fields.0.local");
  });
});

describe("conflicts", () => {
  /** A contact changed in the app and at Xero under "ask": one open conflict. */
  async function openConflict(n: number) {
    const contact = xeroOf(w).store.tenant(xero.tenantId)!.list("Contacts")[n]!;
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, xero.connectionId), eq(syncLinks.externalId, contact.id)));
    await updateCustomer(w.db, w.owner, link!.localId, { name: `App side ${n}` });
    await new Promise((r) => setTimeout(r, 5));
    await control(w, "change", { provider: "xero", entity: "contact", id: contact.id, account: xero.tenantId, fields: { Name: `Xero side ${n}` } });
    await syncNow(w.db, w.owner, xero.connectionId, { direction: "pull", entity: "customers" });
    const list = await call(conflictsRoute.GET, "GET", `${base()}/sync/conflicts?open=true`, cid(), w.member.userId);
    const open = (list.json.data as { id: string; localId: string; resolution: string | null }[]).filter((c) => c.localId === link!.localId);
    expect(open).toHaveLength(1);
    expect(open[0]!.resolution).toBeNull();
    return { conflictId: open[0]!.id, localId: link!.localId };
  }
  const nameOf = async (id: string) => (await w.db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)))[0]!.name;

  beforeAll(async () => {
    await syncNow(w.db, w.owner, xero.connectionId, { direction: "pull", entity: "customers", mode: "full" });
    await saveEntitySettings(w.db, w.owner, xero.connectionId, "customers", { conflictPolicy: "ask" });
  }, 60_000);

  it("a person picks the provider's side: the local record takes Xero's version and the conflict records who and when", async () => {
    const { conflictId, localId } = await openConflict(0);
    const member = await call(resolveRoute.POST, "POST", `${base()}/sync/conflicts/${conflictId}/resolve`, { ...cid(), conflictId }, w.member.userId, { side: "provider" });
    expect(member.status).toBe(403);
    const res = await call(resolveRoute.POST, "POST", `${base()}/sync/conflicts/${conflictId}/resolve`, { ...cid(), conflictId }, w.owner.userId, { side: "provider" });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ resolution: "provider", resolvedBy: w.owner.userId, resolvedAt: expect.any(String) });
    expect(await nameOf(localId)).toBe("Xero side 0");
    const again = await call(resolveRoute.POST, "POST", `${base()}/sync/conflicts/${conflictId}/resolve`, { ...cid(), conflictId }, w.owner.userId, { side: "app" });
    expect(again.status).toBe(409);
  }, 60_000);

  it("a person picks the app's side: the app's version is pushed to Xero and the conflict is closed", async () => {
    const { conflictId, localId } = await openConflict(1);
    const res = await call(resolveRoute.POST, "POST", `${base()}/sync/conflicts/${conflictId}/resolve`, { ...cid(), conflictId }, w.owner.userId, { side: "app" });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ resolution: "app", resolvedBy: w.owner.userId });
    expect(await nameOf(localId)).toBe("App side 1");
    await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" });
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, xero.connectionId), eq(syncLinks.localId, localId)));
    const remote = (xeroOf(w).store.tenant(xero.tenantId)!.list("Contacts") ).find((c) => c.id === link!.externalId)!;
    expect(remote.data.Name).toBe("App side 1");
    const [row] = await w.db.select().from(syncConflicts).where(eq(syncConflicts.id, conflictId));
    expect(row!.resolvedAt).not.toBeNull();
  }, 60_000);
});

describe("source badges", () => {
  it("names the provider and the record's page at the provider for a page of pulled customers, and nothing for a record made in the app", async () => {
    const { sourcesFor } = await import("./sources");
    const links = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, xero.connectionId), eq(syncLinks.entity, "customers")));
    expect(links.length).toBeGreaterThan(2);
    const [own] = await w.db.insert(customers).values({ organisationId: w.owner.organisationId, name: "Made here Ltd" }).returning();
    const sources = await sourcesFor(w.db, w.owner.organisationId, "customers", [...links.map((l) => l.localId), own!.id]);
    for (const l of links) expect(sources[l.localId]).toEqual({ provider: "xero", providerName: "Xero", externalUrl: l.externalUrl });
    expect(links.some((l) => l.externalUrl?.startsWith("http"))).toBe(true);
    expect(sources[own!.id]).toBeUndefined();
    // Another organisation sees no source for these ids.
    expect(await sourcesFor(w.db, w.other.organisationId, "customers", links.map((l) => l.localId))).toEqual({});
  });
});
