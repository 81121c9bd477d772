import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderRegistry, scanProviders } from "@/scripts/gen-registry";
import { getProvider, hookModules, listManifests, providerIds } from "./index";
import { categories, manifestSchema } from "./manifest-schema";

const dir = import.meta.dirname;
const folders = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** The providers the product names (issue 4), by the id the catalog gives them. */
const named = [
  "stripe", "paypal", "square", "quickbooks", "xero", "freshbooks", "myob", "sage", "netsuite", "zapier", "make", "n8n",
  "slack", "microsoft-teams", "email", "gmail", "microsoft-365", "twilio", "google-drive", "dropbox", "onedrive",
  "salesforce", "hubspot", "pipedrive", "zoho-crm", "mailchimp", "mautic", "calendly", "docusign",
];

/** What the sandbox can really connect today; every other provider must say coming_soon. */
const availableToday = ["xero", "quickbooks", "slack", "hubspot", "paypal", "stripe", "email", "zapier", "make", "n8n", "microsoft-teams"];

describe("integration registry", () => {
  it("registers every provider folder, and nothing else", () => {
    expect([...providerIds].sort()).toEqual(folders);
  });

  it("index.ts is what `npm run gen:registry` writes from the folders today (run it when this fails)", () => {
    expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toBe(renderRegistry(scanProviders(dir)));
  });

  it("the generator picks up a new folder's manifest, hooks, webhooks and sync entities, and skips non-provider folders", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "registry-gen-"));
    try {
      const touch = (f: string) => {
        fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
        fs.writeFileSync(path.join(tmp, f), "export {};\n");
      };
      ["acme-books/manifest.ts", "acme-books/hooks.ts", "acme-books/webhooks.ts", "acme-books/sync/invoices.ts",
        "acme-books/sync/credit-notes.ts", "acme-books/sync/invoices.test.ts", "plain/manifest.ts", "ui-only/readme.ts"].forEach(touch);
      const folders = scanProviders(tmp);
      expect(folders).toEqual([
        { id: "acme-books", hooks: true, webhooks: true, sync: ["credit-notes", "invoices"] },
        { id: "plain", hooks: false, webhooks: false, sync: [] },
      ]);
      const src = renderRegistry(folders);
      expect(src).toContain('import * as acmeBooksWebhooks from "./acme-books/webhooks";');
      expect(src).toContain('import * as acmeBooksSyncCreditNotes from "./acme-books/sync/credit-notes";');
      expect(src).toContain('"acme-books": { manifest: acmeBooksManifest, hooks: acmeBooksHooks, webhooks: acmeBooksWebhooks, sync: { "credit-notes": acmeBooksSyncCreditNotes, invoices: acmeBooksSyncInvoices } },');
      expect(src).toContain("plain: { manifest: plainManifest, hooks: {}, sync: {} },");
      expect(src).not.toContain("ui-only");
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("covers every provider the product names", () => {
    expect(folders).toEqual([...named].sort());
  });

  it.each(folders)("%s: manifest validates and its id is the folder name", async (folder) => {
    const mod = (await import(path.join(dir, folder, "manifest.ts"))) as { default: unknown };
    const parsed = manifestSchema.safeParse(mod.default);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data?.id).toBe(folder);
  });

  it.each(folders)("%s: every hook the manifest names is exported by its hooks.ts", async (folder) => {
    const manifest = getProvider(folder)!.manifest;
    const file = path.join(dir, folder, "hooks.ts");
    const exported = fs.existsSync(file) ? ((await import(file)) as Record<string, unknown>) : {};
    for (const exportName of Object.values(manifest.hooks)) {
      expect(typeof exported[exportName!], `${folder} names hook "${exportName}"`).toBe("function");
    }
    // And the registry wired the same module, not a stale copy.
    expect(Object.keys(hookModules[folder]).sort()).toEqual(Object.keys(exported).sort());
  });

  it("marks available exactly the providers the sandbox can connect today", () => {
    const available = listManifests().filter((m) => m.availability === "available").map((m) => m.id).sort();
    expect(available).toEqual([...availableToday].sort());
  });

  it("gives every available OAuth provider a way to discover the account and test health", () => {
    for (const m of listManifests().filter((x) => x.availability === "available" && x.authMode === "oauth2")) {
      expect(m.hooks.discoverAccount, m.id).toBeDefined();
      expect(m.hooks.healthCheck, m.id).toBeDefined();
    }
  });

  it("uses only known categories and real https provider URLs", () => {
    for (const m of listManifests()) {
      expect(categories).toContain(m.category);
      for (const u of [m.oauth?.authorizeUrl, m.oauth?.tokenUrl, m.oauth?.revokeUrl, m.apiBaseUrl, ...Object.values(m.urls)]) {
        if (!u) continue;
        const host = new URL(u).hostname;
        expect(new URL(u).protocol, `${m.id} ${u}`).toBe("https:");
        expect(host, `${m.id} must not point at the sandbox`).not.toMatch(/localhost|127\.0\.0\.1|example\./);
      }
    }
  });

  it("rejects a manifest whose oauth block is missing, or whose field pattern is not a regex", () => {
    const base = { ...getProvider("xero")!.manifest };
    expect(manifestSchema.safeParse({ ...base, oauth: undefined }).success).toBe(false);
    const stripe = getProvider("stripe")!.manifest;
    expect(manifestSchema.safeParse({ ...stripe, fields: [{ ...stripe.fields[0], pattern: "([" }] }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...stripe, hooks: { verify: "verifyConnection" } }).success).toBe(false);
  });

  it("field patterns accept their own placeholders where a placeholder is a full example", () => {
    const stripe = getProvider("stripe")!.manifest.fields[0];
    expect(new RegExp(stripe.pattern!).test("sk_test_sandbox_51HubDemoKey0000000000000000")).toBe(true);
    const zapier = getProvider("zapier")!.manifest.fields[0];
    expect(new RegExp(zapier.pattern!).test(zapier.placeholder!)).toBe(true);
    const n8n = getProvider("n8n")!.manifest.fields[0];
    expect(new RegExp(n8n.pattern!).test(n8n.placeholder!)).toBe(true);
  });
});
