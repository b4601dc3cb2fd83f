-- Thinking models: the reasoning a reply was written after (shown to its user, never sent back to the model), and a
-- conversation's thinking choice (on, off, low, medium, high, max; NULL for the model's default). Both nullable, so
-- rows written before this migration need nothing.
ALTER TABLE messages ADD COLUMN thinking TEXT;
ALTER TABLE conversations ADD COLUMN think TEXT;
