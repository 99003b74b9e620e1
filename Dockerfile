# One image for every Tongxin service; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json .npmrc ./
COPY packages/common/package.json packages/common/
COPY packages/identity/package.json packages/identity/
COPY packages/console/package.json packages/console/
COPY packages/platform/package.json packages/platform/
COPY subgraphs/persons/package.json subgraphs/persons/
COPY subgraphs/organizations/package.json subgraphs/organizations/
COPY subgraphs/activities/package.json subgraphs/activities/
COPY subgraphs/evaluation/package.json subgraphs/evaluation/
COPY gateway/package.json gateway/
RUN npm ci --no-audit --no-fund
COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
# The console is built here (vite is a development dependency) and served by the gateway from
# packages/console/dist once TONGXIN_CONSOLE_ISSUER names the department's OpenID provider.
RUN npx tsc -b packages/platform && npm run -s build -w @tongxin/console && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
USER node
# The gateway by default, with its heap capped as gateway/src/node-options.ts explains.
CMD ["node", "--max-old-space-size=512", "--initial-old-space-size=128", "gateway/dist/main.js"]
