// `npm run sandbox`: the simulator as a standalone process, configured by its own SANDBOX_*
// settings and LOG_LEVEL (src/sandbox/settings.ts).
import { pino } from 'pino';
import { startConfiguredSandbox } from './configured.js';
import { formatSettingsProblems, loadStandaloneSettings } from './settings.js';

const result = loadStandaloneSettings();
if (!result.ok) {
  process.stderr.write(`${formatSettingsProblems(result.problems)}\n`);
  process.exit(2);
}
const { settings, logLevel } = result;
const logger = pino({ level: logLevel });
const sandbox = await startConfiguredSandbox(settings, logger);
logger.info({ url: sandbox.url, seed: settings.seed, demandsTokens: settings.auth !== undefined }, 'Partner Center sandbox listening');

const stop = (signal: NodeJS.Signals): void => {
  logger.info({ signal }, 'Partner Center sandbox stopping');
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
