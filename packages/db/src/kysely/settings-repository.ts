import { defaultSettings, NewsroomSettingsSchema } from '@newsroom/domain';
import type { Kysely } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { SettingsRepository } from '../store.js';
import type { Database } from './database.js';

/**
 * The newsroom's settings: one row, written on the first update; until then the domain's
 * defaults hold, so a new database needs no seeding.
 */
export function createSettingsRepository(db: Kysely<Database>): SettingsRepository {
  const get = async () => {
    const row = await db.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirst();
    return row ? { requireSecondFactorFrom: row.require_second_factor_from } : { ...defaultSettings };
  };
  return {
    get,
    async update(patch) {
      const result = NewsroomSettingsSchema.partial().strict().safeParse(patch);
      if (!result.success) {
        throw new InvalidInputError(result.error.issues.map((issue) => issue.message).join('; '));
      }
      const settings = { ...(await get()), ...result.data };
      await db
        .insertInto('settings')
        .values({ id: 1, require_second_factor_from: settings.requireSecondFactorFrom })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet({ require_second_factor_from: settings.requireSecondFactorFrom }),
        )
        .execute();
      return settings;
    },
  };
}
