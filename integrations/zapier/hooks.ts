import { catchHookVerifier } from "@/lib/connections/catch-hook";
import manifest from "./manifest";

/** A live test ping to the hook before it is saved. */
export const verifyCredentials = catchHookVerifier(manifest.fields[0].pattern);
