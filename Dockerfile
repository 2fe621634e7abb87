# The gateway's image: API, workers and the passerelle command (docs/operations.md).
# The base image is pinned by version; update it with the Node.js 20 security releases.
FROM node:20.19.5-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY contracts ./contracts
COPY tsconfig.json ./
COPY scripts/build.js ./scripts/build.js
# The demo bundle, for trying the image; a canton mounts its own at /policies (read-only).
COPY policies ./policies
# The processes run the build (plain JavaScript, no TypeScript loader in memory).
RUN node scripts/build.js

# Data (keys, and the embedded store if no database is set) lives in a volume that the
# image's user owns: a named volume takes this folder's owner when it is first mounted.
RUN mkdir -p /data /policies && chown node:node /data
ENV PASSERELLE_DATA_DIR=/data \
    PASSERELLE_POLICIES=/app/policies \
    PASSERELLE_HOST=0.0.0.0
VOLUME ["/data"]

USER node
EXPOSE 8080 9464
ENTRYPOINT ["node", "dist/bin/passerelle.js"]
CMD ["serve"]
