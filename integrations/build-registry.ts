import type { ProviderHooks } from "./hook-types";
import { type Manifest, manifestSchema } from "./manifest-schema";

/**
 * One provider folder as the generated registry (integrations/index.ts) imports it: the
 * manifest's default export, and the module namespaces of `hooks.ts`, `webhooks.ts` and each
 * `sync/<entity>.ts` where the folder has them.
 */
export type ProviderModule = {
  manifest: unknown;
  hooks: Record<string, unknown>;
  webhooks?: Record<string, unknown>;
  sync: Record<string, Record<string, unknown>>;
};

/** A registered provider: its validated manifest, its hooks resolved by the names it declares, and its other modules. */
export type RegisteredProvider = {
  manifest: Manifest;
  hooks: ProviderHooks;
  /** `webhooks.ts` exports, when the provider has one (the inbound engine's handlers). */
  webhooks?: Record<string, unknown>;
  /** `sync/<entity>.ts` exports by entity (the sync engine's per-entity code). */
  sync: Record<string, Record<string, unknown>>;
};

function resolveHooks(manifest: Manifest, exported: Record<string, unknown>): ProviderHooks {
  const out: ProviderHooks = {};
  for (const [hook, exportName] of Object.entries(manifest.hooks) as [keyof ProviderHooks, string | undefined][]) {
    const fn = exportName ? exported[exportName] : undefined;
    if (typeof fn !== "function") throw new Error(`integrations/${manifest.id}: hook ${hook} names "${exportName}", which hooks.ts does not export`);
    (out as Record<string, unknown>)[hook] = fn;
  }
  return out;
}

/**
 * Validates every manifest once, at load (a broken manifest fails fast rather than at the first
 * connection attempt), resolves hooks, and returns the registry's lookups.
 */
export function buildRegistry<M extends Record<string, ProviderModule>>(modules: M) {
  type Id = keyof M & string;
  const registry = new Map<string, RegisteredProvider>(
    Object.entries(modules).map(([id, m]) => {
      const manifest = manifestSchema.parse(m.manifest);
      if (manifest.id !== id) throw new Error(`integrations/${id}: the manifest's id is "${manifest.id}"; it must be the folder name`);
      return [id, { manifest, hooks: resolveHooks(manifest, m.hooks), webhooks: m.webhooks, sync: m.sync }];
    }),
  );
  return {
    providerIds: Object.keys(modules) as Id[],
    /** Hook module exports, as the registry test sees them. */
    hookModules: Object.fromEntries(Object.entries(modules).map(([id, m]) => [id, m.hooks])) as Record<string, Record<string, unknown>>,
    isProviderId: (id: string): id is Id => registry.has(id),
    getProvider: (id: string): RegisteredProvider | undefined => registry.get(id),
    getManifest: (id: string): Manifest | undefined => registry.get(id)?.manifest,
    /** Every manifest, by name (the catalog groups them by category). */
    listManifests: (): Manifest[] => [...registry.values()].map((p) => p.manifest).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
