/**
 * Slack's request signing: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<ts>:<raw body>">`
 * with the app's signing secret, plus `X-Slack-Request-Timestamp`.
 */
import { createHmac } from "node:crypto";

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signedHeaders(signingSecret: string, body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
}
