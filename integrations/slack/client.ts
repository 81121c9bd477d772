import { WebClient } from "@slack/web-api";
import type { ProviderEndpoints } from "@/lib/connections/endpoints";

/** The official Slack Web API client, pointed at the effective API base through `slackApiUrl`. */
export function slackClient(token: string, endpoints: ProviderEndpoints): WebClient {
  return new WebClient(token, {
    slackApiUrl: endpoints.apiBaseUrl ?? "https://slack.com/api/",
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
}
