#!/bin/sh
# Verify a release folder before installing anything from it: first the signature of SHA256SUMS
# with the site's public key (obtained beforehand, never from the folder itself), then every file's
# checksum. Exits non-zero, naming the problem, on any mismatch or missing file.
# Usage: verify.sh DIR --pubkey SITE_KEY.pub.pem     |     verify.sh DIR --gpg-keyring SITE.gpg
set -eu
usage() { echo "usage: verify.sh DIR --pubkey PUBLIC_KEY.pem | --gpg-keyring KEYRING" >&2; exit 2; }
[ $# -eq 3 ] || usage
dir=$1 mode=$2 key=$3
[ -r "$key" ] || { echo "verify.sh: cannot read $key" >&2; exit 2; }
key_path=$(cd "$(dirname "$key")" && pwd)/$(basename "$key")
cd "$dir" || exit 2
[ -f SHA256SUMS ] || { echo "verify.sh: $dir has no SHA256SUMS" >&2; exit 1; }
case $mode in
  --pubkey)
    [ -f SHA256SUMS.sig ] || { echo "verify.sh: $dir has no SHA256SUMS.sig" >&2; exit 1; }
    if ! openssl dgst -sha256 -verify "$key_path" -signature SHA256SUMS.sig SHA256SUMS >/dev/null; then
      echo "verify.sh: SHA256SUMS is NOT signed by this key; install nothing from $dir" >&2
      exit 1
    fi
    ;;
  --gpg-keyring)
    [ -f SHA256SUMS.asc ] || { echo "verify.sh: $dir has no SHA256SUMS.asc" >&2; exit 1; }
    if ! gpgv --keyring "$key_path" SHA256SUMS.asc SHA256SUMS 2>/dev/null; then
      echo "verify.sh: SHA256SUMS is NOT signed by this keyring; install nothing from $dir" >&2
      exit 1
    fi
    ;;
  *) usage ;;
esac
if ! sha256sum --quiet --strict -c SHA256SUMS; then
  echo "verify.sh: files above do not match SHA256SUMS; install nothing from $dir" >&2
  exit 1
fi
echo "verified: the signature and $(wc -l <SHA256SUMS) files in $dir"
