import type { ProviderHooks } from "./hook-types";
import { type Manifest, manifestSchema } from "./manifest-schema";
import calendly from "./calendly/manifest";
import docusign from "./docusign/manifest";
import dropbox from "./dropbox/manifest";
import email from "./email/manifest";
import freshbooks from "./freshbooks/manifest";
import gmail from "./gmail/manifest";
import googleDrive from "./google-drive/manifest";
import hubspot from "./hubspot/manifest";
import mailchimp from "./mailchimp/manifest";
import make from "./make/manifest";
import mautic from "./mautic/manifest";
import microsoft365 from "./microsoft-365/manifest";
import microsoftTeams from "./microsoft-teams/manifest";
import myob from "./myob/manifest";
import n8n from "./n8n/manifest";
import netsuite from "./netsuite/manifest";
import onedrive from "./onedrive/manifest";
import paypal from "./paypal/manifest";
import pipedrive from "./pipedrive/manifest";
import quickbooks from "./quickbooks/manifest";
import sage from "./sage/manifest";
import salesforce from "./salesforce/manifest";
import slack from "./slack/manifest";
import square from "./square/manifest";
import stripe from "./stripe/manifest";
import twilio from "./twilio/manifest";
import xero from "./xero/manifest";
import zapier from "./zapier/manifest";
import zohoCrm from "./zoho-crm/manifest";
import * as emailHooks from "./email/hooks";
import * as hubspotHooks from "./hubspot/hooks";
import * as makeHooks from "./make/hooks";
import * as microsoftTeamsHooks from "./microsoft-teams/hooks";
import * as n8nHooks from "./n8n/hooks";
import * as paypalHooks from "./paypal/hooks";
import * as quickbooksHooks from "./quickbooks/hooks";
import * as slackHooks from "./slack/hooks";
import * as stripeHooks from "./stripe/hooks";
import * as xeroHooks from "./xero/hooks";
import * as zapierHooks from "./zapier/hooks";

/**
 * The catalog: every provider folder, its manifest and its hook module. Adding a provider means
 * adding its folder and one line here; integrations/registry.test.ts fails when a folder is missing.
 */
const modules = {
  calendly: { manifest: calendly, hooks: {} },
  docusign: { manifest: docusign, hooks: {} },
  dropbox: { manifest: dropbox, hooks: {} },
  email: { manifest: email, hooks: emailHooks },
  freshbooks: { manifest: freshbooks, hooks: {} },
  gmail: { manifest: gmail, hooks: {} },
  "google-drive": { manifest: googleDrive, hooks: {} },
  hubspot: { manifest: hubspot, hooks: hubspotHooks },
  mailchimp: { manifest: mailchimp, hooks: {} },
  make: { manifest: make, hooks: makeHooks },
  mautic: { manifest: mautic, hooks: {} },
  "microsoft-365": { manifest: microsoft365, hooks: {} },
  "microsoft-teams": { manifest: microsoftTeams, hooks: microsoftTeamsHooks },
  myob: { manifest: myob, hooks: {} },
  n8n: { manifest: n8n, hooks: n8nHooks },
  netsuite: { manifest: netsuite, hooks: {} },
  onedrive: { manifest: onedrive, hooks: {} },
  paypal: { manifest: paypal, hooks: paypalHooks },
  pipedrive: { manifest: pipedrive, hooks: {} },
  quickbooks: { manifest: quickbooks, hooks: quickbooksHooks },
  sage: { manifest: sage, hooks: {} },
  salesforce: { manifest: salesforce, hooks: {} },
  slack: { manifest: slack, hooks: slackHooks },
  square: { manifest: square, hooks: {} },
  stripe: { manifest: stripe, hooks: stripeHooks },
  twilio: { manifest: twilio, hooks: {} },
  xero: { manifest: xero, hooks: xeroHooks },
  zapier: { manifest: zapier, hooks: zapierHooks },
  "zoho-crm": { manifest: zohoCrm, hooks: {} },
} satisfies Record<string, { manifest: unknown; hooks: Record<string, unknown> }>;

export type ProviderId = keyof typeof modules;
export const providerIds = Object.keys(modules) as ProviderId[];

/** A registered provider: its validated manifest and its hooks resolved by the names it declares. */
export type RegisteredProvider = { manifest: Manifest; hooks: ProviderHooks };

/** Hook module exports, as the registry test sees them. */
export const hookModules: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(modules).map(([id, m]) => [id, m.hooks as Record<string, unknown>]),
);

function resolveHooks(manifest: Manifest): ProviderHooks {
  const exported = hookModules[manifest.id] ?? {};
  const out: ProviderHooks = {};
  for (const [hook, exportName] of Object.entries(manifest.hooks) as [keyof ProviderHooks, string | undefined][]) {
    const fn = exportName ? exported[exportName] : undefined;
    if (typeof fn !== "function") throw new Error(`integrations/${manifest.id}: hook ${hook} names "${exportName}", which hooks.ts does not export`);
    (out as Record<string, unknown>)[hook] = fn;
  }
  return out;
}

// Parsed once at load: a broken manifest fails fast rather than at the first connection attempt.
const registry = new Map<string, RegisteredProvider>(
  Object.entries(modules).map(([id, m]) => {
    const manifest = manifestSchema.parse(m.manifest);
    return [id, { manifest, hooks: resolveHooks(manifest) }];
  }),
);

export const isProviderId = (id: string): id is ProviderId => registry.has(id);

export function getProvider(id: string): RegisteredProvider | undefined {
  return registry.get(id);
}

export function getManifest(id: string): Manifest | undefined {
  return registry.get(id)?.manifest;
}

/** Every manifest, in catalog order (by category, then name). */
export function listManifests(): Manifest[] {
  return [...registry.values()].map((p) => p.manifest).sort((a, b) => a.name.localeCompare(b.name));
}

export { categories, type Category, type Manifest } from "./manifest-schema";
