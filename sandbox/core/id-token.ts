import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";

/**
 * Signs OpenID Connect id_tokens (RS256) with a key pair made when the sandbox starts, and
 * publishes the public half as a JWKS. Real clients (openid-client inside xero-node,
 * intuit-oauth's validateIdToken) verify id_tokens against the issuer's jwks_uri, so the
 * sandbox must sign for real rather than hand out opaque strings.
 */
export class IdTokenSigner {
  readonly kid = `sandbox-${randomUUID().slice(0, 8)}`;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" }));
    this.publicJwk = { ...publicKey.export({ format: "jwk" }), kid: this.kid, alg: "RS256", use: "sig" };
  }

  /** A compact JWS over `claims`; `iat` and `exp` (1 hour) are added when absent. */
  sign(claims: Record<string, unknown>): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", kid: this.kid, typ: "JWT" };
    const body = { iat: now, exp: now + 3600, ...claims };
    const input = `${b64(header)}.${b64(body)}`;
    const signature = sign("RSA-SHA256", Buffer.from(input), this.privateKey).toString("base64url");
    return `${input}.${signature}`;
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [this.publicJwk] };
  }
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
