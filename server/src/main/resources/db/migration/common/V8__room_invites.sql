-- Room invites live beside read-only share links: the same token scheme, owner, revocation and cascade on the
-- conversation's deletion. kind tells them apart ('share' or 'room'); expires_at (epoch millis, null: never) ends an
-- invite without revoking it. Existing rows are shares that never expire. Depends only on V7.
ALTER TABLE share_links ADD COLUMN kind TEXT NOT NULL DEFAULT 'share';
ALTER TABLE share_links ADD COLUMN expires_at BIGINT;
