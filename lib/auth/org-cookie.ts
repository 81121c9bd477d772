/** The cookie holding the active organisation id; always re-checked against memberships. */
export const ORG_COOKIE = "hub-org";

/** Cookie options for ORG_COOKIE: not readable by scripts, sent on same-site navigation. */
export const orgCookieOptions = {
  httpOnly: true,
  sameSite: "lax" as const,
  secure: process.env.NODE_ENV === "production",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
};
