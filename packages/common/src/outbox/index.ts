export * from './outbox';
export * from './outbox-event.base';
export * from './publish-rows';
