# One image for every role; the command picks it (workers/all.ts, intake.ts, notify.ts, http.ts).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY templates ./templates
# Seeded into MongoDB: the screening configuration (first start) and the labelled mails the
# classifier learns from (whenever they change). The frozen test set's hash is not needed.
COPY config ./config
COPY data/classify/train ./data/classify/train
USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "workers/all.ts"]
