import {
  AuthorSchema,
  limits,
  SectionSchema,
  SlugSchema,
  slugify,
  TagSchema,
  type tagTypes,
} from '@newsroom/domain';
import type { DeskClient } from '../lib/api';
import { type CallFailure, failureOf } from '../lib/api-errors';
import { fieldOf } from '../lib/form';

export type Noun = 'tag' | 'section' | 'author';

/** What a POST to a taxonomy room did: where to go next, or what failed and what was typed. */
export type TaxonomyOutcome =
  | { kind: 'redirect'; to: Record<string, string> }
  | {
      kind: 'failed';
      form: 'create' | 'update' | 'merge' | 'delete' | '';
      failure: CallFailure;
      values: Record<string, string>;
    };

const schemas = {
  tag: TagSchema.strict(),
  section: SectionSchema.strict(),
  author: AuthorSchema.strict(),
};

/** The text fields each kind's form sends, longest allowed first cut (the schema says the rest). */
const formFields: Record<Noun, readonly string[]> = {
  tag: ['name', 'slug', 'description', 'type'],
  section: ['name', 'slug', 'description', 'order'],
  author: ['name', 'slug', 'bio', 'avatar'],
};

/** What the person typed, to show again when the form is refused. */
function valuesOf(noun: Noun, form: FormData): Record<string, string> {
  return Object.fromEntries(
    formFields[noun].map((name) => [name, fieldOf(form, name, limits.description + 100)]),
  );
}

/** The item a create or update form describes, in the API's shape; empty optional text is none. */
function itemOf(noun: Noun, values: Record<string, string>, slugFallback: string) {
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  const name = values.name?.trim() ?? '';
  const slug = values.slug?.trim() || slugFallback || slugify(name);
  if (noun === 'tag') {
    return { slug, name, description: optional(values.description), type: values.type ?? 'topic' };
  }
  if (noun === 'section') {
    const order = values.order?.trim() ?? '';
    return { slug, name, description: optional(values.description), order: order === '' ? 0 : Number(order) };
  }
  return { slug, name, bio: optional(values.bio), avatar: optional(values.avatar) };
}

/** The domain's check of an item, as the first message for each field the form shows. */
function fieldErrorsOf(noun: Noun, item: ReturnType<typeof itemOf>): Record<string, string> {
  const fields: Record<string, string> = {};
  // zod's own words for a number out of range are for programmers.
  const order = 'order' in item ? (item.order ?? 0) : 0;
  if (!(Number.isInteger(order) && order >= 0 && order <= 10_000))
    fields.order = 'a whole number from 0 to 10000';
  const parsed = schemas[noun].safeParse(item);
  if (parsed.success) return fields;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    fields[field] ??= issue.message;
  }
  return fields;
}

const refused = (
  form: Extract<TaxonomyOutcome, { kind: 'failed' }>['form'],
  message: string,
  values: Record<string, string> = {},
  fields: Record<string, string> = {},
): TaxonomyOutcome => ({
  kind: 'failed',
  form,
  values,
  failure: { status: 400, message, fields, code: null },
});

/**
 * The forms of /tags, /sections and /authors, each named by its `action` field: create, update
 * (a new slug leaves a redirect from the old one), merge into another, delete. Editors only (the
 * API checks). The item is checked with the domain's schema first, so each field gets its own
 * message.
 */
