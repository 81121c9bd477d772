// Rate limits that protect the hub itself: sign-in brute force and connect calls per organisation.
export { CONNECT_LIMITS, takeConnectAttempt, TooManyConnectAttemptsError } from "./connect-limiter";
export { retryAfterText } from "./retry-after";
export { recordSignInFailure, recordSignInSuccess, SIGN_IN_LIMITS, signInGate, type SignInGate } from "./sign-in-limiter";
