import type { FieldIssue } from "./problem";
import { findLeaf, unstorableText, type RawInputs } from "./input-paths";

/**
 * The fields both Postgres drivers put on a server error: postgres.js (`PostgresError`:
 * `column_name`, `constraint_name`, `table_name`) and PGlite (pg-protocol's `DatabaseError`:
 * `column`, `constraint`, `table`). Drizzle wraps either in a `DrizzleQueryError` whose `cause`
 * is the driver's error, so detection walks the cause chain and looks at shape, not class.
 */
export interface PgServerError {
  /** SQLSTATE, e.g. `23505`, `22P02`. */
  code: string;
  message: string;
  detail?: string;
  column?: string;
  constraint?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The Postgres server error inside `err` (itself or a cause), or null. */
export function findPgError(err: unknown): PgServerError | null {
  let cur: unknown = err;
  for (let depth = 0; depth < 6 && cur && typeof cur === "object"; depth++) {
    const e = cur as Record<string, unknown>;
    const looksLikeServerError = typeof e.code === "string" && SQLSTATE.test(e.code) && ("severity" in e || "routine" in e);
    if (looksLikeServerError) {
      const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
      return {
        code: e.code as string,
        message: str(e.message) ?? "",
        detail: str(e.detail),
        column: str(e.column_name) ?? str(e.column),
        constraint: str(e.constraint_name) ?? str(e.constraint),
      };
    }
    cur = e.cause;
  }
  return null;
}

/** What the API answers for a data or constraint error that got past validation. */
export interface DbInputProblem {
  status: 400;
  code: "invalid_input" | "constraint_violation";
  detail: string;
  errors?: FieldIssue[];
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const details: Record<string, string> = {
  "22001": "A value is longer than the hub can store.",
  "22003": "A number is larger than the hub can store.",
  "22007": "A date or time is not valid.",
  "22008": "A date is outside the range the hub accepts.",
  "22021": "Text contains a character that cannot be stored (such as a NUL byte).",
  "22P05": "Text contains a character that cannot be stored (such as a NUL byte).",
  "22P02": "A value is not in the expected format.",
  "23502": "A required value is missing.",
  "23503": "A referenced record does not exist.",
  "23505": "A record with this value already exists.",
  "23514": "A value breaks one of the hub's rules.",
};

/** The column a constraint error names: the error's column, else the first key column in its detail. */
function columnOf(e: PgServerError): string | undefined {
  if (e.column) return e.column;
  // "Key (customer_id)=(…) is not present…" / "Key (organisation_id, number)=(…) already exists."
  const cols = /Key \(([^)]+)\)=/.exec(e.detail ?? "")?.[1]?.split(",").map((c) => c.trim());
  return cols?.find((c) => c !== "organisation_id") ?? cols?.[0];
}

/** The input field that carried the offending value of a data error, when the message quotes it. */
function fieldOfValue(e: PgServerError, inputs: RawInputs) {
  if (e.code === "22021" || e.code === "22P05") {
    return findLeaf(inputs, (v) => typeof v === "string" && unstorableText(v) !== null);
  }
  // e.g. `date/time field value out of range: "0000-01-01"`, `value "1e+30" is out of range for type bigint`
  const quoted = /"([^"]*)"/.exec(e.message)?.[1];
  if (quoted === undefined) return undefined;
  return findLeaf(inputs, (v) => (typeof v === "string" || typeof v === "number") && String(v) === quoted);
}

/**
 * Maps a Postgres data exception (class 22) or integrity violation (class 23) to a 400 problem,
 * naming the field where the error lets us tell it; null for anything else (a real 500).
 */
export function dbInputProblem(err: unknown, inputs: RawInputs = {}): DbInputProblem | null {
  const e = findPgError(err);
  if (!e || !(e.code.startsWith("22") || e.code.startsWith("23"))) return null;
  const integrity = e.code.startsWith("23");
  const detail = details[e.code] ?? (integrity ? "The change breaks a data rule." : "A value is not valid.");
  let issue: FieldIssue | undefined;
  if (integrity) {
    const col = columnOf(e);
    if (col) issue = { in: "body", path: camel(col), message: detail };
  } else {
    const leaf = fieldOfValue(e, inputs);
    if (leaf) issue = { in: leaf.in, path: leaf.path, message: detail };
  }
  return {
    status: 400,
    code: integrity ? "constraint_violation" : "invalid_input",
    detail,
    ...(issue ? { errors: [issue] } : {}),
  };
}
