/** Entry point for running the CLI from source (`npm run dev`, tests that spawn the process). */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
