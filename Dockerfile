# syntax=docker/dockerfile:1
# One Dockerfile for every Gomall service: `docker build --build-arg SERVICE=product .`
# Stages: build (all deps, TypeScript compile) → prod-deps (the service's production dependencies) →
# runtime (the service's dist, the kit, the contracts and production node_modules; no npm, no
# compiler, non-root).
# `--target dev` adds `node --watch` so Tilt's live_update can sync compiled files and restart.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund --ignore-scripts \
  && npx tsc -b tsconfig.build.json \
  # Every workspace manifest, so the next stage can `npm ci` the same workspace layout.
  && find . -name package.json -not -path './node_modules/*' -not -path '*/node_modules/*' \
    | tar -cf /tmp/manifests.tar -T -

FROM ${NODE_IMAGE} AS prod-deps
ARG SERVICE
WORKDIR /app
COPY --from=build /src/package-lock.json ./
COPY --from=build /tmp/manifests.tar /tmp/
# Only this service's, the kit's and the contracts' production dependencies (the operator's Kubernetes client,
# for one, stays out of every other image).
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<service>" && exit 1) \
  && tar -xf /tmp/manifests.tar && rm /tmp/manifests.tar \
  && npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
    --workspace "services/${SERVICE}" --workspace packages/kit --workspace packages/contracts \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<service>" && exit 1) \
  # npm and corepack are build tools: the image runs `node` only.
  && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
    /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ENV NODE_ENV=production \
  GOMALL_SERVICE=${SERVICE}
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/package.json ./
COPY --from=build /src/packages/kit/package.json ./packages/kit/
COPY --from=build /src/packages/kit/dist ./packages/kit/dist
COPY --from=build /src/packages/contracts/package.json ./packages/contracts/
COPY --from=build /src/packages/contracts/dist ./packages/contracts/dist
COPY --from=build /src/services/${SERVICE}/package.json ./services/${SERVICE}/
COPY --from=build /src/services/${SERVICE}/dist ./services/${SERVICE}/dist
# The chart runs `node services/<service>/dist/migrate.js` for migrations; main.js starts the app.
RUN printf 'require("./services/%s/dist/index.js");\n' "${SERVICE}" > main.js
# Numeric, so Kubernetes' runAsNonRoot can verify it (the chart runs as 10001 too).
USER 10001:10001
EXPOSE 8080
CMD ["node", "main.js"]

FROM runtime AS dev
# A development image: the services accept their development defaults (JWT key, first admin),
# which they refuse under NODE_ENV=production.
ENV NODE_ENV=development
# Restarts the app when Tilt syncs new compiled files into dist/.
CMD ["node", "--watch", "main.js"]

FROM runtime
