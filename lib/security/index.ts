// Rate limits that protect the hub itself: sign-in brute force, connect calls per organisation, API-key requests.
export { API_KEY_LIMITS, takeApiKeyRequest } from "./api-key-limiter";
export { CONNECT_LIMITS, takeConnectAttempt, TooManyConnectAttemptsError } from "./connect-limiter";
export { retryAfterText } from "./retry-after";
export { recordSignInFailure, recordSignInSuccess, SIGN_IN_LIMITS, signInGate, type SignInGate } from "./sign-in-limiter";
