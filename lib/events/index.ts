/**
 * Domain events and the transactional outbox (DESIGN.md, "Outbox relay"): emit() in the
 * change's transaction, a relay hands committed events to the job driver, consumers run once
 * per event.
 */
export {
  eventCatalog, eventPayloadJsonSchema, eventTypes, eventTypesByResource, isEventType, resourceOf, sampleWebhookPayload,
  type DomainEvent, type EventPayload, type EventType,
} from "./catalog";
export { emit, emitAll, type EmitInput } from "./emit";
export { registerConsumer, consumersOf, dispatchEvent, dispatchEvents, type ConsumerContext, type EventConsumer } from "./consumers";
export { drainOutbox } from "./drain";
export { relayToRemote, sendToInngest, startOutboxRelay, type OutboxRelay } from "./relay";
