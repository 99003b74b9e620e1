/** Today's date in China (UTC+8, no daylight saving), `YYYY-MM-DD`: the register's calendar. */
export function todayInChina(now: number = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Escapes a user's text for `LIKE … ESCAPE '!'` (portable between MySQL and SQLite). */
export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
