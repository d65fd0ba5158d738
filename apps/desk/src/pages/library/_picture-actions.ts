import { limits } from '@newsroom/domain';
import type { DeskClient } from '../../lib/api';
import { type CallFailure, failureOf } from '../../lib/api-errors';
import { fieldOf } from '../../lib/form';

/** What a POST to a picture's page did: where to go next, or what failed. */
export type PictureOutcome = { kind: 'redirect'; to: string } | { kind: 'failed'; failure: CallFailure };

const refused = (message: string): PictureOutcome => ({
  kind: 'failed',
  failure: { status: 400, message, fields: {}, code: null },
});

/** A focal point field: a percentage from 0 to 100, as a fraction. */
function fraction(form: FormData, name: string): number | null {
  const text = fieldOf(form, name, 20).trim();
  const value = Number(text);
  return text !== '' && Number.isFinite(value) && value >= 0 && value <= 100 ? value / 100 : null;
}

/**
 * A picture page's forms: "save" describes the picture (alt text, caption, credit) and sets its
 * focal point (percentages across and down, which a click on the picture fills in); "delete"
 * removes it once the box is ticked, which the API refuses while a story uses it.
 */
export async function pictureAction(api: DeskClient, hash: string, form: FormData): Promise<PictureOutcome> {
  try {
    switch (fieldOf(form, 'action', 40)) {
      case 'save': {
        const x = fraction(form, 'focalX');
        const y = fraction(form, 'focalY');
        if (x === null || y === null)
          return refused('The focal point is a percentage from 0 to 100, across and down.');
        const optional = (name: string, max: number) => fieldOf(form, name, max + 1).trim() || null;
        await api.media.update.mutate({
          id: hash,
          alt: fieldOf(form, 'alt', limits.imageAlt + 1),
          caption: optional('caption', limits.caption),
          credit: optional('credit', limits.credit),
          focal: { x, y },
        });
        return { kind: 'redirect', to: `/library/${hash}?saved=1` };
      }
      case 'delete': {
        if (fieldOf(form, 'confirm', 10) !== 'yes') return refused('Tick the box to delete the picture.');
        await api.media.delete.mutate({ id: hash });
        return { kind: 'redirect', to: '/library?deleted=1' };
      }
      default:
        return refused('The desk does not know that form.');
    }
  } catch (error) {
    return { kind: 'failed', failure: failureOf(error) };
  }
}
