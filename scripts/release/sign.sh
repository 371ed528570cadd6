#!/bin/sh
# Sign a release folder with the site's key: writes SHA256SUMS (every file in the folder) and a
# detached signature of it, SHA256SUMS.sig (openssl, PEM private key) or SHA256SUMS.asc (gpg).
# Usage: sign.sh DIR --key SITE_KEY.pem     |     sign.sh DIR --gpg KEY_ID
set -eu
usage() { echo "usage: sign.sh DIR --key PRIVATE_KEY.pem | --gpg KEY_ID" >&2; exit 2; }
[ $# -eq 3 ] || usage
dir=$1 mode=$2 key=$3
[ -d "$dir" ] || { echo "sign.sh: $dir is not a folder" >&2; exit 2; }
case $mode in
  --key) [ -r "$key" ] || { echo "sign.sh: cannot read the key $key" >&2; exit 2; } ;;
  --gpg) ;;
  *) usage ;;
esac
key_path=$(cd "$(dirname "$key")" 2>/dev/null && pwd)/$(basename "$key")
cd "$dir"
rm -f SHA256SUMS SHA256SUMS.sig SHA256SUMS.asc
# Every regular file, sorted, by its path inside the folder.
find . -type f ! -name SHA256SUMS ! -name 'SHA256SUMS.*' -print | sed 's|^\./||' | LC_ALL=C sort |
  while IFS= read -r file; do sha256sum -- "$file"; done >SHA256SUMS
[ -s SHA256SUMS ] || { echo "sign.sh: $dir holds no files to sign" >&2; exit 2; }
if [ "$mode" = --key ]; then
  openssl dgst -sha256 -sign "$key_path" -out SHA256SUMS.sig SHA256SUMS
  echo "signed $(wc -l <SHA256SUMS) files: $dir/SHA256SUMS and $dir/SHA256SUMS.sig"
else
  gpg --batch --yes --armor --local-user "$key" --output SHA256SUMS.asc --detach-sign SHA256SUMS
  echo "signed $(wc -l <SHA256SUMS) files: $dir/SHA256SUMS and $dir/SHA256SUMS.asc"
fi
