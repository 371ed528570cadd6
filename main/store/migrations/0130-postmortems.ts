import type { Migration } from './types.ts';

// Postmortems: one per incident, its Markdown sections as JSON (re-validated on read), the review
// (named reviewers and their decisions, comments), each published revision kept as it was, action
// items tracked to closure, and the site's rule for when a postmortem is required. Times are ms
// since the epoch (UTC); due dates are calendar days in the site's zone (YYYY-MM-DD).
export const migration0130: Migration = {
  version: 130,
  name: 'postmortems',
  up(db) {
    db.exec(`
      CREATE TABLE postmortems (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents (id),
        title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'published')),
        revision INTEGER NOT NULL DEFAULT 1,
        author TEXT NOT NULL,
        sections TEXT NOT NULL,
        model TEXT,
        model_version TEXT,
        slos TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        published_at INTEGER,
        published_by TEXT
      ) STRICT;
      CREATE INDEX postmortems_state ON postmortems (state, updated_at);

      CREATE TABLE postmortem_reviewers (
        postmortem_id INTEGER NOT NULL REFERENCES postmortems (id),
        username TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('pending', 'approved', 'changes_requested')),
        comment TEXT,
        decided_at INTEGER,
        PRIMARY KEY (postmortem_id, username)
      ) STRICT;

      CREATE TABLE postmortem_comments (
        id INTEGER PRIMARY KEY,
        postmortem_id INTEGER NOT NULL REFERENCES postmortems (id),
        author TEXT NOT NULL,
        at INTEGER NOT NULL,
        text TEXT NOT NULL,
        section TEXT
      ) STRICT;
      CREATE INDEX postmortem_comments_postmortem ON postmortem_comments (postmortem_id, at, id);

      CREATE TABLE postmortem_revisions (
        postmortem_id INTEGER NOT NULL REFERENCES postmortems (id),
        revision INTEGER NOT NULL,
        title TEXT NOT NULL,
        sections TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        published_by TEXT NOT NULL,
        PRIMARY KEY (postmortem_id, revision)
      ) STRICT;

      CREATE TABLE postmortem_action_items (
        id INTEGER PRIMARY KEY,
        postmortem_id INTEGER NOT NULL REFERENCES postmortems (id),
        title TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_date TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'wont_do')),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX postmortem_action_items_postmortem ON postmortem_action_items (postmortem_id);
      CREATE INDEX postmortem_action_items_open ON postmortem_action_items (status, due_date);

      CREATE TABLE postmortem_policy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        budget_threshold_percent REAL NOT NULL CHECK (budget_threshold_percent > 0 AND budget_threshold_percent <= 100)
      ) STRICT;
      INSERT INTO postmortem_policy (id, budget_threshold_percent) VALUES (1, 20);
    `);
  },
};
