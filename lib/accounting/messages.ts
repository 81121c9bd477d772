/**
 * The one catalogue of field messages. Each names the field (as a person reads it) and the
 * limit, so forms and the API say the same thing: zod schemas set these as issue messages and
 * the API's error mapping passes issues' `message` and `path` through.
 */

const grouped = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 4 });

export const fieldMessage = {
  required: (field: string) => `${field} is required`,
  tooLong: (field: string, max: number) => `${field} must be at most ${grouped(max)} characters`,
  tooMany: (field: string, max: number, what: string) => `${field} must have at most ${grouped(max)} ${what}`,
  tooFew: (field: string, min: number, what: string) => `${field} must have at least ${grouped(min)} ${what}`,
  controlCharacters: (field: string) => `${field} must not contain control characters or invalid Unicode`,
  greaterThanZero: (field: string) => `${field} must be greater than 0`,
  notNegative: (field: string) => `${field} must not be negative`,
  atMost: (field: string, limit: string) => `${field} must be at most ${limit}`,
  between: (field: string, min: string, max: string) => `${field} must be between ${min} and ${max}`,
  decimals: (field: string, max: number) =>
    max === 0 ? `${field} must be a whole number` : `${field} must be a number with at most ${max} decimals`,
  number: (field: string) => `${field} must be a number such as 12.50`,
  wholeMinorUnits: (field: string) => `${field} must be a whole number of minor units (cents)`,
  date: (field: string) => `${field} must be a date as YYYY-MM-DD`,
  currency: (field: string) => `${field} must be an ISO 4217 currency code such as USD, EUR or JPY`,
  timeZone: (field: string) => `${field} must be an IANA time zone such as Europe/London`,
  email: (field: string) => `${field} must be a valid email address`,
  choose: (field: string) => `Choose a ${field.toLowerCase()}`,
  dueBeforeIssue: () => "Due date must be on or after the issue date",
  paymentInFuture: (latest: string) => `Payment date must not be in the future (latest ${latest})`,
} as const;
