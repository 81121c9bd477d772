/** The searchable text of one marketplace card. */
export interface FilterableIntegration {
  id: string;
  name: string;
  description: string;
  category: string;
  categoryLabel: string;
}

/** The marketplace's URL query state: `?q=` search text and `?category=` filter. */
export interface CatalogFilter {
  q: string;
  category: string;
}

/** Reads the filter from URL search params; unknown categories fall back to "all". */
export function parseFilter(params: { q?: string | string[]; category?: string | string[] }, categories: readonly string[]): CatalogFilter {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const category = first(params.category);
  return { q: first(params.q).slice(0, 100), category: categories.includes(category) ? category : "" };
}

/** Case- and accent-insensitive match of every word of the query against name, description and category. */
export function matchesFilter(item: FilterableIntegration, filter: CatalogFilter): boolean {
  if (filter.category && item.category !== filter.category) return false;
  const words = normalise(filter.q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise(`${item.name} ${item.description} ${item.categoryLabel} ${item.id}`);
  return words.every((w) => haystack.includes(w));
}

const normalise = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/** The query string for a filter (empty values dropped), e.g. "?q=xero&category=accounting". */
export function filterQuery(filter: CatalogFilter): string {
  const p = new URLSearchParams();
  if (filter.q.trim()) p.set("q", filter.q);
  if (filter.category) p.set("category", filter.category);
  const s = p.toString();
  return s ? `?${s}` : "";
}
