/** `npm run build -w @cspr/web`: writes dist/allowed-operations.json, the production allow-list. */
import { writeAllowedOperations } from './server/allowed-operations';

const path = await writeAllowedOperations(process.argv[2]);
console.log(`allowed operations written to ${path}`);
