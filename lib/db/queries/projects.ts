import { desc, eq } from "drizzle-orm";
import { projects } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { isCleanText } from "@/lib/accounting/fields";
import type { Page } from "@/lib/accounting/schemas";
import { emit } from "@/lib/events/emit";
import { projectEvent } from "@/lib/events/work";
import { projectCreateSchema, projectUpdateSchema, type ProjectCreateInput, type ProjectUpdateInput } from "@/lib/work/schemas";
import { countWhere } from "./pagination";
import { ownCustomer, withCustomerNames, workListQuerySchema, type WorkListQuery } from "./work-items";

/** A project row. */
export type Project = typeof projects.$inferSelect;
export type ProjectListRow = Project & { customerName: string | null };

/** The organisation's projects, newest first. */
export async function listProjects(db: DbOrTx, ctx: QueryScope, query: WorkListQuery = {}): Promise<Page<ProjectListRow>> {
  const { limit, offset } = workListQuerySchema.parse(query);
  const where = scoped(projects, ctx);
  const [rows, total] = await Promise.all([
    db.select().from(projects).where(where).orderBy(desc(projects.createdAt), desc(projects.id)).limit(limit).offset(offset),
    countWhere(db, projects, where),
  ]);
  return { rows: await withCustomerNames(db, ctx, rows), total, limit, offset };
}

async function projectRow(db: DbOrTx, ctx: QueryScope, id: string, lock = false): Promise<Project> {
  // An id with NUL or a lone surrogate cannot be sent to Postgres; it names no project.
  if (!isCleanText(id)) throw new NotFoundError("Project not found");
  const query = db.select().from(projects).where(scoped(projects, ctx, eq(projects.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("Project not found");
  return row;
}

/** One project with its customer's name; NotFoundError for other organisations. */
export async function getProject(db: DbOrTx, ctx: QueryScope, id: string): Promise<ProjectListRow> {
  const [row] = await withCustomerNames(db, ctx, [await projectRow(db, ctx, id)]);
  return row!;
}

/** Creates an active project; emits project.created in the same transaction. */
export async function createProject(db: DbOrTx, ctx: QueryScope, input: ProjectCreateInput): Promise<Project> {
  const data = projectCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const customer = await ownCustomer(tx, ctx, data.customerId);
    const [row] = await tx.insert(projects).values({ ...data, customerId: customer?.id ?? null, organisationId: ctx.organisationId }).returning();
    await emit(tx, projectEvent("project.created", row!));
    return row!;
  });
}

/** Changes a project's name, description or customer; emits project.updated. */
export async function updateProject(db: DbOrTx, ctx: QueryScope, id: string, input: ProjectUpdateInput): Promise<Project> {
  const data = projectUpdateSchema.parse(input);
  // Absent keys stay untouched, not written as NULL.
  const patch = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as Partial<Project>;
  if (Object.keys(patch).length === 0) return projectRow(db, ctx, id);
  return db.transaction(async (tx) => {
    await projectRow(tx, ctx, id, true);
    if (data.customerId !== undefined) patch.customerId = (await ownCustomer(tx, ctx, data.customerId))?.id ?? null;
    const [row] = await tx.update(projects).set(patch).where(scoped(projects, ctx, eq(projects.id, id))).returning();
    await emit(tx, projectEvent("project.updated", row!));
    return row!;
  });
}

/** active → completed; emits project.completed. A completed project stays completed. */
export async function completeProject(db: DbOrTx, ctx: QueryScope, id: string): Promise<Project> {
  return db.transaction(async (tx) => {
    const current = await projectRow(tx, ctx, id, true);
    if (current.status !== "active") {
      throw new AccountingRuleError("invalid_transition", `Only an active project can be completed; this project is ${current.status}.`);
    }
    const [row] = await tx
      .update(projects)
      .set({ status: "completed", completedAt: new Date() })
      .where(scoped(projects, ctx, eq(projects.id, id)))
      .returning();
    await emit(tx, projectEvent("project.completed", row!));
    return row!;
  });
}
