import { index, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const roleEnum = pgEnum("role", ["owner", "admin", "member"]);

export const organisations = pgTable("organisations", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name").notNull(),
  /** IANA time zone ("Europe/London") in which "today", "this month" and overdue are reckoned. */
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull().default("member"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/**
 * An invitation to join an organisation: the link carries a random token, only its SHA-256 is
 * stored. Accepted or declined by the signed-in user whose email matches, revocable by owners,
 * valid for 7 days. At most one open invitation per organisation and email.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: roleEnum("role").notNull().default("member"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set once, when the invitation is accepted, declined or revoked. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    status: text("status", { enum: ["pending", "accepted", "declined", "revoked"] }).notNull().default("pending"),
  },
  (t) => [index("invitations_org_idx").on(t.organisationId), index("invitations_email_idx").on(t.email)],
);
