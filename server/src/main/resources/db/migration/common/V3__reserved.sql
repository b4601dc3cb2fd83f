-- Placeholder on the message-versions branch only: version 3 is another change (a column for a reply's
-- thinking) made at the same time. When the branches meet, that script takes this number and this file goes.
-- One statement that changes nothing: every script has at least one (MigrationsTest).
SELECT 1;
