import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";

/** The root sends signed-in users to their dashboard and everyone else to sign in. */
export default async function Home() {
  redirect((await getCurrentUser()) ? "/dashboard" : "/sign-in");
}
