"use client";

import * as React from "react";
import { SearchIcon, SearchXIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { filterQuery, matchesFilter, type CatalogFilter, type FilterableIntegration } from "./filter";

/** A card already rendered on the server, with the text the browser filters on. */
export interface BrowserItem extends FilterableIntegration {
  node: React.ReactNode;
}

/** A titled group of cards: "Connected", then one per category. */
export interface BrowserSection {
  key: string;
  title: string;
  description?: string;
  items: BrowserItem[];
}

/** Props of the client-side search and category filter over server-rendered cards. */
export interface MarketplaceBrowserProps {
  sections: BrowserSection[];
  categories: { value: string; label: string }[];
  initialFilter: CatalogFilter;
}

/**
 * Filters the marketplace in the browser (the catalog is small) and mirrors the filter in the
 * URL with history.replaceState, so a filtered view can be shared and survives a reload without
 * a server round trip per keystroke.
 */
export function MarketplaceBrowser({ sections, categories, initialFilter }: MarketplaceBrowserProps) {
  const [filter, setFilter] = React.useState<CatalogFilter>(initialFilter);

  React.useEffect(() => {
    const url = `${window.location.pathname}${filterQuery(filter)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  }, [filter]);

  const visible = sections
    .map((s) => ({ ...s, items: s.items.filter((i) => matchesFilter(i, filter)) }))
    .filter((s) => s.items.length > 0);
  const count = visible.reduce((n, s) => n + s.items.length, 0);

  return (
    <div className="space-y-8">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search">
        <div className="grid flex-1 gap-2">
          <Label htmlFor="integration-search">Search integrations</Label>
          <div className="relative">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
            <Input
              id="integration-search"
              type="search"
              placeholder="Search by name or what it does"
              className="pl-8"
              value={filter.q}
              onChange={(e) => setFilter((f) => ({ ...f, q: e.target.value }))}
            />
          </div>
        </div>
        <div className="grid gap-2 sm:w-56">
          <Label htmlFor="integration-category">Category</Label>
          {/* A native select: keyboard and screen-reader behaviour for free, and nothing to portal. */}
          <select
            id="integration-category"
            className="h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30"
            value={filter.category}
            onChange={(e) => setFilter((f) => ({ ...f, category: e.target.value }))}
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {count === 1 ? "1 integration shown" : `${count} integrations shown`}
      </p>
      {visible.length === 0 ? (
        <EmptyState
          icon={SearchXIcon}
          title="No integrations match"
          description="Try another word or clear the category filter."
          action={
            <Button variant="outline" onClick={() => setFilter({ q: "", category: "" })}>
              Clear filters
            </Button>
          }
        />
      ) : (
        visible.map((section) => (
          <section key={section.key} aria-labelledby={`section-${section.key}`} className="space-y-3">
            <div>
              <h2 id={`section-${section.key}`} className="text-lg font-semibold">
                {section.title} <span className="text-sm font-normal text-muted-foreground">({section.items.length})</span>
              </h2>
              {section.description ? <p className="text-sm text-muted-foreground">{section.description}</p> : null}
            </div>
            <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {section.items.map((item) => (
                <li key={`${section.key}-${item.id}`}>{item.node}</li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
