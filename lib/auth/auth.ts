import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { accounts, sessions, users, verificationTokens } from "@/drizzle/schema";
import { getDb } from "@/lib/db/client";
import { verifyCredentials } from "./credentials";
import { authSecret } from "./secret";

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
    // Credentials sign-in only works with JWT sessions; the token carries the user id (`sub`).
    session: { strategy: "jwt" },
    secret: authSecret(),
    trustHost: true,
    pages: { signIn: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: async (credentials) => verifyCredentials(db, credentials),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
