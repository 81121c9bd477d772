export * from "./envelope";
export * from "./keyring";
