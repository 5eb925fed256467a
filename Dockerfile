# The influencegraph image: one static binary (CGO off, so it needs no C
# library) on a small base, run as a non-root user. The knowledge base, the
# relation model, the query library and the picture's assets are embedded in
# the binary (go:embed), so the image holds nothing else of the project.
#
#   make image                      # docker or podman, tagged IMAGE:VERSION and IMAGE:latest
#   docker build -t influencegraph .
#   docker run --rm -v "$PWD/examples:/articles:ro" influencegraph extract /articles
#
# The runtime stage is Alpine rather than scratch or distroless because the
# Kubernetes example (deploy/kubernetes/cronjob.yaml) computes its shard in
# /bin/sh; ca-certificates lets neo4j+s:// and bolt+s:// verify Aura's and
# other servers' certificates. The user's uid (65532) is the one the
# CronJob's securityContext names.

# GO_VERSION is go.mod's go line (make image passes it); keep the default in step.
ARG GO_VERSION=1.26.8
ARG ALPINE_VERSION=3.22

FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
# Modules first, so that a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -buildvcs=false \
	-ldflags "-s -w -X main.version=${VERSION}" \
	-o /out/influencegraph ./cmd/influencegraph

FROM alpine:${ALPINE_VERSION}
RUN apk add --no-cache ca-certificates \
	&& addgroup -S -g 65532 influencegraph \
	&& adduser -S -D -H -u 65532 -G influencegraph -h /nonexistent -s /sbin/nologin influencegraph
COPY --from=build /out/influencegraph /usr/local/bin/influencegraph
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["/usr/local/bin/influencegraph"]
CMD ["--help"]
