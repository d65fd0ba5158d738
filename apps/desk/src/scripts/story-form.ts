import type { Block, Image, SourceCredit } from '@newsroom/domain';
import type { StoryFields } from '../lib/story-fields';

export interface BodySource {
  getBody(): Block[];
  /** Blocks the body cannot hold as they are (a picture without an address): nothing is saved until fixed. */
  problems(): string[];
  setBody(body: Block[]): void;
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

function input(id: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The story page has no #${id}`);
  return element as HTMLInputElement;
}

/**
 * When a field is read: as it is now, or as the server sent it. Someone may type before the
 * page's script runs; what the server sent is what it already has, so that typing is saved.
 */
export type FormMoment = 'now' | 'as-served';

function fieldValue(
  element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  moment: FormMoment,
): string {
  if (moment === 'now') return element.value;
  if (element instanceof HTMLSelectElement) {
    const options = [...element.options];
    return (options.find((option) => option.defaultSelected) ?? options[0])?.value ?? '';
  }
  return element.defaultValue;
}

/** The story's fields as the page shows them (now, or as served), in the shape a save sends. */
export function readStoryForm(body: BodySource, moment: FormMoment = 'now'): StoryFields {
  const field = (id: string) => fieldValue(input(id), moment);
  const slugsIn = (listId: string) =>
    [...document.querySelectorAll<HTMLElement>(`#${listId} > li[data-slug]`)].map(
      (li) => li.dataset.slug ?? '',
    );
  return {
    headline: field('headline'),
    standfirst: orNull(field('standfirst')),
    slug: field('slug').trim(),
    sectionSlug: orNull(field('section')),
    tagSlugs: slugsIn('tag-list'),
    authorSlugs: slugsIn('byline-list'),
    dateline: orNull(field('dateline')),
    language: field('language').trim(),
    heroImage: readHero(field),
    sources: readSources(moment),
    seoTitle: orNull(field('seo-title')),
    seoDescription: orNull(field('seo-description')),
    body: body.getBody(),
  };
}

function readHero(field: (id: string) => string): Image | null {
  const src = field('hero-src').trim();
  if (!src) return null;
  return {
    src,
    alt: field('hero-alt'),
    caption: orNull(field('hero-caption')),
    credit: orNull(field('hero-credit')),
    width: Number(field('hero-width')) || 0,
    height: Number(field('hero-height')) || 0,
  };
}

/** Rows still without a name are being typed and are not sent. */
function readSources(moment: FormMoment): SourceCredit[] {
  return [...document.querySelectorAll<HTMLElement>('#source-list > li')].flatMap((row) => {
    const field = (selector: string) => {
      const element = row.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
      return element ? fieldValue(element, moment) : null;
    };
    const name = field('.source-name') ?? '';
    if (!name.trim()) return [];
    const type = (field('.source-type') ?? 'wire') as SourceCredit['type'];
    const url = field('.source-url')?.trim() ?? '';
    return [{ name, type, url: url || null }];
  });
}

/** Puts a whole state on the page: the other version taken in a conflict, or a restored copy. */
export function writeStoryForm(fields: StoryFields, body: BodySource, names: NameBook): void {
  input('headline').value = fields.headline;
  input('standfirst').value = fields.standfirst ?? '';
  input('slug').value = fields.slug;
  input('section').value = fields.sectionSlug ?? '';
  input('dateline').value = fields.dateline ?? '';
  input('language').value = fields.language;
  input('hero-src').value = fields.heroImage?.src ?? '';
  input('hero-alt').value = fields.heroImage?.alt ?? '';
  input('hero-caption').value = fields.heroImage?.caption ?? '';
  input('hero-credit').value = fields.heroImage?.credit ?? '';
  input('hero-width').value = fields.heroImage ? String(fields.heroImage.width) : '';
  input('hero-height').value = fields.heroImage ? String(fields.heroImage.height) : '';
  input('seo-title').value = fields.seoTitle ?? '';
  input('seo-description').value = fields.seoDescription ?? '';
  replaceChildren(
    'tag-list',
    fields.tagSlugs.map((slug) => chip(slug, names.tag(slug), 'tag')),
  );
  replaceChildren(
    'byline-list',
    fields.authorSlugs.map((slug) => byline(slug, names.author(slug))),
  );
  replaceChildren(
    'source-list',
    fields.sources.map((source) => sourceRow(source)),
  );
  body.setBody(fields.body);
}

/** The names the page knows for tag and author slugs (from its datalist and select). */
export interface NameBook {
  tag(slug: string): string;
  author(slug: string): string;
}

export function nameBookOfPage(): NameBook {
  const lookup = (selector: string, slug: string) => {
    for (const option of document.querySelectorAll<HTMLOptionElement>(selector)) {
      if ((option.dataset.slug ?? option.value) === slug)
        return option.dataset.slug ? option.value : option.text;
    }
    return slug;
  };
  return {
    tag: (slug) => lookup('#tag-options option', slug),
    author: (slug) => lookup('#byline-add option', slug),
  };
}

function replaceChildren(listId: string, items: HTMLElement[]): void {
  document.getElementById(listId)?.replaceChildren(...items);
}

function button(text: string, className: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `secondary ${className}`;
  b.textContent = text;
  b.setAttribute('aria-label', label);
  return b;
}

export function chip(slug: string, name: string, what: 'tag'): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.slug = slug;
  const span = document.createElement('span');
  span.textContent = name;
  li.append(span, button('×', 'remove', `Remove ${what} ${name}`));
  return li;
}

export function byline(slug: string, name: string): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.slug = slug;
  const span = document.createElement('span');
  span.textContent = name;
  li.append(
    span,
    button('↑', 'move-up', `Move ${name} up`),
    button('↓', 'move-down', `Move ${name} down`),
    button('×', 'remove', `Remove ${name}`),
  );
  return li;
}

let sourceRows = 0;
/** A source's row from the page's template, its labels tied to fresh ids. */
export function sourceRow(source?: SourceCredit): HTMLLIElement {
  const template = document.getElementById('source-template') as HTMLTemplateElement;
  const li = (template.content.firstElementChild as HTMLLIElement).cloneNode(true) as HTMLLIElement;
  sourceRows += 1;
  const labels = li.querySelectorAll('label');
  const fields = [
    li.querySelector('.source-name'),
    li.querySelector('.source-type'),
    li.querySelector('.source-url'),
  ];
  fields.forEach((field, i) => {
    if (!field) return;
    field.id = `source-new-${sourceRows}-${i}`;
    labels[i]?.setAttribute('for', field.id);
  });
  if (source) {
    (fields[0] as HTMLInputElement).value = source.name;
    (fields[1] as HTMLSelectElement).value = source.type;
    (fields[2] as HTMLInputElement).value = source.url ?? '';
  }
  li.querySelector('.remove')?.setAttribute('aria-label', `Remove source ${source?.name ?? ''}`.trim());
  return li;
}
