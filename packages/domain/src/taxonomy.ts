import { z } from 'zod';
import { MediaUrlSchema } from './blocks.js';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';

const name = z.string().trim().min(1, 'name must not be empty').max(limits.name);
const description = z.string().trim().max(limits.description).nullable().default(null);

export const tagTypes = ['topic', 'person', 'organization', 'place'] as const;
export const TagSchema = z.object({
  slug: SlugSchema,
  name,
  description,
  type: z.enum(tagTypes).default('topic'),
});
export type Tag = z.infer<typeof TagSchema>;
export type TagType = (typeof tagTypes)[number];

export const SectionSchema = z.object({
  slug: SlugSchema,
  name,
  description,
  /** Position in the site's navigation, lowest first. */
  order: z.number().int().min(0).max(10_000).default(0),
});
export type Section = z.infer<typeof SectionSchema>;

export const AuthorSchema = z.object({
  slug: SlugSchema,
  name,
  bio: z.string().trim().max(limits.bio).nullable().default(null),
  avatar: MediaUrlSchema.nullable().default(null),
});
export type Author = z.infer<typeof AuthorSchema>;

/** How an article names its section, tags and authors: enough to render a link. */
export const SectionRefSchema = SectionSchema.pick({ slug: true, name: true });
export type SectionRef = z.infer<typeof SectionRefSchema>;
export const TagRefSchema = TagSchema.pick({ slug: true, name: true, type: true });
export type TagRef = z.infer<typeof TagRefSchema>;
export const AuthorRefSchema = AuthorSchema.pick({ slug: true, name: true });
export type AuthorRef = z.infer<typeof AuthorRefSchema>;
