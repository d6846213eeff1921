// `npm run sandbox`: the simulator as a standalone process, configured like the gateway.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { formatConfigProblems, loadConfig } from '../config.js';
import { startSandbox } from './index.js';

const result = loadConfig();
if (!result.ok) {
  process.stderr.write(`${formatConfigProblems(result.problems)}\n`);
  process.exit(2);
}
const { config } = result;
const logger = pino({ level: config.logLevel });
const { host, port, seed, faults, commerce, auth } = config.sandbox;
const sandbox = await startSandbox({
  host,
  port,
  seed,
  faults,
  commerce,
  logger,
  ...(auth ? { auth: { jwksUri: auth.jwksUri, ...(auth.caPath ? { ca: readFileSync(auth.caPath, 'utf8') } : {}) } } : {}),
});
logger.info({ url: sandbox.url, seed, demandsTokens: auth !== undefined }, 'Partner Center sandbox listening');

const stop = (signal: NodeJS.Signals): void => {
  logger.info({ signal }, 'Partner Center sandbox stopping');
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
