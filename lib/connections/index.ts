// The connection manager: connect (OAuth2 / fields), refresh, health, disconnect, key rotation.
// Free of Next.js imports. A connection is an id; everything that acts on one takes the
// AccessContext (organisation + actor) and the connection's id.
export { IntegrationError, integrationErrorCodes, isIntegrationError, type IntegrationErrorCode } from "./errors";
export { resolveEndpoints, providersMode, type ProviderEndpoints } from "./endpoints";
export { startAuthorization, completeAuthorization, stateOrganisationId, STATE_TTL_MS, type CallbackOutcome } from "./oauth-flow";
export { chooseAccounts, pendingAccounts, type PendingAccount } from "./pending";
export { connectWithFields, fieldsSchema } from "./connect-fields";
export { getAccessToken, getCredentials, refreshConnection, REFRESH_AHEAD_MS, MAX_REFRESH_FAILURES } from "./refresh";
export { testConnection, runHealthChecks, type HealthResult } from "./health";
export { disconnect, type DisconnectResult } from "./disconnect";
export { listCatalog, getIntegrationStatus, categoryLabels, type CatalogEntry, type IntegrationStatus } from "./catalog";
export { updateConnectionDetails, updateSettings, defaultConnectionId, getConnection, listConnections, connectionPatchSchema, settingsSchema } from "./manage";
export { allowsSeveralConnections } from "./account-policy";
export { rotateKeys, type RotationReport } from "./rotate-keys";
export { toConnectionView, type ConnectionView } from "./view";
