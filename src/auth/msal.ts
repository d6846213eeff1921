// The one ConfidentialClientApplication of the process. The authority host is trusted as a known
// authority, so nothing is asked of login.microsoftonline.com when another host is configured.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import type { Logger } from 'pino';
import type { AzureCredentials } from '../config.js';

export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';

function certificateCredential(path: string) {
  const pem = readFileSync(path, 'utf8');
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const keyPem = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!certPem || !keyPem) throw new Error(`AZURE_CLIENT_CERTIFICATE_PATH must hold a PEM certificate and its private key.`);
  const der = new X509Certificate(certPem).raw;
  return {
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
    privateKey: keyPem,
    // Sending the chain (x5c) enables subject-name/issuer authentication.
    x5c: certPem,
  };
}

export function createMsalClient(azure: AzureCredentials, logger: Logger): ConfidentialClientApplication {
  const host = new URL(azure.authorityHost).host;
  const config: Configuration = {
    auth: {
      clientId: azure.clientId,
      authority: `${azure.authorityHost}/${azure.tenantId}`,
      knownAuthorities: [host],
      ...(azure.clientSecret ? { clientSecret: azure.clientSecret } : {}),
      ...(azure.certificatePath ? { clientCertificate: certificateCredential(azure.certificatePath) } : {}),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (_level, message) => logger.debug({ msal: message }, 'msal'),
      },
    },
  };
  return new ConfidentialClientApplication(config);
}
