# Shell functions shared by the .deb maintainer scripts and the .rpm scriptlets (POSIX sh).
MIRQAB_USER=mirqab-agent
MIRQAB_STATE=/var/lib/mirqab-agent
MIRQAB_IDENTITY=/var/lib/mirqab-agent/identity

# A system user and group of its own, with no shell and no home of its own to log in to.
mirqab_create_user() {
  getent group "$MIRQAB_USER" >/dev/null || groupadd --system "$MIRQAB_USER"
  getent passwd "$MIRQAB_USER" >/dev/null || useradd --system --gid "$MIRQAB_USER" \
    --home-dir "$MIRQAB_STATE" --no-create-home --shell /usr/sbin/nologin \
    --comment "Mirqab host agent" "$MIRQAB_USER"
}

# The only folders the service may write (its unit's ReadWritePaths), private to its user.
mirqab_create_dirs() {
  install -d -o root -g "$MIRQAB_USER" -m 0750 "$MIRQAB_STATE"
  install -d -o "$MIRQAB_USER" -g "$MIRQAB_USER" -m 0700 "$MIRQAB_STATE/spool" "$MIRQAB_IDENTITY"
}

mirqab_as_agent_user() {
  if command -v runuser >/dev/null 2>&1; then
    runuser -u "$MIRQAB_USER" -- "$@"
  else
    su -s /bin/sh "$MIRQAB_USER" -c '"$0" "$@"' -- "$@"
  fi
}

# First install only: the agent's key, certificate and one-time pairing code, printed here.
mirqab_first_init() {
  if [ -e "$MIRQAB_IDENTITY/agent.json" ]; then
    echo "mirqab-agent: keeping the identity in $MIRQAB_IDENTITY"
    return 0
  fi
  if ! mirqab_as_agent_user /usr/bin/mirqab-agent init --dir "$MIRQAB_IDENTITY"; then
    echo "mirqab-agent: init failed; run: sudo -u $MIRQAB_USER mirqab-agent init --dir $MIRQAB_IDENTITY" >&2
    return 0
  fi
  echo "Print the code again with: sudo -u $MIRQAB_USER mirqab-agent pairing-code --dir $MIRQAB_IDENTITY"
  echo "Next: edit /etc/mirqab-agent.yaml, then: sudo systemctl enable --now mirqab-agent"
}

mirqab_systemd() {
  [ -d /run/systemd/system ] || return 0
  systemctl "$@" || true
}
