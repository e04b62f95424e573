# One image for every role; the command picks it (workers/all.ts, intake.ts, notify.ts, http.ts).
# Node 22 is the LTS in .nvmrc, the one CI runs.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY templates ./templates
# The operator's commands: admin:create, customer:forget, reports:rebuild (docs/docker.md).
COPY scripts ./scripts
# Seeded into MongoDB: the screening configuration (first start) and the labelled mails the
# classifier learns from (whenever they change).
COPY config ./config
COPY data/classify/train ./data/classify/train
USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "workers/all.ts"]
