// Shared building blocks.
export * from './address';
export * from './card';
export * from './error';
export * from './fields';
export * from './page';
export * from './product-ids';
// The public API (/api/v1): bodies, queries, answers; one module per area.
export * from './api/admin-ops';
export * from './api/admin-users';
export * from './api/cart';
export * from './api/catalog';
export * from './api/checkout';
export * from './api/orders';
export * from './api/users';
// Between services: what one is asked by another, beyond the public shapes.
export * from './internal/access-tokens';
export * from './internal/audit';
export * from './internal/auth';
export * from './internal/cart';
export * from './internal/order';
export * from './internal/payment';
export * from './internal/product';
export * from './internal/user';
// The services: names, app ids, ports, calls, topics.
export * from './catalogue';
// Event payloads.
export * from './events';
// Internal operations per callee: method, path, body, query and answer of each call, once.
export * from './operations/operation';
export * from './operations/auth';
export * from './operations/cart';
export * from './operations/checkout';
export * from './operations/order';
export * from './operations/payment';
export * from './operations/product';
export * from './operations/user';
