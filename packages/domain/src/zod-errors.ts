import type { ZodError } from 'zod';

/**
 * One line that names each wrong field and says why, for API errors, start-up configuration
 * and the CLI alike: "slug: required (string); limit: limit must be at most 100".
 */
export function issuesLine(error: ZodError, maxIssues = 5): string {
  const shown = error.issues.slice(0, maxIssues).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'input';
    return `${where}: ${plainMessage(issue.message)}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** zod's default messages start with "Invalid input:", which says nothing the caller does not know. */
function plainMessage(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  if (missing) return `required (${missing[1]})`;
  return message.replace(/^Invalid input: /, '');
}
