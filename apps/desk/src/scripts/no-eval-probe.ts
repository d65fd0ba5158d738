import { config } from 'zod';

// The domain's zod schemas run in the editor too. Zod first tries `Function('')` to see whether
// it may compile faster checks; under the desk's policy (no eval) that try is refused and
// reported as a violation. Telling zod not to try keeps the policy's reports for real attacks.
// Imported for this effect alone, before anything that makes a schema.
config({ jitless: true });
