import { Issuer } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XeroClient } from "xero-node";
import { sandboxApps, sandboxPaths } from "../../config";
import { consent, control, startOAuthEmulators } from "../../testing/harness";
import type { RunningSandbox } from "../../server";
import { XERO_TENANTS } from "./seed";

const REDIRECT = "http://localhost:3000/api/connections/xero/callback";
let sb: RunningSandbox;
beforeAll(async () => { sb = await startOAuthEmulators({ xeroInvoices: 250 }); });
afterAll(async () => { await sb.close(); });

/**
 * xero-node unchanged except for its base-URL options: its openid-client is built from the
 * sandbox's discovery document, and the accounting API's basePath points at the sandbox.
 */
async function sandboxXeroClient() {
  const config = { clientId: sandboxApps.xero.clientId, clientSecret: sandboxApps.xero.clientSecret, redirectUris: [REDIRECT], scopes: ["openid", "profile", "email", "offline_access", "accounting.transactions"], state: "xero-state-1" };
  const xero = new XeroClient(config);
  const issuer = await Issuer.discover(`${sb.origin}${sandboxPaths.xero.issuer}`);
  xero.openIdClient = new issuer.Client({ client_id: config.clientId, client_secret: config.clientSecret, redirect_uris: config.redirectUris });
  xero.accountingApi.basePath = `${sb.origin}${sandboxPaths.xero.apiBaseUrl}`;
  return xero;
}

describe("xero-node against the sandbox", () => {
  it("connects through the consent page (id_token verified), lists invoices page by page, and refreshes", async () => {
    const xero = await sandboxXeroClient();
    const consentUrl = await xero.buildConsentUrl();
    expect(consentUrl.startsWith(`${sb.origin}${sandboxPaths.xero.authorizeUrl}?`)).toBe(true);
    const callback = await consent(consentUrl);
    const tokenSet = await xero.apiCallback(callback.toString());
    expect(tokenSet.access_token).toMatch(/^xero_at_/);
    expect(tokenSet.claims().email).toBe("demo.user@example.com");

    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const res = await xero.accountingApi.getInvoices(XERO_TENANTS[0].tenantId, undefined, undefined, undefined, undefined, undefined, undefined, undefined, page);
      const invoices = res.body.invoices ?? [];
      if (!invoices.length) break;
      expect(invoices.length).toBeLessThanOrEqual(100);
      expect(res.body.pagination?.itemCount).toBe(250);
      seen.push(...invoices.map((i) => i.invoiceID!));
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);

    const before = xero.readTokenSet().refresh_token;
    const refreshed = await xero.refreshToken();
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(before);
    const org = await xero.accountingApi.getOrganisations(XERO_TENANTS[1].tenantId);
    expect(org.body.organisations?.[0].name).toBe("Sandbox Trading Ltd");
  });

  it("reads only what changed with If-Modified-Since, and creates idempotently", async () => {
    const xero = await sandboxXeroClient();
    xero.setTokenSet((await control(sb, "POST", "/tokens", { provider: "xero" })).body);
    const tenant = XERO_TENANTS[1].tenantId;
    const since = new Date(Date.now() - 1000);
    const contacts = await xero.accountingApi.getContacts(tenant);
    const contact = contacts.body.contacts![0];
    const created = await xero.accountingApi.createInvoices(tenant, { invoices: [{ type: "ACCREC" as never, contact: { contactID: contact.contactID }, lineItems: [{ description: "Work", quantity: 1, unitAmount: 99 }] }] }, undefined, undefined, "idem-key-1");
    const again = await xero.accountingApi.createInvoices(tenant, { invoices: [{ type: "ACCREC" as never, contact: { contactID: contact.contactID }, lineItems: [{ description: "Work", quantity: 1, unitAmount: 99 }] }] }, undefined, undefined, "idem-key-1");
    expect(again.body.invoices![0].invoiceID).toBe(created.body.invoices![0].invoiceID);
    const changed = await xero.accountingApi.getInvoices(tenant, since, undefined, undefined, undefined, undefined, undefined, undefined, 1);
    expect(changed.body.invoices!.map((i) => i.invoiceID)).toEqual([created.body.invoices![0].invoiceID]);
    expect(created.body.invoices![0].total).toBeCloseTo(108.9, 2); // 99 + 10% OUTPUT tax
  });
});
