import { getTableColumns, getTableName, is, SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/lib/db/client";
import { executePrepared } from "@/lib/db/prepared";

/**
 * A page of rows written as ONE statement with ONE parameter: the rows travel as a JSON array and
 * Postgres unpacks them with `json_to_recordset`, typed by the table's own column types. Drizzle's
 * multi-row `values()` builds a parameter (and a SQL chunk) per cell, which for a 1,000-invoice page
 * (tens of thousands of cells) cost more CPU than the database's write itself. Columns are the
 * Drizzle table's; JS-side defaults (`$defaultFn`) are applied as Drizzle would; returned rows are
 * mapped back to the table's typed shape.
 */
type Row = Record<string, unknown>;
type Columns = Record<string, PgColumn>;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** A column's type as a record field (serials are their integer type there). */
const fieldType = (c: PgColumn) => ({ serial: "integer", bigserial: "bigint", smallserial: "smallint" } as Record<string, string>)[c.getSQLType()] ?? c.getSQLType();

/**
 * Each row with Drizzle's insert defaults applied ($defaultFn, else $onUpdateFn), keyed by column
 * name. A column with a database default that some rows leave out gets that default: a literal
 * one in the JSON, an SQL one (`now()`) through `coalesce` in `fill` when the column is NOT NULL
 * (where a null could not be meant); a nullable one must be given in every row or in none.
 */
function encode(columns: Columns, rows: Row[]): { keys: string[]; json: string; fill: Map<string, SQL> } {
  const keys = Object.keys(columns).filter((k) => {
    const c = columns[k]!;
    return rows.some((r) => r[k] !== undefined) || !!c.defaultFn || (!c.hasDefault && !!c.onUpdateFn);
  });
  const fill = new Map<string, SQL>();
  const literal = new Map<string, unknown>();
  for (const k of keys) {
    const c = columns[k]!;
    if (!c.hasDefault || c.defaultFn || rows.every((r) => r[k] !== undefined)) continue;
    if (!is(c.default, SQL)) literal.set(k, c.default);
    else if (c.notNull) fill.set(c.name, c.default);
    else throw new Error(`bulkInsert: "${c.name}" has a database default and is nullable; give it in every row or in none.`);
  }
  const out = rows.map((r) => {
    const o: Row = {};
    for (const k of keys) {
      const c = columns[k]!;
      let v = r[k];
      if (v === undefined) v = c.defaultFn ? c.defaultFn() : literal.has(k) ? literal.get(k) : !c.hasDefault && c.onUpdateFn ? c.onUpdateFn() : null;
      o[c.name] = v instanceof Date ? v.toISOString() : v;
    }
    return o;
  });
  return { keys, json: JSON.stringify(out), fill };
}

/** Maps a returned row (column names, driver values) to the table's typed shape. */
function decode(columns: Columns, row: Row): Row {
  const out: Row = {};
  for (const [k, c] of Object.entries(columns)) {
    const v = row[c.name];
    out[k] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
  }
  return out;
}

export interface BulkOptions {
  /** ON CONFLICT target (columns); without it a conflict is an error. */
  target?: PgColumn[];
  /** Columns (Drizzle keys) overwritten from the new row on conflict, and extra assignments. */
  update?: string[];
  set?: Record<string, SQL>;
  /** Only rows for which this holds are updated on conflict. */
  where?: SQL;
}

/** INSERT … ON CONFLICT of `rows` in one statement; returns the written rows (typed) when `returning`. */
export async function bulkInsert<T extends PgTable>(tx: DbOrTx, table: T, rows: Partial<T["$inferInsert"]>[], opts: BulkOptions & { returning: true }): Promise<T["$inferSelect"][]>;
export async function bulkInsert<T extends PgTable>(tx: DbOrTx, table: T, rows: Partial<T["$inferInsert"]>[], opts?: BulkOptions & { returning?: false }): Promise<void>;
export async function bulkInsert<T extends PgTable>(tx: DbOrTx, table: T, rows: Partial<T["$inferInsert"]>[], opts: BulkOptions & { returning?: boolean } = {}): Promise<T["$inferSelect"][] | void> {
  if (!rows.length) return opts.returning ? [] : undefined;
  const columns = getTableColumns(table) as Columns;
  const { keys, json, fill } = encode(columns, rows as Row[]);
  const names = keys.map((k) => columns[k]!.name);
  const select = names.map((n) => (fill.has(n) ? sql`coalesce(${sql.raw(`x.${ident(n)}`)}, ${fill.get(n)!})` : sql.raw(`x.${ident(n)}`)));
  const types = keys.map((k) => `${ident(columns[k]!.name)} ${fieldType(columns[k]!)}`).join(", ");
  const parts: SQL[] = [
    sql.raw(`insert into ${ident(getTableName(table))} (${names.map(ident).join(", ")}) select `), sql.join(select, sql`, `),
    // json, not jsonb: read once, the text needs no conversion to jsonb first (2,000 lines: 17-19 ms
    // against 25-32 ms unpacked from jsonb, psql on this machine).
    sql` from json_to_recordset(${json}::json)`, sql.raw(` as x(${types})`),
  ];
  if (opts.target) {
    const assignments: SQL[] = (opts.update ?? []).map((k) => sql.raw(`${ident(columns[k]!.name)} = excluded.${ident(columns[k]!.name)}`));
    for (const [k, v] of Object.entries(opts.set ?? {})) assignments.push(sql`${sql.raw(ident(columns[k]!.name))} = ${v}`);
    parts.push(sql.raw(` on conflict (${opts.target.map((c) => ident(c.name)).join(", ")}) `));
    parts.push(assignments.length ? sql`do update set ${sql.join(assignments, sql`, `)}` : sql`do nothing`);
    if (opts.where && assignments.length) parts.push(sql` where ${opts.where}`);
  }
  if (!opts.returning) {
    await executePrepared(tx, sql.join(parts));
    return;
  }
  parts.push(sql.raw(" returning *"));
  // Prepared (lib/db/prepared.ts): a page's bulk writes go back to back on its connection.
  const res = (await executePrepared(tx, sql.join(parts))) as Row[] | { rows: Row[] };
  const saved = Array.isArray(res) ? res : res.rows;
  return saved.map((r) => decode(columns, r)) as T["$inferSelect"][];
}

/**
 * `column = any(values)` with ONE parameter: the values travel as one Postgres array literal, cast
 * to the column's type. Drizzle's `inArray` builds a parameter (and a SQL chunk) per value, and the
 * driver then describes and binds each one: for the 1,000-id lookups of a sync page that was a
 * fifth of the hub's CPU in a 100,000-invoice pull. No values: false.
 */
export function inList(column: PgColumn, values: readonly (string | number)[]): SQL {
  if (!values.length) return sql`false`;
  const literal = `{${values.map((v) => `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
  return sql`${column} = any(${literal}::${sql.raw(fieldType(column))}[])`;
}