export async function taxonomyAction(api: DeskClient, noun: Noun, form: FormData): Promise<TaxonomyOutcome> {
  const action = fieldOf(form, 'action', 40);
  const values = valuesOf(noun, form);
  const current = SlugSchema.safeParse(fieldOf(form, 'current', limits.slug + 1));
  try {
    switch (action) {
      case 'create': {
        const item = itemOf(noun, values, '');
        const fields = fieldErrorsOf(noun, item);
        if (Object.keys(fields).length > 0)
          return refused('create', 'Please correct the fields marked below.', values, fields);
        const created = await createItem(api, noun, item);
        return { kind: 'redirect', to: { done: 'created', slug: created.slug } };
      }
      case 'update': {
        if (!current.success) return refused('update', 'The desk does not know which one to change.', values);
        const item = itemOf(noun, values, current.data);
        const fields = fieldErrorsOf(noun, item);
        if (Object.keys(fields).length > 0)
          return refused('update', 'Please correct the fields marked below.', values, fields);
        const updated = await updateItem(api, noun, current.data, item);
        return updated.slug === current.data
          ? { kind: 'redirect', to: { edit: updated.slug, done: 'saved' } }
          : { kind: 'redirect', to: { edit: updated.slug, done: 'renamed', from: current.data } };
      }
      case 'merge': {
        const into = SlugSchema.safeParse(fieldOf(form, 'into', limits.slug + 1));
        if (!current.success) return refused('merge', 'The desk does not know which one to merge.');
        if (!into.success || into.data === current.data) {
          return refused(
            'merge',
            `Choose the ${noun} to merge it into.`,
            {},
            { into: `choose another ${noun}` },
          );
        }
        await api[noun].merge.mutate({ from: current.data, into: into.data });
        return { kind: 'redirect', to: { done: 'merged', slug: current.data, into: into.data } };
      }
      case 'delete': {
        if (!current.success) return refused('delete', 'The desk does not know which one to delete.');
        if (fieldOf(form, 'confirm', 10) !== 'yes') {
          return refused(
            'delete',
            'Tick the box to confirm, then delete.',
            {},
            { confirm: 'tick this box first' },
          );
        }
        await api[noun].delete.mutate({ slug: current.data });
        return { kind: 'redirect', to: { done: 'deleted', slug: current.data } };
      }
      default:
        return refused('', 'The desk does not know that form.');
    }
  } catch (error) {
    const form =
      action === 'create' || action === 'update' || action === 'merge' || action === 'delete' ? action : '';
    const failure = failureOf(error);
    if (failure.code === 'CONFLICT') failure.fields = { slug: 'another one has this slug' };
    return { kind: 'failed', form, values, failure };
  }
}

/** Each kind's create, typed by its own schema (the API checks again). */
function createItem(api: DeskClient, noun: Noun, item: ReturnType<typeof itemOf>) {
  if (noun === 'tag') return api.tag.create.mutate(schemas.tag.parse(item));
  if (noun === 'section') return api.section.create.mutate(schemas.section.parse(item));
  return api.author.create.mutate(schemas.author.parse(item));
}

function updateItem(api: DeskClient, noun: Noun, slug: string, item: ReturnType<typeof itemOf>) {
  if (noun === 'tag') return api.tag.update.mutate({ slug, patch: schemas.tag.parse(item) });
  if (noun === 'section') return api.section.update.mutate({ slug, patch: schemas.section.parse(item) });
  return api.author.update.mutate({ slug, patch: schemas.author.parse(item) });
}

/** The kinds of tag, in words. */
export const tagTypeWords: Record<(typeof tagTypes)[number], string> = {
  topic: 'Topic',
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
};

/** What the editor sees after a change, from the redirect's query. */
export function taxonomyDoneMessage(noun: Noun, params: URLSearchParams): string | null {
  const slug = (name: string) => {
    const parsed = SlugSchema.safeParse(params.get(name));
    return parsed.success ? parsed.data : null;
  };
  const one = noun === 'tag' ? 'tag' : noun === 'section' ? 'section' : 'author';
  switch (params.get('done')) {
    case 'created':
      return slug('slug') ? `The ${one} “${slug('slug')}” is created.` : null;
    case 'saved':
      return 'Saved.';
    case 'renamed':
      return slug('from') ? `Saved. Links to the old slug “${slug('from')}” lead here now.` : 'Saved.';
    case 'merged':
      return slug('slug') && slug('into')
        ? `“${slug('slug')}” is merged into “${slug('into')}”: its stories moved over, and its old links lead there.`
        : null;
    case 'deleted':
      return slug('slug') ? `The ${one} “${slug('slug')}” is deleted and taken off every story.` : null;
    default:
      return null;
  }
}
