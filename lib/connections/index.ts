// The connection manager: connect (OAuth2 / fields), refresh, health, disconnect, key rotation.
// Free of Next.js imports; routes and pages call these with a Tenant.
export { IntegrationError, integrationErrorCodes, isIntegrationError, type IntegrationErrorCode } from "./errors";
export { resolveEndpoints, providersMode, type ProviderEndpoints } from "./endpoints";
export { startAuthorization, completeAuthorization, stateOrganisationId, chooseAccount, pendingAccounts, STATE_TTL_MS, type CallbackOutcome } from "./oauth-flow";
export { connectWithFields, fieldsSchema } from "./connect-fields";
export { getAccessToken, getCredentials, refreshConnection, REFRESH_AHEAD_MS, MAX_REFRESH_FAILURES } from "./refresh";
export { testConnection, runHealthChecks, type HealthResult } from "./health";
export { disconnect } from "./disconnect";
export { listCatalog, getIntegrationStatus, updateSettings, categoryLabels, type CatalogEntry, type IntegrationStatus } from "./catalog";
export { rotateKeys, type RotationReport } from "./rotate-keys";
export { toConnectionView, type ConnectionView } from "./view";
