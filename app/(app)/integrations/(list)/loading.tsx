import { Skeleton } from "@/components/ui/skeleton";

/** Marketplace skeleton: header, filter row and a grid of card placeholders. */
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading integrations">
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Skeleton className="h-9 flex-1" />
        <Skeleton className="h-9 sm:w-56" />
      </div>
      <Skeleton className="h-6 w-32" />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-32" />
        ))}
      </div>
    </div>
  );
}
