import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { accounts, sessions, users, verificationTokens } from "@/drizzle/schema";
import { getDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { bumpSessionVersion } from "@/lib/db/queries/users";
import { authSecret } from "./secret";
import { attemptSignIn, clientAddressOf } from "./sign-in-check";
import { isSessionCurrent } from "./session-version";

/**
 * Thrown from authorize() while sign-in is locked. Its `code` (which Auth.js also puts in the
 * redirect URL) is `locked-<seconds>`: it says when to retry and nothing about the account.
 */
export class SignInLockedError extends CredentialsSignin {
  constructor(retryAfterMs: number) {
    super("Sign-in is locked for a while.");
    this.code = `locked-${Math.ceil(retryAfterMs / 1000)}`;
  }
}

/** Session lifetime: 12 hours, renewed (sliding) when a request comes more than an hour after the last renewal. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/**
 * Auth.js, configured lazily: the function runs on the first request, never at import, so
 * `next build` opens no database and needs no AUTH_SECRET.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Credentials sign-in only works with JWT sessions; the token carries the user id (`sub`)
    // and the user's session version (`sv`), checked against the database on every request.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    // `Secure` (and `__Secure-` prefixed) cookies whenever the hub is served over HTTPS.
    useSecureCookies: (process.env.AUTH_URL ?? process.env.HUB_PUBLIC_URL ?? "").startsWith("https://"),
    secret: authSecret(),
    trustHost: true,
    pages: { signIn: "/sign-in" },
    // Auth.js logs request details (callback URLs, bodies in debug): through the redactor.
    logger: {
      error: (error) => log.error("[auth]", error),
      warn: (code) => log.warn("[auth]", code),
      debug: (message, metadata) => log.info("[auth:debug]", message, metadata),
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: async (credentials, request) => {
          const result = await attemptSignIn(db, credentials, clientAddressOf(request?.headers));
          if (result.ok) return result.user;
          if (result.reason === "locked") throw new SignInLockedError(result.retryAfterMs);
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          return token;
        }
        // Every later read: a token from before a sign-out, password change or removal is void.
        return (await isSessionCurrent(db, token)) ? token : null;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-out ends every session of the user, not just this browser's cookie.
      async signOut(message) {
        const sub = "token" in message ? message.token?.sub : undefined;
        if (sub) await bumpSessionVersion(db, sub);
      },
    },
  };
});
