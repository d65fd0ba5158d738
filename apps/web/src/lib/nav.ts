import type { SectionRef } from '@newsroom/domain';
import { api } from './api';

/**
 * The sections for the site's navigation, in their editorial order. A page starts this call
 * together with its own so the client sends both in one batch; if it fails the page still
 * renders, with a header that links home only.
 */
export async function navSections(): Promise<SectionRef[]> {
  try {
    return (await api.section.list.query()).map(({ slug, name }) => ({ slug, name }));
  } catch {
    return [];
  }
}
