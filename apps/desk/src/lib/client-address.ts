/** The address the request came from, or null where the adapter cannot tell (a prerender, a test). */
export function clientAddressOf(context: { clientAddress: string }): string | null {
  try {
    return context.clientAddress || null;
  } catch {
    return null;
  }
}
