/**
 * The reader's address as the site's server sees it, or null where there is none (Astro's
 * container in tests throws instead of answering).
 */
export function clientAddressOf(astro: { readonly clientAddress: string }): string | null {
  try {
    return astro.clientAddress || null;
  } catch {
    return null;
  }
}
