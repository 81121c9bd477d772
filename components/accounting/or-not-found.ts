import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/auth/tenant";

/**
 * Awaits a query for a page and turns NotFoundError (missing, or another organisation's
 * record) into Next's 404 page; other errors go to the error boundary.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
