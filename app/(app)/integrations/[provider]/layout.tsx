import { notFound } from "next/navigation";
import { getManifest } from "@/integrations";

/**
 * Rejects unknown provider ids here, outside the loading boundary of the pages below: a
 * notFound() thrown inside a streamed page would already have sent 200, this answers a real 404.
 */
export default async function ProviderLayout({ children, params }: { children: React.ReactNode; params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  if (!getManifest(provider)) notFound();
  return children;
}
