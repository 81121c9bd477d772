import { ZodError } from "zod";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { ForbiddenError, NotFoundError } from "@/lib/auth/tenant";
import { IntegrationError } from "@/lib/connections/errors";
import { dbInputProblem } from "./db-errors";
import type { RawInputs } from "./input-paths";
import { ApiError, problemBody, type FieldIssue, type InputLocation, type Problem } from "./problem";

/** zod issues as field issues in `where` (paths dotted: `lines.0.unitPrice`). */
export function zodIssues(err: ZodError, where: InputLocation): FieldIssue[] {
  // A refused record key (`invalid_key`) carries its reason one level down; "Invalid key in record" alone says nothing.
  return err.issues.map((i) => ({
    in: where,
    path: i.path.map(String).join("."),
    message: i.code === "invalid_key" && i.issues[0] ? i.issues[0].message : i.message,
  }));
}

/** An input problem (400 `invalid_input`) from a ZodError found in `where`. */
export function zodProblem(err: ZodError, where: InputLocation): Problem {
  const root = err.issues.find((i) => i.path.length === 0);
  return problemBody(400, "invalid_input", root?.message ?? "Some fields are invalid.", { errors: zodIssues(err, where) });
}

const INTERNAL_DETAIL = "Something went wrong on our side. Try again in a moment.";

/**
 * The one error mapping of the API. Known errors keep their status and a lower_snake code:
 * ApiError as thrown; NotFoundError 404 `not_found`; ForbiddenError 403 `forbidden`; ZodError
 * 400 `invalid_input` with field paths; AccountingRuleError 409 with its rule code and field;
 * IntegrationError its status, its code in lower_snake (`RATE_LIMITED` → `rate_limited`) and
 * `retryAfterSeconds`; a Postgres data/constraint error (SQLSTATE 22xxx/23xxx) 400 with the
 * field when it can be told. Anything else is a 500 whose detail is generic: the error is logged
 * on the server but never echoed, since it may carry SQL, tokens or stack traces.
 *
 * `inputs` (the request's raw body, query and path values) lets a database error name the field.
 */
export function errorToProblem(err: unknown, inputs: RawInputs = {}): Problem {
  if (err instanceof ApiError) return problemBody(err.status, err.code, err.message, { errors: err.errors, retryAfterSeconds: err.retryAfterSeconds });
  if (err instanceof NotFoundError) return problemBody(404, "not_found", err.message);
  if (err instanceof ForbiddenError) return problemBody(403, "forbidden", err.message);
  if (err instanceof ZodError) return zodProblem(err, "body");
  if (err instanceof AccountingRuleError) {
    const errors = err.field ? [{ in: "body" as const, path: err.field, message: err.message }] : undefined;
    return problemBody(409, err.code, err.message, { errors });
  }
  if (err instanceof IntegrationError) {
    return problemBody(err.status, err.code, err.message, { retryAfterSeconds: err.retryAfterSeconds });
  }
  const db = dbInputProblem(err, inputs);
  if (db) return problemBody(db.status, db.code, db.detail, { errors: db.errors });
  console.error("[hub] unhandled error in a route handler", err);
  return problemBody(500, "internal", INTERNAL_DETAIL);
}
