import { z } from "zod";

/** Route param of /api/connections/[id]/…: a connection id (a UUID); other orgs' ids answer 404 in lib. */
export const connectionParam = z.object({ id: z.uuid("id must be a connection id (a UUID)") });

const int = (name: string, min: number, max: number, fallback: number) =>
  z.coerce.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`).default(fallback);

/** GET /api/connections query: paging and filters. */
export const listQuery = z.object({
  provider: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "provider must be an integration id").optional(),
  includeDisconnected: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  limit: int("limit", 1, 100, 50),
  offset: int("offset", 0, 100_000, 0),
}).strict();

/** GET /api/connections/[id]/logs query: a page size and the cursor of the previous page. */
export const logsQuery = z.object({
  limit: int("limit", 1, 200, 50),
  before: z.string().max(200).optional(),
}).strict();

/** The logs cursor is "<ISO time>_<entry id>" of the previous page's last entry. */
export function parseCursor(before: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!before) return undefined;
  const m = /^(.+)_([0-9a-f-]{36})$/.exec(before);
  const at = m ? new Date(m[1]) : new Date(NaN);
  if (!m || Number.isNaN(at.getTime())) throw new z.ZodError([{ code: "custom", path: ["before"], message: "before must be the nextCursor of the previous page", input: before }]);
  return { createdAt: at, id: m[2] };
}

export const toCursor = (e: { createdAt: Date; id: string }) => `${e.createdAt.toISOString()}_${e.id}`;

export const queryOf = (req: Request) => Object.fromEntries(new URL(req.url).searchParams);
