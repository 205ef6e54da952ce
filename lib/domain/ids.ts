// Record ids come from URLs, bound form arguments and API bodies, so they are untrusted text. Ours are cuids and
// UUIDs; anything else (a NUL byte, a path, 10 kB of text) cannot name a record and must read as "not found"
// before it reaches the database, which would fail on some of them (PostgreSQL refuses NUL in text).

const PLAUSIBLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `id` has the shape of a record id (cuid, UUID): 1–64 letters, digits, "_" or "-". */
export function isPlausibleId(id: unknown): id is string {
  return typeof id === "string" && PLAUSIBLE_ID.test(id);
}
