export { type GenerateArticlesOptions, generateArticles } from './generate-articles.js';
export { type SampleStory, sampleStories, sampleStorySlug } from './sample-stories.js';
export { type SeedCounts, type SeedOptions, seed, seedIfEmpty } from './seed.js';
