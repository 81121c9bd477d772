// Every page request: a fresh CSP nonce. Next.js reads the nonce from the request's
// Content-Security-Policy header and puts it on its own scripts; the root layout passes it to
// next-themes' inline script. API routes get their headers from next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { actionBodyRefusal } from "@/lib/security/action-body-limit";
import { contentSecurityPolicy, newNonce, servedOverHttps } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  // Page POSTs are server actions: an oversized body gets 413 here, not a 500 from Next.
  const refusal = actionBodyRefusal(request.method, request.headers);
  if (refusal) {
    return new NextResponse(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: servedOverHttps() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not API routes, static chunks, image optimisation or the favicon.
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
