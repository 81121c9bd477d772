import { createHash, randomBytes } from "node:crypto";

/** A connection's webhook URL token: 32 random bytes, base64url (43 characters). */
export const newToken = () => randomBytes(32).toString("base64url");

/** What is stored and looked up: the token's SHA-256 (the token itself is kept only encrypted). */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
