import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Props of the pager under a list: the page's position and a way to build each page's URL. */
export interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  /** The URL of the page starting at `offset` (keeps the list's other query parameters). */
  href: (offset: number) => string;
}

/** "Showing 21–40 of 57" with Previous / Next links (plain links: works without JavaScript). */
export function Pagination({ total, limit, offset, href }: PaginationProps) {
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const prev = offset > 0 ? Math.max(0, offset - limit) : null;
  const next = offset + limit < total ? offset + limit : null;
  const link = (target: number | null, text: string, rel: string) =>
    target === null ? (
      <span className={cn(buttonVariants({ variant: "outline", size: "sm" }), "pointer-events-none opacity-50")} aria-disabled="true">
        {text}
      </span>
    ) : (
      <Link href={href(target)} rel={rel} className={buttonVariants({ variant: "outline", size: "sm" })}>
        {text}
      </Link>
    );
  return (
    <nav className="flex items-center justify-between gap-4 pt-4" aria-label="Pagination">
      <p className="text-sm text-muted-foreground">
        Showing {from}–{to} of {total}
      </p>
      <div className="flex gap-2">
        {link(prev, "Previous", "prev")}
        {link(next, "Next", "next")}
      </div>
    </nav>
  );
}

/** Builds a list URL from its parameters, dropping empty ones and offset 0. */
export function listHref(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== "" && !(k === "offset" && Number(v) === 0)) search.set(k, String(v));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
