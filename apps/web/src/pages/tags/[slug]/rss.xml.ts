import type { APIRoute } from 'astro';
import { taxonomyFeed } from '../../../lib/feeds/taxonomy-feed';

/** RSS 2.0: the latest published stories with one tag. */
export const GET: APIRoute = ({ params }) => taxonomyFeed('tag', params.slug);
