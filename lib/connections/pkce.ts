import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: the `state` sent to the provider and the PKCE verifier. */
export const randomToken = () => randomBytes(32).toString("base64url");

/** S256 code challenge (RFC 7636): base64url(SHA-256(verifier)). */
export const codeChallenge = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/** The oauth_states row id: SHA-256 of the state, so a database leak cannot replay a flow. */
export const stateId = (state: string) => createHash("sha256").update(state).digest("hex");
