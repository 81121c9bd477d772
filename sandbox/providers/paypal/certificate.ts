/**
 * A self-signed X.509 certificate for the key the PayPal emulator signs webhooks with, served at
 * PAYPAL-CERT-URL as PayPal serves its own. node:crypto reads certificates (X509Certificate) but
 * cannot write them, so the few DER structures of RFC 5280 a certificate needs are encoded here
 * and the TBSCertificate is signed with node:crypto. Tests parse the result with X509Certificate.
 */
import { sign, type KeyObject } from "node:crypto";

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const int = (hex: string) => tlv(0x02, Buffer.from(hex, "hex"));
const nul = () => Buffer.from([0x05, 0x00]);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const groups = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
};
/** UTCTime (YYMMDDHHMMSSZ), valid for dates before 2050 as RFC 5280 requires. */
const utcTime = (d: Date) => tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z"));
const name = (cn: string, o: string, c: string) => seq(
  set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(cn)))),
  set(seq(oid("2.5.4.10"), tlv(0x0c, Buffer.from(o)))),
  set(seq(oid("2.5.4.6"), tlv(0x13, Buffer.from(c)))),
);

const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

/** A v3 certificate for `publicKey`, issued by itself and signed with SHA256withRSA, as PEM. */
export function selfSignedCertificate(keys: { privateKey: KeyObject; publicKey: KeyObject }, commonName: string, now = new Date()): string {
  const subject = name(commonName, "Hub Sandbox", "US");
  const algorithm = seq(oid(SHA256_WITH_RSA), nul());
  const day = 86_400_000;
  const tbs = seq(
    tlv(0xa0, int("02")), // version: v3
    int("0a51b0c1"),
    algorithm,
    subject, // issuer: itself
    seq(utcTime(new Date(now.getTime() - day)), utcTime(new Date(now.getTime() + 365 * day))),
    subject,
    keys.publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", tbs, keys.privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString("base64").match(/.{1,64}/g)!.join("\n");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
