// `npm run backup -- FILE`: an online backup of DATABASE_URL into FILE, taken while the server serves.
import { backupDatabase } from '../src/db/backup.ts';
import { loadConfig } from '../src/server/config.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- FILE');
  process.exit(2);
}
await backupDatabase(loadConfig().DATABASE_URL, file);
console.log(`backup written to ${file}`);
