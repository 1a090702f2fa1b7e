// `npm run restore -- FILE`: restores a backup into DATABASE_URL, which must be a new SQLite file or an
// empty PostgreSQL database. Check it afterwards with `npm run audit:verify`.
import { restoreDatabase } from '../src/db/backup.ts';
import { loadConfig } from '../src/server/config.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- FILE');
  process.exit(2);
}
await restoreDatabase(file, loadConfig().DATABASE_URL);
console.log(`restored ${file}; now run: npm run audit:verify`);
