import { ExternalLinkIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { RecordSource } from "@/lib/sync/sources";

/** "From Xero" beside a record that came from a provider, linking to it there when the provider has a page for it. */
export function SourceBadge({ source }: { source: RecordSource | undefined }) {
  if (!source) return null;
  const label = `From ${source.providerName}`;
  return source.externalUrl ? (
    <Badge variant="outline" asChild className="gap-1 font-normal" data-testid="source-badge">
      <a href={source.externalUrl} target="_blank" rel="noopener noreferrer" title={`Open in ${source.providerName}`}>
        {label}
        <ExternalLinkIcon className="size-3" aria-hidden="true" />
      </a>
    </Badge>
  ) : (
    <Badge variant="outline" className="font-normal" data-testid="source-badge">{label}</Badge>
  );
}
