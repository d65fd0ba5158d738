import { slugify } from '@newsroom/domain';
import { byline, chip, sourceRow } from './story-form';

/**
 * The story's lists beside the text: tags (existing ones by name, or a new one with its type),
 * bylines in order, sources and credits; and the hero picture's size, read from the picture.
 * Each change is reported through `changed`, like typing.
 */
export function startStoryLists(changed: () => void, csrf: string): void {
  const tagList = document.getElementById('tag-list');
  const bylineList = document.getElementById('byline-list');
  const sourceList = document.getElementById('source-list');

  // Remove and move buttons, for rows present at load and rows added later.
  for (const list of [tagList, bylineList, sourceList]) {
    list?.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('button') : null;
      const row = target?.closest('li');
      if (!target || !row) return;
      if (target.classList.contains('remove')) {
        const next = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector('button');
        row.remove();
        (next ?? list.parentElement?.querySelector('input, select'))?.focus();
      } else if (target.classList.contains('move-up') && row.previousElementSibling) {
        row.previousElementSibling.before(row);
        target.focus();
      } else if (target.classList.contains('move-down') && row.nextElementSibling) {
        row.nextElementSibling.after(row);
        target.focus();
      } else {
        return;
      }
      changed();
    });
  }

  const tagInput = document.getElementById('tag-add') as HTMLInputElement | null;
  const tagType = document.getElementById('tag-type') as HTMLSelectElement | null;
  const tagError = document.getElementById('tag-error');
  const addTag = async () => {
    if (!tagInput || !tagList || !tagError) return;
    const name = tagInput.value.trim();
    tagError.hidden = true;
    if (!name) return;
    const known = [...document.querySelectorAll<HTMLOptionElement>('#tag-options option')].find(
      (option) => option.value.toLowerCase() === name.toLowerCase(),
    );
    let slug = known?.dataset.slug;
    let shown = known?.value ?? name;
    if (!slug) {
      const response = await fetch('/stories/new-tag', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ name, type: tagType?.value ?? 'topic' }),
      }).catch(() => null);
      const answer = (await response?.json().catch(() => null)) as {
        slug?: string;
        name?: string;
        message?: string;
      } | null;
      if (!response?.ok || !answer?.slug) {
        tagError.textContent = answer?.message ?? 'The tag could not be made: try again.';
        tagError.hidden = false;
        return;
      }
      slug = answer.slug;
      shown = answer.name ?? name;
      const option = document.createElement('option');
      option.value = shown;
      option.dataset.slug = slug;
      document.getElementById('tag-options')?.append(option);
    }
    if (![...tagList.querySelectorAll<HTMLElement>('li')].some((li) => li.dataset.slug === slug)) {
      tagList.append(chip(slug, shown, 'tag'));
      changed();
    }
    tagInput.value = '';
    tagInput.focus();
  };
  document.getElementById('tag-add-button')?.addEventListener('click', () => void addTag());
  tagInput?.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void addTag();
    }
  });

  const bylineSelect = document.getElementById('byline-add') as HTMLSelectElement | null;
  document.getElementById('byline-add-button')?.addEventListener('click', () => {
    const option = bylineSelect?.selectedOptions[0];
    if (!option || !bylineList) return;
    if ([...bylineList.querySelectorAll<HTMLElement>('li')].some((li) => li.dataset.slug === option.value))
      return;
    bylineList.append(byline(option.value, option.text));
    changed();
  });

  document.getElementById('source-add')?.addEventListener('click', () => {
    const row = sourceRow();
    sourceList?.append(row);
    row.querySelector('input')?.focus();
  });

  // A story never published takes its address from the headline until someone types one.
  const headline = document.getElementById('headline') as HTMLInputElement | null;
  const slug = document.getElementById('slug') as HTMLInputElement | null;
  if (headline && slug && slug.dataset.follows === 'headline') {
    let following = slug.value === slugify(headline.value);
    slug.addEventListener('input', () => {
      following = false;
    });
    headline.addEventListener('input', () => {
      const proposed = slugify(headline.value);
      if (following && proposed) slug.value = proposed;
    });
  }

  // A picture's size comes from the picture itself, so nobody has to type it.
  const heroSrc = document.getElementById('hero-src') as HTMLInputElement | null;
  heroSrc?.addEventListener('change', () => {
    const width = document.getElementById('hero-width') as HTMLInputElement;
    const height = document.getElementById('hero-height') as HTMLInputElement;
    const image = new Image();
    image.addEventListener('load', () => {
      width.value = String(image.naturalWidth);
      height.value = String(image.naturalHeight);
      changed();
    });
    image.src = heroSrc.value;
  });
}
