import Link from "next/link";
import { ArrowLeftIcon, PlugZapIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { buttonVariants } from "@/components/ui/button";

/**
 * The 404 of everything under /integrations (an unknown provider id, a connection that does not
 * exist or belongs to another organisation): inside the app shell, with a way back, instead of
 * the framework's bare page.
 */
export default function IntegrationNotFound() {
  return (
    <div className="space-y-6">
      <h1 className="sr-only">Integration not found</h1>
      <Link href="/integrations" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> All integrations
      </Link>
      <EmptyState
        icon={PlugZapIcon}
        title="This integration was not found"
        description="There is no integration or connection at this address. It may have been mistyped, or the connection may belong to another organisation."
        action={
          <Link href="/integrations" className={buttonVariants()}>
            Back to the marketplace
          </Link>
        }
      />
    </div>
  );
}
