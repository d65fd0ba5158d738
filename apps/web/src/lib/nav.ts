import type { SectionRef } from '@newsroom/domain';
import { menuApi } from './api';

/**
 * The sections for the site's navigation, in their editorial order, asked for on its own so
 * that the page files it under `navigation` only (lib/page-keys.ts); if it fails the page
 * still renders, with a header that links home only.
 */
export async function navSections(): Promise<SectionRef[]> {
  try {
    return (await menuApi.section.list.query()).map(({ slug, name }) => ({ slug, name }));
  } catch {
    return [];
  }
}
