-- Who wrote a user message in a room: the member's name, kept apart from the text so pages can show it and the
-- model can be told it ("NAME: text") without anyone parsing it back out. Null for the owner's messages and for
-- every message outside rooms (all messages written before this migration).
ALTER TABLE messages ADD COLUMN author TEXT;
-- A room invite's rule: 'every' (the model answers each member's message) or 'mentioned' (only those that mention
-- @model). Null for read-only shares, and for invites made before this migration (they answered every message).
ALTER TABLE share_links ADD COLUMN answers TEXT;
