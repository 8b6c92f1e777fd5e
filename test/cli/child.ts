// The CLI as a process of its own, from the TypeScript sources (no build needed): for tests that kill it, or run
// several at once. Spawn as: node --import tsx test/cli/child.ts <args...>
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
