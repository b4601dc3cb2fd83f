// Groups conversations by how long ago they last changed, in the reader's own time zone, as chat apps do:
// Today, Yesterday, Previous 7 days, Older. The input is newest first, so each group stays newest first.

const DAY_MS = 24 * 60 * 60 * 1000;
const NAMES = ['Today', 'Yesterday', 'Previous 7 days', 'Older'];

function startOfDay(time) {
  const day = new Date(time);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** The group of a moment, seen from `now`. */
export function groupOf(updatedAt, now = Date.now()) {
  const today = startOfDay(now);
  const time = Date.parse(updatedAt);
  if (Number.isNaN(time) || time >= today) return NAMES[0];
  if (time >= today - DAY_MS) return NAMES[1];
  if (time >= today - 7 * DAY_MS) return NAMES[2];
  return NAMES[3];
}

/** [{ name, items }] in the order above, leaving out empty groups. */
export function groupByDay(summaries, now = Date.now()) {
  const groups = NAMES.map((name) => ({ name, items: [] }));
  for (const summary of summaries) {
    groups[NAMES.indexOf(groupOf(summary.updatedAt, now))].items.push(summary);
  }
  return groups.filter((group) => group.items.length > 0);
}
