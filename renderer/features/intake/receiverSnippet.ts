// The receiver an operator pastes into alertmanager.yml for a new intake token.

export const INTAKE_PATH = '/intake/alertmanager';

/** This console's intake URL when it is served over HTTP; otherwise a placeholder to fill in. */
export function intakeUrlFor(location: { protocol: string; host: string }): string {
  const origin =
    location.protocol === 'http:' || location.protocol === 'https:'
      ? `${location.protocol}//${location.host}`
      : 'http://HOST:PORT';
  return `${origin}${INTAKE_PATH}`;
}

/** YAML for Alertmanager 0.2x: a webhook receiver that sends the token as a bearer credential. */
export function receiverSnippet(url: string, token: string): string {
  return [
    'receivers:',
    '  - name: mirqab',
    '    webhook_configs:',
    `      - url: ${url}`,
    '        send_resolved: true',
    '        http_config:',
    '          authorization:',
    `            credentials: ${token}`,
    '',
  ].join('\n');
}
