/**
 * Whether an error (or its cause) is a unique violation on `table.column`: SQLite names it in
 * the message ("UNIQUE constraint failed: people.email"), PostgreSQL in the detail
 * ("Key (email)=(…) already exists", SQLSTATE 23505). A concurrent writer can take a value
 * between a repository's check and its insert; this turns that into the check's own error.
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, message, detail, cause } = current as {
      code?: unknown;
      message?: unknown;
      detail?: unknown;
      cause?: unknown;
    };
    if (typeof message === 'string' && message.includes(`UNIQUE constraint failed: ${table}.${column}`)) {
      return true;
    }
    if (code === '23505' && typeof detail === 'string' && detail.startsWith(`Key (${column})=`)) return true;
    current = cause;
  }
  return false;
}
