import { Skeleton } from "@/components/ui/skeleton";

/** Activity skeleton: header, filter row and table rows. */
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading activity">
      <div className="space-y-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Skeleton className="h-9 sm:w-64" />
        <Skeleton className="h-9 sm:w-56" />
      </div>
      <div className="space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    </div>
  );
}
