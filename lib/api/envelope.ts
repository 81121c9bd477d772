/** Paging facts of a list answer. */
export interface PageInfo {
  limit: number;
  offset: number;
  /** How many rows match in all, for pagination controls. */
  total: number;
}

/** The one envelope of every list answer: `{ data: [...], page: { limit, offset, total } }`. */
export interface ListEnvelope<T> {
  data: T[];
  page: PageInfo;
}

/** The one envelope of every single-resource answer: `{ data: {...} }`. */
export interface ItemEnvelope<T> {
  data: T;
}

/** Wraps a query's page of rows (`{ rows, total, limit, offset }`) as a list answer of DTOs. */
export function listEnvelope<R, T>(
  page: { rows: R[]; total: number; limit: number; offset: number },
  toDto: (row: R) => T,
): ListEnvelope<T> {
  return { data: page.rows.map(toDto), page: { limit: page.limit, offset: page.offset, total: page.total } };
}

/** A complete, unpaged list (an invoice's payments, the caller's organisations) in the same envelope. */
export function wholeListEnvelope<R, T>(rows: R[], toDto: (row: R) => T): ListEnvelope<T> {
  return { data: rows.map(toDto), page: { limit: rows.length, offset: 0, total: rows.length } };
}
