// Signed per Standard Webhooks; one generic receiver for the automation tools.
export { describe, handle } from "../automation-webhooks";
