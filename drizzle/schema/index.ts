export * from "./auth";
export * from "./organisations";
export * from "./accounting";
export * from "./jobs";
export * from "./integrations";
export * from "./events";
export * from "./inbound";
export * from "./outbound";
