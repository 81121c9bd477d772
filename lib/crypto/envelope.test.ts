import { describe, expect, it } from "vitest";
import { decrypt, decryptJson, encrypt, encryptJson, keyVersionOf } from "./envelope";
import { generateKey, parseKeyring } from "./keyring";

const v1 = parseKeyring(generateKey(1));
const v2v1 = parseKeyring([generateKey(2), generateKey(1)].join(","));

describe("credential envelope", () => {
  it("round-trips and never contains the plaintext", () => {
    const env = encrypt("xoxb-super-secret-token", "conn-1", v1);
    expect(env).not.toContain("xoxb");
    expect(decrypt(env, "conn-1", v1)).toBe("xoxb-super-secret-token");
    expect(keyVersionOf(env)).toBe(1);
  });

  it("uses a fresh IV, so the same secret encrypts differently each time", () => {
    expect(encrypt("same", "a", v1)).not.toBe(encrypt("same", "a", v1));
  });

  it("refuses a ciphertext moved to another row (AAD binds it)", () => {
    const env = encryptJson({ accessToken: "t" }, "conn-1", v1);
    expect(() => decryptJson(env, "conn-2", v1)).toThrow();
  });

  it("refuses a tampered ciphertext", () => {
    const env = encrypt("secret", "conn-1", v1);
    const parts = env.split(".");
    const ct = Buffer.from(parts[3], "base64url");
    ct[0] ^= 1;
    parts[3] = ct.toString("base64url");
    expect(() => decrypt(parts.join("."), "conn-1", v1)).toThrow();
  });

  it("encrypts under the newest key and still reads rows written under an older one", () => {
    const ring = v2v1;
    const old = encrypt("old secret", "c", [ring[1]]);
    expect(keyVersionOf(old)).toBe(1);
    expect(decrypt(old, "c", ring)).toBe("old secret");
    expect(keyVersionOf(encrypt("new", "c", ring))).toBe(2);
  });

  it("says which key is missing when a row's key was dropped", () => {
    const old = encrypt("x", "c", v1);
    expect(() => decrypt(old, "c", parseKeyring(generateKey(3)))).toThrow(/v1 is not in HUB_ENCRYPTION_KEYS/);
  });
});

describe("keyring parsing", () => {
  it("rejects malformed rings with a clear message", () => {
    expect(() => parseKeyring("nonsense")).toThrow(/HUB_ENCRYPTION_KEYS is invalid/);
    expect(() => parseKeyring(`v1:${Buffer.alloc(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() => parseKeyring([generateKey(1), generateKey(1)].join(","))).toThrow(/repeats/);
  });
});
