import { Client } from "@hubspot/api-client";
import { Signature } from "@hubspot/api-client/lib/src/utils/signature";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { control } from "../../testing/harness";
import { startHarness, startReceiver, type Harness } from "../test-support";
import { HubSpotEmulator, HUBSPOT_APP } from "./index";
import type { HubSpotEvent } from "./webhooks";

// Contact writes through HubSpot's official Node client and /_control/change send the app's
// webhooks: batched arrays of events, signed with X-HubSpot-Signature-v3, which the SDK's own
// Signature.isValid accepts and refuses once a byte changes.
const hubspot = new HubSpotEmulator();
let h: Harness;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let client: Client;

beforeAll(async () => {
  h = await startHarness([hubspot]);
  rx = await startReceiver();
  h.ctx.webhookTargets.set("hubspot", rx.url);
  const minted = (await control(h, "POST", "/tokens", { provider: "hubspot" })).body as { access_token: string };
  client = new Client({ accessToken: minted.access_token, basePath: `${h.origin}${sandboxPaths.hubspot.apiBaseUrl}`, numberOfApiCallRetries: 0 });
});
afterAll(async () => {
  await rx?.close();
  await h?.close();
});

/** The events of every delivery received from index `from` on, each delivery checked with the SDK's v3 verifier. */
function verifiedEvents(from: number): HubSpotEvent[][] {
  return rx.received.slice(from).map((d) => {
    const valid = Signature.isValid({
      signatureVersion: "v3", signature: String(d.headers["x-hubspot-signature-v3"]), method: "POST", clientSecret: sandboxApps.hubspot.clientSecret,
      requestBody: d.body, url: rx.url, timestamp: Number(d.headers["x-hubspot-request-timestamp"]),
    });
    expect(valid, d.body).toBe(true);
    return JSON.parse(d.body) as HubSpotEvent[];
  });
}

describe("HubSpot contact webhooks", () => {
  it("sends contact.creation, contact.propertyChange and contact.deletion for API writes, batched and v3-signed", async () => {
    const from = rx.received.length;
    const created = await client.crm.contacts.basicApi.create({ properties: { email: "grace@example.com", firstname: "Grace", lastname: "Hopper" }, associations: [] });
    expect(created).toMatchObject({ properties: { email: "grace@example.com", hs_object_id: created.id } });
    await hubspot.flushWebhooks();
    const updated = await client.crm.contacts.basicApi.update(created.id, { properties: { lastname: "Murray Hopper", firstname: "Grace" } });
    expect(updated.properties.lastname).toBe("Murray Hopper");
    await hubspot.flushWebhooks();
    await client.crm.contacts.basicApi.archive(created.id);
    await hubspot.flushWebhooks();

    const batches = verifiedEvents(from);
    expect(batches.map((b) => b.map((e) => e.subscriptionType))).toEqual([["contact.creation"], ["contact.propertyChange"], ["contact.deletion"]]);
    const [[creation], [change], [deletion]] = batches as [[HubSpotEvent], [HubSpotEvent], [HubSpotEvent]];
    const common = { portalId: 4010001, appId: HUBSPOT_APP.appId, objectId: Number(created.id), attemptNumber: 0, changeSource: "API" };
    expect(creation).toMatchObject({ ...common, changeFlag: "NEW", subscriptionId: HUBSPOT_APP.subscriptionIds["contact.creation"], eventId: expect.any(Number), occurredAt: expect.any(Number) });
    // Only the property whose value changed (firstname was sent unchanged).
    expect(change).toMatchObject({ ...common, propertyName: "lastname", propertyValue: "Murray Hopper" });
    expect(deletion).toMatchObject({ ...common, changeFlag: "DELETED" });
    expect(new Set([creation.eventId, change.eventId, deletion.eventId]).size).toBe(3);
    await expect(client.crm.contacts.basicApi.getById(created.id)).rejects.toMatchObject({ code: 404 });
  });

  it("batches the events of one moment into one request: several changes from /_control/change", async () => {
    const from = rx.received.length;
    const made = await control(h, "POST", "/change", { provider: "hubspot", action: "create_contact", properties: { email: "ada@example.com", firstname: "Ada" } });
    expect(made.status).toBe(200);
    const id = String(made.body.id);
    await control(h, "POST", "/change", { provider: "hubspot", action: "update_contact", id, properties: { firstname: "Augusta Ada", lastname: "King", company: "Analytical Engines" } });
    const batches = verifiedEvents(from);
    expect(batches).toHaveLength(2);
    expect(batches[1]!.map((e) => [e.subscriptionType, e.propertyName, e.propertyValue, e.changeSource])).toEqual([
      ["contact.propertyChange", "firstname", "Augusta Ada", "CRM"],
      ["contact.propertyChange", "lastname", "King", "CRM"],
      ["contact.propertyChange", "company", "Analytical Engines", "CRM"],
    ]);
  });

  it("signs so that a changed byte, another secret or a stale timestamp fail the SDK's check", async () => {
    const from = rx.received.length;
    await control(h, "POST", "/change", { provider: "hubspot", action: "create_contact", properties: { email: "alan@example.com" } });
    const d = rx.received[from]!;
    const options = {
      signatureVersion: "v3", signature: String(d.headers["x-hubspot-signature-v3"]), method: "POST", clientSecret: sandboxApps.hubspot.clientSecret,
      requestBody: d.body, url: rx.url, timestamp: Number(d.headers["x-hubspot-request-timestamp"]),
    };
    expect(Signature.isValid(options)).toBe(true);
    expect(Signature.isValid({ ...options, requestBody: d.body.replace("contact.creation", "contact.creatioN") })).toBe(false);
    expect(Signature.isValid({ ...options, clientSecret: "another-secret" })).toBe(false);
    expect(() => Signature.isValid({ ...options, timestamp: options.timestamp - 10 * 60_000 })).toThrow(/Timestamp is invalid/);
    expect(Signature.isValid({ signatureVersion: "v1", signature: String(d.headers["x-hubspot-signature"]), clientSecret: sandboxApps.hubspot.clientSecret, requestBody: d.body })).toBe(true);
  });

  it("refuses invalid bodies, a missing write scope and duplicate emails in HubSpot's error shape", async () => {
    const res = await fetch(`${h.origin}${sandboxPaths.hubspot.apiBaseUrl}/crm/v3/objects/contacts`, {
      method: "POST", headers: { authorization: `Bearer ${client.config.accessToken}`, "content-type": "application/json" }, body: JSON.stringify({ props: {} }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    await expect(client.crm.contacts.basicApi.create({ properties: { email: "grace2@example.com" }, associations: [] })).resolves.toBeDefined();
    await expect(client.crm.contacts.basicApi.create({ properties: { email: "GRACE2@example.com" }, associations: [] })).rejects.toMatchObject({ code: 409 });
    const readOnly = (await control(h, "POST", "/tokens", { provider: "hubspot", scopes: ["oauth", "crm.objects.contacts.read"] })).body as { access_token: string };
    const reader = new Client({ accessToken: readOnly.access_token, basePath: client.config.basePath, numberOfApiCallRetries: 0 });
    await expect(reader.crm.contacts.basicApi.create({ properties: { email: "nope@example.com" }, associations: [] })).rejects.toMatchObject({ code: 403 });
  });
});
