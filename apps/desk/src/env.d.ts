/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The API client for this request, speaking for the person who sent it. */
    api: import('./lib/api').DeskClient;
    /** The session secret from the session cookie, or null when none. */
    session: string | null;
    /** The double-submit token every form of this page carries in its `csrf` field. */
    csrf: string;
  }
}
