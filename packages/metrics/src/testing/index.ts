export * from './promtool.js';
export * from './scrape.js';
