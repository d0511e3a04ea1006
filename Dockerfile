# syntax=docker/dockerfile:1
# The servetwin engine as a container image: `servetwin serve` on 0.0.0.0:8000 with the bundled
# model, and every other verb by name (`docker run IMAGE simulate …`), so the sweep's Indexed Job
# (export --to kubernetes-sweep) runs the same image. docs/scale-out.md says how to build and run it.
# test/docker runs the entrypoint this file declares, with its ENV, from the files image-files.mjs
# assembles; it reads this file, so keep the runtime stage's instructions simple (exec form).

# Debian (glibc): onnxruntime-node and @resvg/resvg-js ship glibc binaries, so not Alpine (musl).
ARG NODE_IMAGE=node:20.20-bookworm-slim

# ---- build: every dependency, the TypeScript build and the bundle --------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
# onnxruntime-node's install script only downloads CUDA libraries; its CPU binaries are in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: no dependency install scripts, and not our `prepare` (the sources come next).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# image-files.mjs keeps what runs: the bundle, the externals it loads and the model package, with
# this platform's onnxruntime binary only (~70 MB instead of the ~400 MB of `npm ci --omit=dev`).
RUN npm run build && node image-files.mjs /image/app

# ---- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
# The engine binds 127.0.0.1 by default; in a container the probes and the Service come from outside.
ENV NODE_ENV=production \
    SERVETWIN_HOST=0.0.0.0
COPY --from=build /image/app /app
# `servetwin` on the PATH, as the exported Deployments, Knative and KServe objects and the sweep's
# Jobs run it. bin/servetwin.js starts with `#!/usr/bin/env node`, and env execs node in its place:
# node is the container's PID 1 and gets SIGTERM itself (no shell, no npx in between).
RUN ln -s /app/bin/servetwin.js /usr/local/bin/servetwin
WORKDIR /app
# The base image's `node` user, by number so Kubernetes' runAsNonRoot can check it. /app stays root's.
USER 1000:1000
EXPOSE 8000
ENTRYPOINT ["servetwin"]
CMD ["serve"]
