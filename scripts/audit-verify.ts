// `npm run audit:verify`: re-computes the audit hash chain of DATABASE_URL and names the first broken entry.
import { openDatabase } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { loadConfig } from '../src/server/config.ts';

const config = loadConfig();
const database = openDatabase(config.DATABASE_URL);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`audit chain intact: ${result.checked} entries verified (${database.label})`);
  } else {
    const broken = result.firstBroken!;
    console.error(
      `audit chain BROKEN at entry #${broken.seq} (${broken.reason}); ${result.checked} entries before it verified`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
