import type { APIRoute } from 'astro';
import { taxonomyFeed } from '../../../lib/feeds/taxonomy-feed';

/** RSS 2.0: the latest published stories in one section. */
export const GET: APIRoute = ({ params }) => taxonomyFeed('section', params.slug);
