declare namespace App {
  interface Locals {
    /** The route pattern that answered (`/articles/[slug]`), set by the middleware for metrics. */
    route?: string;
  }
}
