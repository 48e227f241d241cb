// Who is asking, and through which channel: every audit record and guard decision names both.

/** An authenticated identity with its roles. Never a shared service identity. */
export interface Principal {
  /** Stable user id (e.g. `alice`, or the configured default local user). */
  id: string;
  /** Role names granted to this principal; the guard resolves them against the policy bundle. */
  roles: string[];
  displayName?: string;
}

/** Where a request came from. */
export type Channel = 'cli' | 'web' | 'api' | 'mattermost' | 'teams' | 'schedule' | 'system';
