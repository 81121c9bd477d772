// The outbound network guard: every connection to a user-supplied host or URL goes through here.
export { classifyAddress, findRefusal, NetworkRefusedError, policyFromEnv, refusalFor, refusalMessage, type AddressPolicy, type RefusalKind } from "./address-policy";
export { guardedDispatcher, guardedFetch, type GuardOptions } from "./guarded-fetch";
export { resolveAllowed, systemResolver, type ResolvedAddress, type Resolver } from "./resolve";
export { SMTP_PORTS, smtpTarget, type SmtpTarget } from "./smtp-target";
