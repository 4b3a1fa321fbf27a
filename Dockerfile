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
# npm's download cache lives in a build cache mount: reused across builds, never in a layer.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
  npm ci --no-audit --no-fund --ignore-scripts \
  && npx tsc -b tsconfig.build.json \
  # Every workspace manifest, so the next stage can `npm ci` the same workspace layout. Written
  # byte for byte the same while the manifests are (times zeroed), so the next stage's layers stay
  # cached across code changes that leave the dependencies alone.
  && mkdir /deps && cp package-lock.json /deps/ \
  && find . -name package.json -not -path './node_modules/*' -not -path '*/node_modules/*' \
    | sort | tar --mtime=@0 --owner=0 --group=0 --numeric-owner -cf /deps/manifests.tar -T - \
  && touch -d @0 /deps /deps/*

FROM ${NODE_IMAGE} AS prod-deps
ARG SERVICE
WORKDIR /app
COPY --from=build /deps/ /tmp/deps/
# Only this service's, the kit's and the contracts' production dependencies (the operator's
# Kubernetes client, for one, stays out of every other image).
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
  test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<service>" && exit 1) \
  && tar -xf /tmp/deps/manifests.tar && mv /tmp/deps/package-lock.json . && rm -rf /tmp/deps \
  && npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
    --workspace "services/${SERVICE}" --workspace packages/kit --workspace packages/contracts

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<service>" && exit 1) \
  # npm and corepack are build tools: the image runs `node` only.
  && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
    /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ENV NODE_ENV=production \
  GOMALL_SERVICE=${SERVICE}
WORKDIR /app
# The whole installed tree: the root node_modules and the workspaces' own nested node_modules
# (npm keeps a workspace's dependency there when the root holds another version of it), with every
# workspace manifest; then the compiled code of the kit, the contracts and this service only.
COPY --from=prod-deps /app/ ./
COPY --from=build /src/packages/kit/dist ./packages/kit/dist
COPY --from=build /src/packages/contracts/dist ./packages/contracts/dist
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
