/// <reference types="@koa/bodyparser" preserve="true" />
/**
 * The kit's app parses JSON bodies with @koa/bodyparser, which adds `ctx.request.body` to Koa's
 * types. This directive survives into the kit's declarations, so every service that builds against
 * `@gomall/kit` sees that field too without depending on the body parser itself.
 */
export {};
