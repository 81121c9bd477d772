import { getProvider, type RegisteredProvider } from "@/integrations";
import { resolveEndpoints, type ProviderEndpoints } from "./endpoints";
import { IntegrationError } from "./errors";

/** A registered provider with its effective endpoints; throws UNKNOWN_PROVIDER otherwise. */
export function providerOrThrow(id: string): RegisteredProvider & { endpoints: ProviderEndpoints } {
  const p = getProvider(id);
  if (!p) throw new IntegrationError("UNKNOWN_PROVIDER");
  return { ...p, endpoints: resolveEndpoints(p.manifest) };
}

/** Like providerOrThrow, and refuses coming-soon providers: they cannot be connected honestly yet. */
export function connectableProvider(id: string) {
  const p = providerOrThrow(id);
  if (p.manifest.availability !== "available") throw new IntegrationError("NOT_AVAILABLE");
  return p;
}
